using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Saved plans through the API, on every store: SQLite always; PostgreSQL when
/// <c>TRELLIS_TEST_POSTGRES</c> is set, and always on CI (where a missing server fails the tests).
/// </summary>
public sealed class PlanApiTests
{
    public const string Plan = """
        name: UK exercise in Japan
        sendingState: GBR
        hostState: JPN
        purpose: exercise
        cooperativeActivity: true
        start: 2027-03-01
        end: 2027-03-21
        elements:
          - id: infantry
            kind: personnel
            count: 300
            category: member
            documents: [passport, military-id]
          - id: dogs
            kind: animal
            species: dog
            count: 2
        """;

    public static TheoryData<string> Stores()
    {
        var stores = new TheoryData<string> { "sqlite" };
        if (TestEnvironment.Postgres is not null || TestEnvironment.OnCi)
        {
            stores.Add("postgres");
        }

        return stores;
    }

    [PostgresFact]
    public void Postgres_IsConfigured_ForTheseTests()
    {
        using var database = new TempPostgresDatabase();
        Assert.StartsWith("trellis_test_", database.Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Create_Yaml_Returns201WithId_AndTheTextComesBack(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = await PlannerClient(app);

        using var response = await client.PostAsync("/api/plans", Yaml(Plan));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.Equal($"/api/plans/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);

        var saved = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{id}"))!;
        Assert.Equal("UK exercise in Japan", saved["name"]!.GetValue<string>());
        Assert.Equal("GBR", saved["sendingState"]!.GetValue<string>());
        Assert.Equal("2027-03-21", saved["end"]!.GetValue<string>());
        Assert.Equal(Plan, saved["body"]!.GetValue<string>());
        Assert.Equal(Plan, await client.GetStringAsync($"/api/plans/{id}/body"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Create_Json_IsAccepted(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = await PlannerClient(app);
        const string json = """
            {
            	"sendingState": "AUS", "hostState": "JPN", "purpose": "training",
            	"start": "2027-05-01", "end": "2027-05-02",
            	"elements": [ { "id": "team", "kind": "personnel", "count": 12, "category": "member" } ]
            }
            """;

        using var response = await client.PostAsync("/api/plans?name=Bushmaster%20drill", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var list = JsonNode.Parse(await client.GetStringAsync("/api/plans"))!;
        Assert.Equal(1, list["count"]!.GetValue<int>());
        Assert.Equal("Bushmaster drill", list["plans"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("json", list["plans"]![0]!["format"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Create_BadPlans_Return4xxProblems_AndStoreNothing(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App(maxRequestBytes: 4096);
        using var client = await PlannerClient(app);

        await AssertProblem(client.PostAsync("/api/plans", Yaml("name: [unclosed\nsendingState: GBR\n")), 400, "TRL001");
        await AssertProblem(client.PostAsync("/api/plans", Yaml(Plan.Replace("2027-03-01", "2027-02-30", StringComparison.Ordinal))), 400, "TRL020");
        await AssertProblem(client.PostAsync("/api/plans", Yaml(Plan.Replace("2027-03-21", "2027-02-21", StringComparison.Ordinal))), 400, "TRL024");
        await AssertProblem(client.PostAsync("/api/plans", Yaml(Plan.Replace("hostState: JPN", "hostState: JPX", StringComparison.Ordinal))), 400, "TRL010");
        await AssertProblem(client.PostAsync("/api/plans", new StringContent("{ \"sendingState\": ", Encoding.UTF8, "application/json")), 400, "TRL001");
        await AssertProblem(client.PostAsync("/api/plans", new StringContent(Plan, Encoding.UTF8, "text/csv")), 415, null);
        await AssertProblem(client.PostAsync("/api/plans", Yaml(Plan + "\nnotes: " + new string('x', 5000) + "\n")), 413, null);
        await AssertProblem(client.PostAsync("/api/plans", Yaml("")), 400, null);

        var list = JsonNode.Parse(await client.GetStringAsync("/api/plans"))!;
        Assert.Equal(0, list["count"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Put_WithCurrentETag_ReplacesThePlan_AndBumpsTheVersion(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = await PlannerClient(app);
        var id = await Create(client);

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/plans/{id}") { Content = Yaml(Plan.Replace("count: 300", "count: 400", StringComparison.Ordinal)) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var response = await client.SendAsync(put);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var saved = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{id}"))!;
        Assert.Equal(2, saved["version"]!.GetValue<int>());
        Assert.Contains("count: 400", saved["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Put_TwoEditsFromTheSameVersion_SecondGets412_AndTheFirstIsKept(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = await PlannerClient(app);
        var id = await Create(client);

        using var first = new HttpRequestMessage(HttpMethod.Put, $"/api/plans/{id}") { Content = Yaml(Plan.Replace("count: 300", "count: 350", StringComparison.Ordinal)) };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var second = new HttpRequestMessage(HttpMethod.Put, $"/api/plans/{id}") { Content = Yaml(Plan.Replace("count: 300", "count: 999", StringComparison.Ordinal)) };
        second.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(first)).StatusCode);
        var problem = await AssertProblem(client.SendAsync(second), 412, null);

        Assert.Equal("\"2\"", problem["currentETag"]!.GetValue<string>());
        var saved = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{id}"))!;
        Assert.Contains("count: 350", saved["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Put_WithoutIfMatch_Gets428_AndAMalformedEdit_KeepsThePlan(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = await PlannerClient(app);
        var id = await Create(client);

        await AssertProblem(client.PutAsync($"/api/plans/{id}", Yaml(Plan)), 428, null);
        using var bad = new HttpRequestMessage(HttpMethod.Put, $"/api/plans/{id}") { Content = Yaml("sendingState: [") };
        bad.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await AssertProblem(client.SendAsync(bad), 400, "TRL001");

        var saved = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{id}"))!;
        Assert.Equal(Plan, saved["body"]!.GetValue<string>());
        Assert.Equal(1, saved["version"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Delete_RemovesThePlan_AndAStaleIfMatchIsRefused(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = await PlannerClient(app);
        var id = await Create(client);

        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/plans/{id}");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        await AssertProblem(client.SendAsync(stale), 412, null);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Delete(id, "\"1\""))).StatusCode);
        await AssertProblem(client.GetAsync($"/api/plans/{id}"), 404, "TRL901");
        await AssertProblem(client.SendAsync(Delete(id, "\"1\"")), 404, "TRL901");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task SavedPlan_SurvivesARestartOfTheApp(string store)
    {
        using var s = Store.Open(store);
        string id;
        TestUser user;
        using (var app = s.App())
        {
            user = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
            using var client = TestAccounts.Client(app, user);
            id = await Create(client);
        }

        using (var app = s.App())
        using (var client = TestAccounts.Client(app, user))
        {
            var saved = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{id}"))!;
            Assert.Equal("UK exercise in Japan", saved["name"]!.GetValue<string>());
            Assert.Equal(Plan, saved["body"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("not-a-guid", "is not the id of a saved plan")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e", "There is no saved plan")]
    public async Task PlannerLink_ToNoSavedPlan_SaysSo(string id, string message)
    {
        // Regression: a link with a malformed id opened an empty planner without a word.
        using var s = Store.Open("sqlite");
        using var app = s.App();
        using var client = await PlannerClient(app);

        var html = await client.GetStringAsync($"/planner?plan={id}");

        Assert.Contains(message, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlannerUpload_OverTheLimit_ComesBackWithAMessage_AndSavesNothing()
    {
        using var s = Store.Open("sqlite");
        using var app = s.App(maxRequestBytes: 4096);
        using var client = app.CreateClient();
        var page = await client.GetStringAsync("/planner");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("plan"), "_handler" },
            { new StringContent("save"), "action" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Plan + "\nnotes: " + new string('x', 20_000) + "\n")), "upload", "big.yaml" },
        };

        using var response = await client.PostAsync("/planner", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("larger than 4,096 bytes", html, StringComparison.Ordinal);
        using var planner = await PlannerClient(app);
        Assert.Equal(0, JsonNode.Parse(await planner.GetStringAsync("/api/plans"))!["count"]!.GetValue<int>());
    }

    /// <summary>A client of a new planner of a new UK organisation, with its bearer token.</summary>
    internal static async Task<HttpClient> PlannerClient(TrellisApp app) => TestAccounts.Client(app, await TestAccounts.CreateAsync(app, "GBR", Role.Planner));

    internal static HttpRequestMessage Delete(string id, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/plans/{id}");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    internal static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    internal static async Task<string> Create(HttpClient client, string plan = Plan)
    {
        using var response = await client.PostAsync("/api/plans", Yaml(plan));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    internal static async Task<JsonNode> AssertProblem(Task<HttpResponseMessage> request, int status, string? code)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        if (code is not null)
        {
            Assert.Equal(code, problem["code"]?.GetValue<string>());
        }

        return problem;
    }

    /// <summary>One test's storage: a data folder and, for PostgreSQL, a database of its own.</summary>
    internal sealed class Store : IDisposable
    {
        private readonly TempFolder _folder = new();
        private readonly TempPostgresDatabase? _postgres;

        private Store(TempPostgresDatabase? postgres) => _postgres = postgres;

        public static Store Open(string kind) => new(kind == "postgres" ? new TempPostgresDatabase() : null);

        /// <summary>A new app over this storage: a second call is a restart.</summary>
        public TrellisApp App(long? maxRequestBytes = null) => new(_folder.Path, _postgres?.ConnectionString, maxRequestBytes);

        public void Dispose()
        {
            _postgres?.Dispose();
            _folder.Dispose();
        }
    }
}
