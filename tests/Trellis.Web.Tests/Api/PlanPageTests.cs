using System.Net;
using System.Text.Json.Nodes;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Issue 10 §5, lists that grow with users' data are paginated: <c>GET /api/plans</c> gives at most
/// <c>limit</c> (1–200, default 50) plans and a <c>next</c> cursor, on every store.
/// </summary>
public sealed class PlanPageTests
{
    [Theory]
    [MemberData(nameof(PlanApiTests.Stores), MemberType = typeof(PlanApiTests))]
    public async Task ListPlans_ByPagesOfTwo_GivesEveryPlanOnceNewestFirst(string store)
    {
        using var s = PlanApiTests.Store.Open(store);
        using var app = s.App();
        using var client = await PlanApiTests.PlannerClient(app);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync("/api/plans", PlanApiTests.Yaml(PlanApiTests.Plan.Replace("UK exercise in Japan", $"Plan {i}", StringComparison.Ordinal)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        }

        var seen = new List<string>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync("/api/plans?limit=2" + (next is null ? "" : "&cursor=" + Uri.EscapeDataString(next))))!;
            pages++;
            var plans = page["plans"]!.AsArray();
            Assert.Equal(plans.Count, page["count"]!.GetValue<int>());
            Assert.True(plans.Count <= 2);
            seen.AddRange(plans.Select(p => p!["id"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var all = JsonNode.Parse(await client.GetStringAsync("/api/plans"))!;
        Assert.Equal(5, all["count"]!.GetValue<int>());
        Assert.Null(all["next"]);
        Assert.Equal(seen, all["plans"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task ListPlans_BadLimitOrCursor_Is400NamingTheParameter(string query, string parameter)
    {
        using var s = PlanApiTests.Store.Open("sqlite");
        using var app = s.App();
        using var client = await PlanApiTests.PlannerClient(app);

        using var response = await client.GetAsync("/api/plans?" + query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal("TRL900", problem["code"]!.GetValue<string>());
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
    }
}
