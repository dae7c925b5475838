using System.Net;
using System.Text.Json.Nodes;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Every page and endpoint takes "today" from the app's <see cref="TimeProvider"/>, never from the
/// machine's calendar: with the clock stopped on 1 June 2019 the defaults are that day (the Japan–UK
/// RAA, signed in 2023, is not yet in force), whatever the machine's date.
/// </summary>
public sealed class ClockTests : IDisposable
{
    private static readonly DateOnly Day = new(2019, 6, 1);
    private readonly TempFolder _folder = new();
    private readonly TrellisApp _app;
    private readonly HttpClient _client;

    public ClockTests()
    {
        _app = new TrellisApp(_folder.Path) { Clock = new FixedClock(Day) };
        _client = _app.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("/api/agreements")]
    [InlineData("/api/network/metrics")]
    [InlineData("/api/network/graph")]
    [InlineData("/api/friction")]
    public async Task ApiDefaults_AreTheClocksDay(string path)
    {
        var body = await _client.GetStringAsync(path);

        Assert.Equal("2019-06-01", JsonNode.Parse(body)!["asOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agreement_OnTheClocksDay_IsNotYetInForce()
    {
        var view = JsonNode.Parse(await _client.GetStringAsync("/api/agreements/gbr-jpn-raa"))!;

        Assert.NotEqual("in-force", view["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/agreements", "status as of 1 June 2019")]
    [InlineData("/planner", "value=\"2019-12-01\"")]
    public async Task Pages_ShowTheClocksDay(string path, string expected)
    {
        using var response = await _client.GetAsync(path);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }
}
