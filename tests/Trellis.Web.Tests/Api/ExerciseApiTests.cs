using System.Net;
using System.Text.Json.Nodes;
using Trellis.Cli;

namespace Trellis.Web.Tests.Api;

/// <summary>Issue 11 §2 and issue 14 §3: an exercise edition assessed through the API and on its page; the calendar and its feed.</summary>
public sealed class ExerciseApiTests : IClassFixture<AgreementApiTests.App>, IDisposable
{
    private readonly HttpClient _client;

    public ExerciseApiTests(AgreementApiTests.App app) => _client = app.Factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task AssessRimpac2024_ReturnsTheCliJson()
    {
        var api = await _client.GetStringAsync("/api/exercises/rimpac/2024/assessment?today=2024-03-01");

        var cli = JsonNode.Parse(RunCli("exercise", "assess", "rimpac", "--edition", "2024", "--today", "2024-03-01", "--format", "json"))!;
        var json = JsonNode.Parse(api)!;
        Assert.True(JsonNode.DeepEquals(cli, json), "the API's event assessment differs from the CLI's");
        var participants = json["participants"]!.AsArray();
        Assert.DoesNotContain(participants, p => p!["sending"]!.GetValue<string>() == "USA");
        Assert.Contains(participants, p => p!["sending"]!.GetValue<string>() == "JPN" && p["noAgreement"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/api/exercises/rimpak/2024/assessment", 404, "TRL901")]
    [InlineData("/api/exercises/rimpac/2026/assessment", 404, "TRL901")]
    [InlineData("/api/exercises/talisman-sabre/2023/assessment", 422, "TRL215")]
    [InlineData("/api/exercises/balikatan/2025/assessment?heldIn=JPN", 400, "TRL216")]
    [InlineData("/api/exercises/rimpac/2024/assessment?today=2024-02-30", 400, "TRL020")]
    [InlineData("/api/exercises/calendar?since=2025-01-01&until=2024-01-01", 400, "TRL900")]
    public async Task BadRequest_IsAProblemWithItsCode(string url, int status, string code)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Calendar_JsonAndIcs()
    {
        var json = JsonNode.Parse(await _client.GetStringAsync("/api/exercises/calendar?since=2024-06-01&until=2024-08-31"))!;
        Assert.Contains(json["editions"]!.AsArray(), e => e!["exerciseId"]!.GetValue<string>() == "rimpac" && e["year"]!.GetValue<int>() == 2024);

        using var ics = await _client.GetAsync("/api/exercises/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("UID:rimpac-2024-20240627@trellis", await ics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExercisePage_ShowsATableRowPerSendingState()
    {
        using var response = await _client.GetAsync("/exercises/rimpac/2024?today=2024-03-01");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"participants\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#state-JPN\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"agreements/nato-sofa\"", html, StringComparison.Ordinal);
        Assert.Contains("No agreement applies", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#state-USA\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExercisePage_UnknownExercise_Is404WithAClearMessage()
    {
        using var response = await _client.GetAsync("/exercises/rimpak/2024");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("&#x27;rimpak&#x27; is not an exercise in the registry", html, StringComparison.Ordinal);
        Assert.Contains("rimpac", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExercisePage_EditionWithoutExactDays_SaysWhy()
    {
        var html = await _client.GetStringAsync("/exercises/talisman-sabre/2023");

        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("TS23", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarPage_ListsEditionsAndLinksTheAssessableOnes()
    {
        var html = await _client.GetStringAsync("/exercises/calendar");

        Assert.Contains("id=\"editions\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"exercises/rimpac/2024\"", html, StringComparison.Ordinal);
        Assert.Contains("api/exercises/calendar.ics", html, StringComparison.Ordinal);
    }

    private static string RunCli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TrellisCli.Run([.. args, "--data", TestEnvironment.Data], output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }
}
