using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Web.Accounts;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests.Cases;

/// <summary>
/// The two ministries of the UK-in-Japan sample, made through the app's own stores: a UK planner,
/// approver and viewer in one organisation; a Japanese host organisation that receives every
/// Japanese authority's filings, with a reviewer; a French planner (a third state). Plus a saved plan
/// of the UK organisation.
/// </summary>
public sealed class CaseFixture
{
    public required TestUser Planner { get; init; }
    public required TestUser Approver { get; init; }
    public required TestUser Viewer { get; init; }
    public required TestUser Reviewer { get; init; }
    public required TestUser French { get; init; }
    public required Guid PlanId { get; init; }

    public static readonly string SamplePlan = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "samples", "plans", "gbr-exercise-in-japan.yaml"));

    public static async Task<CaseFixture> CreateAsync(TrellisApp app, string? plan = null)
    {
        var planner = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        var approver = await TestAccounts.AddUserAsync(app, planner.OrganisationId, "GBR", Role.Approver);
        var viewer = await TestAccounts.AddUserAsync(app, planner.OrganisationId, "GBR", Role.Viewer);
        var reviewer = await TestAccounts.CreateAsync(app, "JPN", Role.HostReviewer);
        var french = await TestAccounts.CreateAsync(app, "FRA", Role.Planner, Role.Approver, Role.HostReviewer, Role.Auditor);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var mapped = await accounts.MapAuthorityAsync("JPN", reviewer.OrganisationId, AuthorityMapping.All);
        Assert.True(mapped.Ok, mapped.Message);

        var db = scope.ServiceProvider.GetRequiredService<TrellisDb>();
        var now = DateTime.UtcNow;
        var saved = new SavedPlan { Id = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now, Version = 1, OwnerOrganisationId = planner.OrganisationId };
        var text = new Endpoints.PlanText(plan ?? SamplePlan, PlanFormats.Yaml);
        var read = text.Read(scope.ServiceProvider.GetRequiredService<Registry.AgreementRegistry>());
        Assert.False(read.HasErrors, string.Join("; ", read.Diagnostics));
        PlanStore.Apply(saved, text, read.Value!, null, now);
        db.Plans.Add(saved);
        await db.SaveChangesAsync();
        return new CaseFixture { Planner = planner, Approver = approver, Viewer = viewer, Reviewer = reviewer, French = french, PlanId = saved.Id };
    }

    public static async Task<JsonNode> JsonOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static HttpRequestMessage WithIfMatch(HttpMethod method, string url, string? etag, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return request;
    }

    public static async Task<HttpResponseMessage> MoveAsync(HttpClient client, string filing, string to, string? etag = null, string? note = null, string? reference = null, string? restrictions = null)
    {
        if (etag is null)
        {
            using var current = await client.GetAsync($"/api/filings/{filing}");
            etag = current.Headers.ETag?.ToString();
        }

        using var request = WithIfMatch(HttpMethod.Post, $"/api/filings/{filing}/transitions", etag,
            JsonContent.Create(new { to, note, reference, restrictions }));
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, string caseId, string action)
    {
        using var current = await client.GetAsync($"/api/cases/{caseId}");
        using var request = WithIfMatch(HttpMethod.Post, $"/api/cases/{caseId}/{action}", current.Headers.ETag?.ToString());
        return await client.SendAsync(request);
    }
}
