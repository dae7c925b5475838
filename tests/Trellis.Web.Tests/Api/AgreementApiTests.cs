using System.Net;
using System.Text.Json.Nodes;
using Trellis.Cli;

namespace Trellis.Web.Tests.Api;

/// <summary>The registry endpoints answer with exactly the CLI's JSON, and with problem documents on bad input.</summary>
public sealed class AgreementApiTests : IClassFixture<AgreementApiTests.App>, IDisposable
{
    public sealed class App : IDisposable
    {
        private readonly TempFolder _folder = new();

        public App() => Factory = new TrellisApp(_folder.Path);

        public TrellisApp Factory { get; }

        public void Dispose()
        {
            Factory.Dispose();
            _folder.Dispose();
        }
    }

    private readonly HttpClient _client;

    public AgreementApiTests(App app) => _client = app.Factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("?between=GBR,JPN&asOf=2023-10-14", "agreements --between GBR JPN --as-of 2023-10-14 --format json")]
    [InlineData("?state=jpn&type=raa&asOf=2024-01-01", "agreements --state JPN --type raa --as-of 2024-01-01 --format json")]
    [InlineData("?status=in-force&asOf=2010-06-30", "agreements --status in-force --as-of 2010-06-30 --format json")]
    [InlineData("?asOf=2025-01-01", "agreements --as-of 2025-01-01 --format json")]
    public async Task ListAgreements_SameQuery_ReturnsTheCliJson(string query, string cli)
    {
        var api = await _client.GetStringAsync("/api/agreements" + query);

        // The same document; the API's is compact, the CLI's indented.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RunCli(cli)), JsonNode.Parse(api)), $"the API's answer differs from `trellis {cli}`");
    }

    [Fact]
    public async Task GetAgreement_KnownId_ReturnsTheCliJson()
    {
        var api = await _client.GetStringAsync("/api/agreements/gbr-jpn-raa?asOf=2023-10-15");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RunCli("agreement gbr-jpn-raa --as-of 2023-10-15 --format json")), JsonNode.Parse(api)), "the API's agreement differs from the CLI's");
        Assert.Equal("in-force", JsonNode.Parse(api)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAgreement_DayBeforeEntryIntoForce_IsSigned()
    {
        var api = JsonNode.Parse(await _client.GetStringAsync("/api/agreements/gbr-jpn-raa?asOf=2023-10-14"))!;

        Assert.Equal("signed", api["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/agreements/gbr-jpn-rab", 404, "TRL901")]
    [InlineData("/api/agreements?asOf=2023-02-30", 400, "TRL020")]
    [InlineData("/api/agreements?asOf=2023-10", 400, "TRL020")]
    [InlineData("/api/agreements?state=XXX", 400, "TRL010")]
    [InlineData("/api/agreements?between=GBR", 400, "TRL900")]
    [InlineData("/api/agreements?type=alliance-ish", 400, "TRL014")]
    [InlineData("/api/agreements?status=active", 400, "TRL900")]
    [InlineData("/api/facilities?host=ZZZ", 400, "TRL010")]
    public async Task BadRequest_ReturnsProblemDocumentWithCode(string url, int status, string code)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownApiPath_ReturnsProblemDocument()
    {
        using var response = await _client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task States_ListsEveryStateWithCowCodes()
    {
        var states = JsonNode.Parse(await _client.GetStringAsync("/api/states"))!;

        Assert.Equal(194, states["count"]!.GetValue<int>());
        var australia = states["states"]!.AsArray().Single(s => s!["iso3"]!.GetValue<string>() == "AUS")!;
        Assert.Equal("AUL", australia["cowAbbrev"]!.GetValue<string>());
    }

    [Fact]
    public async Task Facilities_FilteredByHost_ReturnsOnlyThatHostsFacilities()
    {
        var facilities = JsonNode.Parse(await _client.GetStringAsync("/api/facilities?host=PHL"))!["facilities"]!.AsArray();

        Assert.NotEmpty(facilities);
        Assert.All(facilities, f => Assert.Equal("PHL", f!["host"]!.GetValue<string>()));
        Assert.All(facilities, f => Assert.Contains(f!["confidence"]!.GetValue<string>(), new[] { "high", "medium", "low" }));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryArea()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("/api/agreements", paths);
        Assert.Contains("/api/agreements/{id}", paths);
        Assert.Contains("/api/states", paths);
        Assert.Contains("/api/facilities", paths);
        Assert.Contains("/api/plans", paths);
        Assert.Contains("/api/plans/{id}", paths);
        Assert.Contains("/api/assess", paths);
        Assert.Contains("/api/friction", paths);
        Assert.Contains("/api/network/metrics", paths);
        Assert.Contains("/api/network/timeline", paths);
        Assert.Contains("/api/network/whatif", paths);
        Assert.Contains("/api/network/candidates", paths);
        Assert.Contains("/api/network/export", paths);
        Assert.Contains("/api/reach", paths);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/agreements")]
    [InlineData("/agreements?state=JPN&partner=GBR&asOf=2023-10-15")]
    [InlineData("/agreements/gbr-jpn-raa")]
    [InlineData("/planner")]
    [InlineData("/network")]
    [InlineData("/map")]
    [InlineData("/api/reference/")]
    [InlineData("/states/JPN")]
    [InlineData("/network?year=2010&layers=access&layers=alliance")]
    [InlineData("/map?view=world&lat=35&lon=139&radiusKm=300")]
    public async Task Page_Renders(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AgreementsPage_StateAndPartner_ListsThePairsAgreements()
    {
        var html = await _client.GetStringAsync("/agreements?state=GBR&partner=JPN&asOf=2023-10-15");

        Assert.Contains("gbr-jpn-raa", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aus-jpn-raa", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementPage_Raa_ShowsRulesByArticleAndWorkedExamples()
    {
        var html = await _client.GetStringAsync("/agreements/gbr-jpn-raa");

        Assert.Contains("Rules by article", html, StringComparison.Ordinal);
        Assert.Contains("gbr-jpn-raa.", html, StringComparison.Ordinal);
        Assert.Contains("Worked examples", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementPage_JapanUsAcsa_ShowsAmmunitionAsOfTheDay()
    {
        var in2010 = await _client.GetStringAsync("/agreements/jpn-usa-logistics?asOf=2010-01-01");
        var in2018 = await _client.GetStringAsync("/agreements/jpn-usa-logistics?asOf=2018-01-01");

        Assert.Contains("Logistics terms", in2010, StringComparison.Ordinal);
        Assert.Contains("covered only in armed-attack", in2010, StringComparison.Ordinal);
        Assert.DoesNotContain("covered only in armed-attack", in2018, StringComparison.Ordinal);
        Assert.Contains("12 months after delivery", in2018, StringComparison.Ordinal);
        Assert.DoesNotContain("Logistics terms", await _client.GetStringAsync("/agreements/gbr-jpn-raa"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementPage_Sofa_SaysWhoseForcesItAdmits()
    {
        var html = await _client.GetStringAsync("/agreements/jpn-usa-sofa");

        Assert.Contains("<dt>Admits</dt><dd>forces of USA only, into Japan</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementsPage_ImpossibleDate_ShowsTheMessage()
    {
        var html = await _client.GetStringAsync("/agreements?asOf=2023-02-30");

        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("February 2023 has 28 days", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAgreementPage_Returns404Page()
    {
        using var response = await _client.GetAsync("/agreements/no-such-agreement");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string RunCli(string arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TrellisCli.Run([.. arguments.Split(' '), "--data", TestEnvironment.Data], output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }
}
