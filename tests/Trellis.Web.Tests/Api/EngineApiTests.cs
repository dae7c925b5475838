using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Trellis.Cli;

namespace Trellis.Web.Tests.Api;

/// <summary>Assessment, network and reach through the API answer with exactly the CLI's JSON.</summary>
public sealed class EngineApiTests : IClassFixture<AgreementApiTests.App>, IDisposable
{
    private static readonly string Sample = Path.Combine(TestEnvironment.RepoRoot, "samples", "plans", "gbr-exercise-in-japan.yaml");

    private readonly HttpClient _client;

    public EngineApiTests(AgreementApiTests.App app) => _client = app.Factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("?compare=true&today=2026-12-01", "--compare --today 2026-12-01")]
    [InlineData("?today=2026-12-01", "--today 2026-12-01")]
    [InlineData("?without=gbr-jpn-raa&today=2026-12-01", "--without gbr-jpn-raa --today 2026-12-01")]
    [InlineData("?compare=true&asOf=2023-10-14&today=2026-12-01", "--compare --as-of 2023-10-14 --today 2026-12-01")]
    [InlineData("?today=2027-08-01", "--today 2027-08-01")]
    public async Task Assess_UkInJapanSample_ReturnsTheCliJson(string query, string options)
    {
        using var response = await _client.PostAsync("/api/assess" + query, new StringContent(File.ReadAllText(Sample), Encoding.UTF8, "application/yaml"));
        var api = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, api);
        // The one difference: a plan sent over HTTP has no file name.
        var cli = JsonNode.Parse(RunCli($"assess {Sample} {options} --format json"))!;
        Assert.Equal("samples/plans/gbr-exercise-in-japan.yaml", cli["plan"]!["file"]!.GetValue<string>().Replace('\\', '/')[^40..]);
        cli["plan"]!["file"] = null;
        Assert.True(JsonNode.DeepEquals(cli, JsonNode.Parse(api)), "the API's assessment differs from the CLI's");
    }

    [Fact]
    public async Task Assess_Compare_ShowsWhatTheRaaRemoves()
    {
        using var response = await _client.PostAsync("/api/assess?compare=true", new StringContent(File.ReadAllText(Sample), Encoding.UTF8, "application/yaml"));
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(result["delta"]!["filings"]!.GetValue<long>() < 0);
        Assert.True(result["baseline"]!["filings"]!.GetValue<long>() > result["summary"]!["filings"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("purpose: [", "TRL001")]
    [InlineData("sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-02-30\nend: 2027-03-02\nelements: []\n", "TRL020")]
    public async Task Assess_MalformedPlan_Returns400ProblemWithCode(string plan, string code)
    {
        using var response = await _client.PostAsync("/api/assess?compare=true", new StringContent(plan, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assess_PlanNestedHundredsOfThousandsDeep_Returns400AndTheAppLivesOn()
    {
        // Regression: such a body overflowed the stack while parsing and ended the whole process.
        var plan = "purpose: " + new string('[', 400_000) + new string(']', 400_000) + "\n";
        using var response = await _client.PostAsync("/api/assess", new StringContent(plan, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TRL001", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        using var health = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Assess_Today_MarksOverdueAndDefaultsToTheClock()
    {
        using var late = await _client.PostAsync("/api/assess?today=2027-08-01", new StringContent(File.ReadAllText(Sample), Encoding.UTF8, "application/yaml"));
        var result = JsonNode.Parse(await late.Content.ReadAsStringAsync())!;
        Assert.Equal("2027-08-01", result["madeOn"]!.GetValue<string>());
        Assert.True(result["summary"]!["overdue"]!.GetValue<int>() > 0);

        using var now = await _client.PostAsync("/api/assess", new StringContent(File.ReadAllText(Sample), Encoding.UTF8, "application/yaml"));
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd"), JsonNode.Parse(await now.Content.ReadAsStringAsync())!["madeOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assess_BadToday_Returns400WithCode()
    {
        using var response = await _client.PostAsync("/api/assess?today=2027-02-30", new StringContent(File.ReadAllText(Sample), Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TRL020", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assess_HostWithoutBaseline_Returns422NothingCanBeAssessed()
    {
        const string plan = "sendingState: GBR\nhostState: FRA\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: team, kind: personnel, count: 5, category: member }\n";
        using var response = await _client.PostAsync("/api/assess?compare=true", new StringContent(plan, Encoding.UTF8, "application/yaml"));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("TRL209", problem["code"]!.GetValue<string>());
        Assert.StartsWith("Trellis has no baseline for France: nothing can be assessed", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CountsOverflow_IsA400ProblemWithTrl208NotA500()
    {
        var registry = Trellis.Registry.RegistryLoader.Load(TestEnvironment.Data).GetValueOrThrow();
        var assessor = new Trellis.Rules.Assessor(registry, Trellis.Rules.RuleBook.Load(registry).GetValueOrThrow());
        var elements = Enumerable.Range(0, 100_000)
            .Select(i => new Trellis.Rules.PlanElement($"ships-{i}", Trellis.Rules.ElementKind.Vessel, 10_000_000) { PortCalls = 10_000_000, Flags = Trellis.Rules.ElementFlags.Warship })
            .ToArray();
        var plan = new Trellis.Rules.ActivityPlan("GBR", "JPN", Trellis.Rules.Purpose.Exercise, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 1), elements) { CooperativeActivity = true };

        var (result, problem) = Endpoints.AssessEndpoints.Run(assessor, plan, compare: true, null, null, "2026-12-01", TimeProvider.System);

        Assert.Null(result);
        Assert.Equal(400, problem!.StatusCode);
        Assert.Equal("TRL208", problem.ProblemDetails.Extensions["code"]);
    }

    [Fact]
    public async Task Assess_UnknownAgreementSwitchedOff_Returns400()
    {
        using var response = await _client.PostAsync("/api/assess?without=no-such-agreement", new StringContent(File.ReadAllText(Sample), Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Issue 10 §5: the parameter by its name in the API, never the CLI's --without.
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("without", problem["parameter"]!.GetValue<string>());
        Assert.Equal(Diagnostics.DiagnosticCodes.UnknownAgreement, problem["code"]!.GetValue<string>());
        Assert.DoesNotContain("--", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/network/metrics?asOf=2024-06-01", "network metrics --as-of 2024-06-01 --format json")]
    [InlineData("/api/network/metrics?asOf=2024-06-01&layers=access,alliance", "network metrics --as-of 2024-06-01 --layers access,alliance --format json")]
    [InlineData("/api/network/timeline?from=2015&to=2024&metric=betweenness&states=JPN,AUS", "network timeline --from 2015 --to 2024 --metric betweenness --states JPN,AUS --format json")]
    [InlineData("/api/network/whatif?asOf=2024-06-01&remove=gbr-jpn-raa", "network whatif --as-of 2024-06-01 --remove gbr-jpn-raa --format json")]
    [InlineData("/api/network/candidates?asOf=2024-06-01&top=5", "network candidates --as-of 2024-06-01 --top 5 --format json")]
    [InlineData("/api/network/hubs?from=2020&to=2024", "network hubs --from 2020 --to 2024 --format json")]
    [InlineData("/api/reach?lat=21&lon=121&radiusKm=600&asOf=2025-01-01", "reach --lat 21 --lon 121 --radius-km 600 --as-of 2025-01-01 --format json")]
    [InlineData("/api/friction?asOf=2025-01-01", "friction --as-of 2025-01-01 --format json")]
    [InlineData("/api/coverage", "coverage --format json")]
    public async Task Engine_SameQuery_ReturnsTheCliJson(string url, string cli)
    {
        var api = await _client.GetStringAsync(url);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RunCli(cli)), JsonNode.Parse(api)), $"{url} differs from `trellis {cli}`");
    }

    [Fact]
    public async Task BaselinesPage_ShowsTheCoverageMatrixWithWhatIsNotResearched()
    {
        var html = await _client.GetStringAsync("/baselines");
        var cli = JsonNode.Parse(RunCli("coverage --format json"))!["cells"]!.AsArray();
        var notResearched = cli.Count(c => c!["level"]!.GetValue<string>() == "not-researched");

        Assert.True(notResearched > 0, "the bundled baselines research every kind: pick another check");
        Assert.Equal(notResearched, System.Text.RegularExpressions.Regex.Count(html, "class=\"cov-not-researched\""));
        Assert.Contains("href=\"baselines/PHL\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkExport_Graphml_IsUtf8Xml()
    {
        var graphml = await _client.GetStringAsync("/api/network/export?format=graphml&asOf=2024-06-01");

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", graphml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("JPN", graphml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkExport_GeoJson_PlacesEveryStateWithoutACoordinatesFile()
    {
        using var response = await _client.GetAsync("/api/network/export?format=geojson&asOf=2024-06-01");
        var geo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FeatureCollection", geo["type"]!.GetValue<string>());
        var features = geo["features"]!.AsArray();
        var japan = features.Single(f => f!["properties"]!["id"]?.GetValue<string>() == "JPN")!;
        var point = japan["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
        Assert.InRange(point[0], 128, 146); // longitude of the main islands' outline centre
        Assert.InRange(point[1], 30, 46);
        Assert.Contains(features, f => f!["geometry"]!["type"]!.GetValue<string>() == "LineString"
            && f["properties"]!["agreement"]!.GetValue<string>() == "gbr-jpn-raa");
        var omitted = response.Headers.TryGetValues("Trellis-Omitted", out var values) ? string.Join(',', values).Split(',') : [];
        var points = features.Count(f => f!["geometry"]!["type"]!.GetValue<string>() == "Point");
        var nodes = JsonNode.Parse(await _client.GetStringAsync("/api/network/metrics?asOf=2024-06-01"))!["graph"]!["nodes"]!.GetValue<int>();
        Assert.Equal(nodes, points + omitted.Length);
    }

    [Theory]
    [InlineData("/api/reach?lat=91&lon=121&radiusKm=600")]
    [InlineData("/api/reach?lat=21&lon=121")]
    [InlineData("/api/network/metrics?layers=trade")]
    [InlineData("/api/network/whatif?add=JPN-XXX:raa")]
    [InlineData("/api/network/timeline?from=2024&to=2000")]
    public async Task Engine_BadQuery_Returns400Problem(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WorldMap_IsServedOnce_AndCached()
    {
        using var response = await _client.GetAsync("/map/world.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("<title>Japan</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string RunCli(string arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TrellisCli.Run([.. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--data", TestEnvironment.Data], output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }
}
