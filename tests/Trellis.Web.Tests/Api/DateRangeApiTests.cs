using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Diagnostics;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Issue 10, "dates are total": a plan or as-of date outside 1900-01-01..2200-12-31 is a 400 problem with
/// TRL025 (and the parameter), never a 500; a plan at the very bounds saves, assesses and exports in every format.
/// </summary>
public sealed class DateRangeApiTests
{
    [Theory]
    [InlineData("/api/friction?asOf=9999-12-31")]
    [InlineData("/api/friction?asOf=0001-01-01")]
    [InlineData("/api/agreements?asOf=1899-12-31")]
    [InlineData("/api/network/metrics?asOf=2201-01-01")]
    public async Task AsOfOutsideTheSupportedRange_Is400WithTrl025AndTheParameter(string url)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(DiagnosticCodes.DateOutOfRange, problem["code"]!.GetValue<string>());
        Assert.Equal("asOf", problem["parameter"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2027-03-01", "0001-06-01")] // crashed in DateOnly.AddDays counting deadlines back from the start
    [InlineData("2027-03-21", "9999-12-31")] // broke the ICS export (the day after the end)
    public async Task CreatePlan_DateOutsideTheSupportedRange_Is400WithTrl025AndSavesNothing(string from, string to)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = await PlanApiTests.PlannerClient(app);
        var plan = PlanApiTests.Plan.Replace(from, to, StringComparison.Ordinal);
        if (to.StartsWith("0001", StringComparison.Ordinal))
        {
            plan = plan.Replace("2027-03-21", "0001-06-20", StringComparison.Ordinal);
        }

        using var response = await client.PostAsync("/api/plans", PlanApiTests.Yaml(plan));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Equal(DiagnosticCodes.DateOutOfRange, JsonNode.Parse(body)!["code"]!.GetValue<string>());
        Assert.Equal(0, JsonNode.Parse(await client.GetStringAsync("/api/plans"))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PlanAtTheBoundsOfTheRange_SavesAssessesAndExportsInEveryFormat()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = await PlanApiTests.PlannerClient(app);
        var plan = PlanApiTests.Plan.Replace("2027-03-01", "1900-01-01", StringComparison.Ordinal).Replace("2027-03-21", "2200-12-31", StringComparison.Ordinal);

        var id = await PlanApiTests.Create(client, plan);

        foreach (var format in new[] { "json", "md", "ics", "yaml" })
        {
            using var export = await client.GetAsync($"/api/plans/{id}/export?format={format}&compare=true");
            Assert.True(export.IsSuccessStatusCode, $"{format}: {(int)export.StatusCode} {await export.Content.ReadAsStringAsync()}");
        }

        foreach (var asOf in new[] { "1900-01-01", "2200-12-31" })
        {
            using var export = await client.GetAsync($"/api/plans/{id}/export?format=ics&asOf={asOf}");
            Assert.True(export.IsSuccessStatusCode, $"asOf {asOf}: {(int)export.StatusCode}");
        }

        using var planner = await client.GetAsync($"/planner?plan={id}");
        Assert.True(planner.IsSuccessStatusCode, $"planner: {(int)planner.StatusCode}");
        using var outside = await client.GetAsync($"/planner?plan={id}&asOf=0001-01-01");
        Assert.True(outside.IsSuccessStatusCode, $"planner, asOf 0001-01-01: {(int)outside.StatusCode}");
        Assert.Contains("outside the dates Trellis supports", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var friction = await client.GetAsync("/api/friction?asOf=2200-12-31");
        Assert.True(friction.IsSuccessStatusCode, $"friction: {(int)friction.StatusCode} {await friction.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task PlanSavedBeforeTheRangeWasChecked_ExportsAre400WithTrl025_ItsTextAndThePlannerStillOpen()
    {
        // POST /api/plans used to accept a plan starting 0001-06-01; its exports and planner link then failed with 500 for ever.
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var user = await TestAccounts.CreateAsync(app, "GBR", Trellis.Cases.Role.Planner);
        using var client = TestAccounts.Client(app, user);
        var body = PlanApiTests.Plan.Replace("2027-03-01", "0001-06-01", StringComparison.Ordinal).Replace("2027-03-21", "0001-06-20", StringComparison.Ordinal);
        var id = Guid.CreateVersion7();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Persistence.TrellisDb>();
            db.Plans.Add(new Persistence.SavedPlan
            {
                Id = id, Name = "old", Body = body, SendingState = "GBR", HostState = "JPN",
                Start = new DateOnly(1, 6, 1), End = new DateOnly(1, 6, 20), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1,
                OwnerOrganisationId = user.OrganisationId,
            });
            await db.SaveChangesAsync();
        }

        foreach (var format in new[] { "json", "md", "ics" })
        {
            using var export = await client.GetAsync($"/api/plans/{id}/export?format={format}");
            var text = await export.Content.ReadAsStringAsync();
            Assert.True(export.StatusCode == HttpStatusCode.BadRequest, $"{format}: {(int)export.StatusCode} {text}");
            Assert.Equal(DiagnosticCodes.DateOutOfRange, JsonNode.Parse(text)!["code"]!.GetValue<string>());
        }

        Assert.Equal(body, await client.GetStringAsync($"/api/plans/{id}/body"));
        using var planner = await client.GetAsync($"/planner?plan={id}");
        var html = await planner.Content.ReadAsStringAsync();
        Assert.True(planner.IsSuccessStatusCode, $"planner: {(int)planner.StatusCode}");
        Assert.Contains(DiagnosticCodes.DateOutOfRange, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/agreements?asOf=0001-01-01")]
    [InlineData("/agreements/gbr-jpn-raa?asOf=9999-12-31")]
    [InlineData("/network?asOf=9999-12-31")]
    [InlineData("/map?asOf=0001-01-01")]
    public async Task Page_AsOfOutsideTheSupportedRange_SaysSoInsteadOfFailing(string url)
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);

        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        Assert.Contains("outside the dates Trellis supports", html, StringComparison.Ordinal);
    }
}
