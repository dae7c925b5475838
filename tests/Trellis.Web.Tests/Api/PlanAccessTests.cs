using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Web.Persistence;
using static Trellis.Web.Tests.Api.PlanApiTests;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Who reaches saved plans: signed-in users only, each request decided by the policy for the plan's
/// owner organisation; on SQLite and PostgreSQL. What is public stays public.
/// </summary>
public sealed class PlanAccessTests
{
    [Theory]
    [MemberData(nameof(Stores), MemberType = typeof(PlanApiTests))]
    public async Task Plans_WithoutCredentials_Are401ProblemDocuments_NeverARedirect(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var id = Guid.NewGuid();

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => client.GetAsync("/api/plans"), () => client.PostAsync("/api/plans", PlanApiTests.Yaml(Plan)), () => client.GetAsync($"/api/plans/{id}"),
            () => client.PutAsync($"/api/plans/{id}", PlanApiTests.Yaml(Plan)), () => client.SendAsync(Delete(id.ToString(), "\"1\"")), () => client.GetAsync("/api/orgs"),
        })
        {
            using var response = await request();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "trellis_pat_not-a-token");
        using var bad = await client.GetAsync("/api/plans");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("invalid_token", bad.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPages_AndAssessWithoutSaving_NeedNoAccount()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/agreements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/assess", PlanApiTests.Yaml(Plan))).StatusCode);
        foreach (var page in new[] { "/", "/agreements", "/planner", "/network", "/map" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Stores), MemberType = typeof(PlanApiTests))]
    public async Task PlanOfAnotherOrganisation_IsNotFound_AndNotListed(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        var uk = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        var japan = await TestAccounts.CreateAsync(app, "JPN", Role.Planner, Role.Admin);
        using var ukClient = TestAccounts.Client(app, uk);
        using var japanClient = TestAccounts.Client(app, japan);
        var id = await Create(ukClient);

        await AssertProblem(japanClient.GetAsync($"/api/plans/{id}"), 404, "TRL901");
        await AssertProblem(japanClient.GetAsync($"/api/plans/{id}/export?format=md"), 404, "TRL901");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/plans/{id}") { Content = PlanApiTests.Yaml(Plan) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await AssertProblem(japanClient.SendAsync(put), 404, "TRL901");
        await AssertProblem(japanClient.SendAsync(Delete(id, "\"1\"")), 404, "TRL901");
        Assert.Equal(0, JsonNode.Parse(await japanClient.GetStringAsync("/api/plans"))!["count"]!.GetValue<int>());
        Assert.Equal(1, JsonNode.Parse(await ukClient.GetStringAsync("/api/plans"))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ViewerOfTheOrganisation_ReadsItsPlans_ButCannotSaveOrChangeThem()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var planner = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        var viewer = await TestAccounts.AddUserAsync(app, planner.OrganisationId, "GBR", Role.Viewer);
        using var plannerClient = TestAccounts.Client(app, planner);
        using var viewerClient = TestAccounts.Client(app, viewer);
        var id = await Create(plannerClient);

        Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync($"/api/plans/{id}")).StatusCode);
        await AssertProblem(viewerClient.PostAsync("/api/plans", PlanApiTests.Yaml(Plan)), 403, null);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/plans/{id}") { Content = PlanApiTests.Yaml(Plan) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await AssertProblem(viewerClient.SendAsync(put), 403, null);
        await AssertProblem(viewerClient.SendAsync(Delete(id, "\"1\"")), 403, null);
    }

    [Theory]
    [MemberData(nameof(Stores), MemberType = typeof(PlanApiTests))]
    public async Task Delete_WithoutIfMatch_OrWithStar_Is428_AndKeepsThePlan(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        using var client = await PlannerClient(app);
        var id = await Create(client);

        await AssertProblem(client.SendAsync(Delete(id, null)), 428, null);
        await AssertProblem(client.SendAsync(Delete(id, "*")), 428, null);
        await AssertProblem(client.SendAsync(Delete(id, "W/\"1\"")), 428, null);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/plans/{id}") { Content = PlanApiTests.Yaml(Plan) };
        put.Headers.TryAddWithoutValidation("If-Match", "*");
        await AssertProblem(client.SendAsync(put), 428, null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/plans/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores), MemberType = typeof(PlanApiTests))]
    public async Task PlanSavedBeforeAccounts_IsSeenByAdministratorsOnly(string store)
    {
        using var s = Store.Open(store);
        using var app = s.App();
        var id = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrellisDb>();
            db.Plans.Add(new SavedPlan
            {
                Id = id, Name = "Old plan", Body = Plan, SendingState = "GBR", HostState = "JPN", Start = new DateOnly(2027, 3, 1), End = new DateOnly(2027, 3, 21),
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1, OwnerOrganisationId = null,
            });
            await db.SaveChangesAsync();
        }

        var planner = await TestAccounts.CreateAsync(app, "GBR", Role.Planner, Role.Viewer, Role.Auditor);
        var admin = await TestAccounts.CreateAsync(app, "GBR", Role.Admin);
        using var plannerClient = TestAccounts.Client(app, planner);
        using var adminClient = TestAccounts.Client(app, admin);

        await AssertProblem(plannerClient.GetAsync($"/api/plans/{id}"), 404, "TRL901");
        Assert.Equal(0, JsonNode.Parse(await plannerClient.GetStringAsync("/api/plans"))!["count"]!.GetValue<int>());
        Assert.Equal("Old plan", JsonNode.Parse(await adminClient.GetStringAsync($"/api/plans/{id}"))!["name"]!.GetValue<string>());
        Assert.Equal(1, JsonNode.Parse(await adminClient.GetStringAsync("/api/plans"))!["count"]!.GetValue<int>());

        using var output = new StringWriter();
        var exit = await Trellis.Web.Admin.AdminCommands.RunAsync(app.Services, ["plan", "assign", "--plan", id.ToString(), "--org", planner.OrganisationId.ToString()],
            new StringReader(""), output, output);
        Assert.True(exit == 0, output.ToString());
        Assert.Equal("Old plan", JsonNode.Parse(await plannerClient.GetStringAsync($"/api/plans/{id}"))!["name"]!.GetValue<string>());
    }
}
