using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Persistence;
using static Trellis.Web.Tests.Cases.CaseFixture;

namespace Trellis.Web.Tests.Cases;

/// <summary>A case carried from draft to every filing decided, through the API, by the two ministries (issue 9).</summary>
public sealed class CaseApiTests
{
    private static async Task<(JsonNode Case, string Id)> OpenAsync(HttpClient planner, Guid planId)
    {
        using var opened = await planner.PostAsJsonAsync("/api/cases", new { planId });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var json = await JsonOf(opened);
        return (json, json["case"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Case_FromDraftToEveryFilingDecided_EachSideDoesOnlyItsPart()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        using var approver = TestAccounts.Client(app, f.Approver);
        using var viewer = TestAccounts.Client(app, f.Viewer);
        using var reviewer = TestAccounts.Client(app, f.Reviewer);
        using var french = TestAccounts.Client(app, f.French);
        using var anonymous = app.CreateClient();

        // Open: a draft whose filings are the frozen assessment's requirements, addressed to the host organisation.
        var (opened, id) = await OpenAsync(planner, f.PlanId);
        Assert.Equal("draft", opened["case"]!["status"]!.GetValue<string>());
        var filings = opened["filings"]!.AsArray();
        Assert.NotEmpty(filings);
        Assert.All(filings, x => Assert.Equal("draft", x!["status"]!.GetValue<string>()));
        Assert.All(filings, x => Assert.Equal(f.Reviewer.OrganisationId.ToString(), x!["addressedTo"]!.GetValue<string>()));
        Assert.Equal(64, opened["registryHash"]!.GetValue<string>().Length);
        Assert.Equal(opened["assessment"]!["lawDate"]!.GetValue<string>(), opened["case"]!["lawDate"]!.GetValue<string>());
        // An unknown lead time is an unknown deadline, never a day.
        Assert.Contains(filings, x => x!["leadTimeUnknown"]!.GetValue<bool>() && x["deadline"] is null && x["due"]!.GetValue<string>() == "unknown");
        var summary = opened["case"]!;
        Assert.Equal(filings.Count, summary["filings"]!.GetValue<int>());
        Assert.Equal(filings.Count, summary["openFilings"]!.GetValue<int>());
        Assert.Equal(filings.Count(x => x!["deadline"] is null), summary["unknownDeadlines"]!.GetValue<int>());
        Assert.Equal(filings.Where(x => x!["deadline"] is not null).Min(x => x!["deadline"]!.GetValue<string>()), summary["nextDeadline"]!.GetValue<string>());

        // Before release the host and third states learn nothing; anonymous callers are not signed in.
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await french.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Empty((await JsonOf(await reviewer.GetAsync("/api/cases")))["items"]!.AsArray());

        // Moving the case needs If-Match; the planner submits, a viewer and the planner cannot approve, the approver does.
        using (var noEtag = await planner.PostAsync($"/api/cases/{id}/submit", null))
        {
            Assert.Equal((HttpStatusCode)428, noEtag.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(planner, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(viewer, id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(planner, id, "approve")).StatusCode);
        using (var conflict = await ActAsync(planner, id, "submit"))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        }

        using (var released = await ActAsync(approver, id, "approve"))
        {
            Assert.Equal(HttpStatusCode.OK, released.StatusCode);
            var json = await JsonOf(released);
            Assert.Equal("submitted", json["case"]!["status"]!.GetValue<string>());
            Assert.All(json["filings"]!.AsArray(), x => Assert.Equal("submitted", x!["status"]!.GetValue<string>()));
        }

        // Now the host sees the case and its inbox; the third state still sees nothing.
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await french.GetAsync($"/api/cases/{id}")).StatusCode);
        var inbox = (await JsonOf(await reviewer.GetAsync("/api/inbox?limit=200")))["items"]!.AsArray();
        Assert.Equal(filings.Count, inbox.Count);
        var first = inbox[0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await french.GetAsync($"/api/filings/{first}")).StatusCode);

        // The sending side cannot decide a host filing; the host cannot edit the plan.
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(planner, first, "approved")).StatusCode);
        using (var edit = WithIfMatch(HttpMethod.Put, $"/api/cases/{id}/plan", "\"3\"", new StringContent(SamplePlan, Encoding.UTF8, "application/yaml")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.SendAsync(edit)).StatusCode);
        }

        // One filing goes through need-more-info and back; a stale ETag is 412; an illegal move is 409 naming the allowed ones.
        using (var ask = await MoveAsync(reviewer, first, "need-more-info", note: "Send the aircraft registrations"))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await MoveAsync(planner, first, "submitted", etag: "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(planner, first, "submitted", note: "Registrations attached")).StatusCode);
        using (var approved = await MoveAsync(reviewer, first, "approved", reference: "MOFA-2027-0042"))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            Assert.Equal("MOFA-2027-0042", (await JsonOf(approved))["reference"]!.GetValue<string>());
        }

        using (var illegal = await MoveAsync(reviewer, first, "denied"))
        {
            Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
            Assert.Empty((await JsonOf(illegal))["allowed"]!.AsArray());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await MoveAsync(reviewer, inbox[1]!["id"]!.GetValue<string>(), "approved-with-restrictions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(reviewer, inbox[1]!["id"]!.GetValue<string>(), "approved-with-restrictions", restrictions: "Daylight flights only")).StatusCode);
        foreach (var filing in inbox.Skip(2))
        {
            Assert.Equal(HttpStatusCode.OK, (await MoveAsync(reviewer, filing!["id"]!.GetValue<string>(), "approved")).StatusCode);
        }

        var decided = await JsonOf(await planner.GetAsync($"/api/cases/{id}"));
        Assert.All(decided["filings"]!.AsArray(), x => Assert.StartsWith("approved", x!["status"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(0, decided["case"]!["openFilings"]!.GetValue<int>());

        // Comments are threaded; the note of a move became one; the host is notified of nothing it did itself.
        var comments = (await JsonOf(await planner.GetAsync($"/api/cases/{id}/comments"))).AsArray();
        Assert.Contains(comments, c => c!["text"]!.GetValue<string>().Contains("Send the aircraft registrations", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/cases/{id}/comments", new { text = "looks fine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await french.PostAsJsonAsync($"/api/cases/{id}/comments", new { text = "hello" })).StatusCode);
        Assert.NotEmpty((await JsonOf(await planner.GetAsync("/api/notifications"))).AsArray());

        // The history holds every change, in order, and the chain is whole.
        var history = (await JsonOf(await planner.GetAsync($"/api/cases/{id}/audit"))).AsArray();
        Assert.Equal("case.open", history[0]!["action"]!.GetValue<string>());
        Assert.Contains(history, h => h!["action"]!.GetValue<string>() == "case.approve");
        Assert.True(history.Count >= 3 + filings.Count);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await AuditLog.VerifyAsync(scope.ServiceProvider.GetRequiredService<TrellisDb>(), default));
        using var csv = await planner.GetAsync($"/api/cases/{id}/audit?format=csv");
        Assert.StartsWith("sequence,at,actor,action", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transition_AnswersTheFilingAsAGetReadsItAfterwards()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        using var approver = TestAccounts.Client(app, f.Approver);
        using var reviewer = TestAccounts.Client(app, f.Reviewer);
        var (opened, id) = await OpenAsync(planner, f.PlanId);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(planner, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(approver, id, "approve")).StatusCode);
        var filing = opened["filings"]![0]!["id"]!.GetValue<string>();

        foreach (var (client, to) in new[] { (reviewer, "under-review"), (reviewer, "need-more-info"), (planner, "submitted"), (reviewer, "approved") })
        {
            using var moved = await MoveAsync(client, filing, to, note: $"to {to}", reference: to == "approved" ? "JJS-2027-001" : null);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            using var read = await client.GetAsync($"/api/filings/{filing}");
            var (answer, fresh) = (await JsonOf(moved), await JsonOf(read));

            Assert.Equal(to, answer["status"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(fresh, answer), $"after the move to {to} the answer{Environment.NewLine}{answer}{Environment.NewLine}differs from a read{Environment.NewLine}{fresh}");
            Assert.Equal(read.Headers.ETag, moved.Headers.ETag);
        }
    }

    [Fact]
    public async Task Amend_ChangedFilingsReopen_UnchangedKeepTheirStatus_RemovedAreWithdrawn()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        using var approver = TestAccounts.Client(app, f.Approver);
        using var reviewer = TestAccounts.Client(app, f.Reviewer);
        var (_, id) = await OpenAsync(planner, f.PlanId);
        await ActAsync(planner, id, "submit");
        await ActAsync(approver, id, "approve");
        var before = (await JsonOf(await planner.GetAsync($"/api/cases/{id}")))["filings"]!.AsArray();
        foreach (var filing in before)
        {
            Assert.Equal(HttpStatusCode.OK, (await MoveAsync(reviewer, filing!["id"]!.GetValue<string>(), "approved")).StatusCode);
        }

        // Half the infantry stays home: the per-person filings change, the rest do not.
        var amended = SamplePlan.Replace("count: 260", "count: 130", StringComparison.Ordinal);
        Assert.NotEqual(SamplePlan, amended);
        using var current = await planner.GetAsync($"/api/cases/{id}");
        using var put = WithIfMatch(HttpMethod.Put, $"/api/cases/{id}/plan", current.Headers.ETag!.ToString(), new StringContent(amended, Encoding.UTF8, "application/yaml"));
        using var response = await planner.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var change = await JsonOf(response);
        var changed = change["changed"]!.AsArray();
        Assert.NotEmpty(changed);
        Assert.All(changed, c => Assert.Equal("submitted", c!["statusAfter"]!.GetValue<string>()));
        Assert.Contains(changed, c => c!["changes"]!.AsArray().Any(x => x!.GetValue<string>().StartsWith("count ", StringComparison.Ordinal)));

        var after = (await JsonOf(await reviewer.GetAsync($"/api/cases/{id}")))["filings"]!.AsArray();
        var reopened = changed.Select(c => c!["rule"]!.GetValue<string>()).ToHashSet();
        Assert.All(after.Where(x => !reopened.Contains(x!["rule"]!.GetValue<string>())), x => Assert.Equal("approved", x!["status"]!.GetValue<string>()));
        Assert.All(after.Where(x => reopened.Contains(x!["rule"]!.GetValue<string>())), x => Assert.Equal("submitted", x!["status"]!.GetValue<string>()));
        var history = (await JsonOf(await reviewer.GetAsync($"/api/cases/{id}/audit"))).AsArray();
        Assert.Contains(history, h => h!["action"]!.GetValue<string>() == "case.amend");
    }

    [Fact]
    public async Task RegistryChange_ListsTheOpenCasesItAffects_AndAReassessmentFreezesTheNewRegistry()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        using var french = TestAccounts.Client(app, f.French);
        var (opened, id) = await OpenAsync(planner, f.PlanId);
        var current = opened["registryHash"]!.GetValue<string>();
        Assert.Empty((await JsonOf(await planner.GetAsync("/api/cases/stale"))).AsArray());

        // The case was frozen with another registry (as after `git pull` of new data).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrellisDb>();
            var record = await db.Cases.FindAsync(Guid.Parse(id));
            record!.RegistryHash = new string('a', 64);
            await db.SaveChangesAsync();
        }

        var stale = (await JsonOf(await planner.GetAsync("/api/cases/stale"))).AsArray();
        var listed = Assert.Single(stale);
        Assert.Equal(id, listed!["case"]!["id"]!.GetValue<string>());
        Assert.Empty((await JsonOf(await french.GetAsync("/api/cases/stale"))).AsArray());
        Assert.True((await JsonOf(await planner.GetAsync($"/api/cases/{id}")))["registryChanged"]!.GetValue<bool>());

        using var get = await planner.GetAsync($"/api/cases/{id}");
        using var reassess = WithIfMatch(HttpMethod.Post, $"/api/cases/{id}/reassess", get.Headers.ETag!.ToString());
        using var response = await planner.SendAsync(reassess);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await JsonOf(await planner.GetAsync($"/api/cases/{id}"));
        Assert.Equal(current, after["registryHash"]!.GetValue<string>());
        Assert.False(after["registryChanged"]!.GetValue<bool>());
        Assert.Empty((await JsonOf(await planner.GetAsync("/api/cases/stale"))).AsArray());
    }

    [Fact]
    public async Task Attachments_AreCheckedByContent_AndServedAsDownloads()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        using var french = TestAccounts.Client(app, f.French);
        var (opened, _) = await OpenAsync(planner, f.PlanId);
        var filing = opened["filings"]![0]!["id"]!.GetValue<string>();

        using var exe = await planner.PostAsync($"/api/filings/{filing}/attachments?name=orders.pdf", new ByteArrayContent("MZ\u0090\0\u0003\0\0\0"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        using var pdf = await planner.PostAsync($"/api/filings/{filing}/attachments?name=../orders.pdf", new ByteArrayContent("%PDF-1.7\n%fake but typed\n"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Created, pdf.StatusCode);
        var attachment = await JsonOf(pdf);
        Assert.Equal("orders.pdf", attachment["fileName"]!.GetValue<string>());
        Assert.Equal("application/pdf", attachment["contentType"]!.GetValue<string>());

        using var download = await planner.GetAsync($"/api/attachments/{attachment["id"]}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await french.GetAsync($"/api/attachments/{attachment["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await french.PostAsync($"/api/filings/{filing}/attachments?name=x.txt", new StringContent("hello"))).StatusCode);
    }

    [Fact]
    public async Task List_IsPaginated_AndFiltersAreCodedErrors()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        for (var i = 0; i < 3; i++)
        {
            await OpenAsync(planner, f.PlanId);
        }

        var page1 = await JsonOf(await planner.GetAsync("/api/cases?limit=2"));
        Assert.Equal(2, page1["items"]!.AsArray().Count);
        var next = page1["next"]!.GetValue<string>();
        var page2 = await JsonOf(await planner.GetAsync($"/api/cases?limit=2&cursor={next}"));
        Assert.Single(page2["items"]!.AsArray());
        Assert.Null(page2["next"]);
        Assert.Empty(page1["items"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).Intersect(page2["items"]!.AsArray().Select(x => x!["id"]!.GetValue<string>())));
        Assert.Equal(3, (await JsonOf(await planner.GetAsync("/api/cases?status=draft&partner=JPN")))["items"]!.AsArray().Count);

        foreach (var bad in new[] { "status=maybe", "partner=ZZZ", "limit=0", "limit=100000", "cursor=nope", "dueBefore=2027-02-30" })
        {
            using var response = await planner.GetAsync($"/api/cases?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("TRL", (await JsonOf(response))["code"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Inbox_PagesThroughEveryFiling_KnownDeadlinesInOrderThenUnknown()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        using var approver = TestAccounts.Client(app, f.Approver);
        using var reviewer = TestAccounts.Client(app, f.Reviewer);
        var (opened, id) = await OpenAsync(planner, f.PlanId);
        await ActAsync(planner, id, "submit");
        await ActAsync(approver, id, "approve");

        var seen = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await JsonOf(await reviewer.GetAsync($"/api/inbox?limit=4{(cursor is null ? "" : $"&cursor={cursor}")}"));
            seen.AddRange(page["items"]!.AsArray().Select(x => x!));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(opened["filings"]!.AsArray().Count, seen.Count);
        Assert.Equal(seen.Count, seen.Select(x => x["id"]!.GetValue<string>()).Distinct().Count());
        var deadlines = seen.Select(x => x["deadline"]?.GetValue<string>()).ToArray();
        var known = deadlines.TakeWhile(d => d is not null).ToArray();
        Assert.Equal(known.Order(StringComparer.Ordinal), known);
        Assert.All(deadlines.Skip(known.Length), d => Assert.Null(d));
        Assert.Contains(deadlines, d => d is null);
    }

    [Fact]
    public async Task CalendarFeed_ListsTheUsersDeadlines_UnknownOnesAsUnknown_AndCanBeRevoked()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        await OpenAsync(planner, f.PlanId);
        var url = new Uri((await JsonOf(await planner.PostAsync("/api/calendar", null)))["url"]!.GetValue<string>());
        using var anonymous = app.CreateClient();
        var ics = await anonymous.GetStringAsync(url.PathAndQuery);
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("Due: ", ics, StringComparison.Ordinal);
        Assert.Contains("Deadline unknown", ics, StringComparison.Ordinal);
        await planner.DeleteAsync("/api/calendar");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task AuditVerify_OnSqlite_NamesTheRowSomeoneEdited()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        var (_, id) = await OpenAsync(planner, f.PlanId);
        await ActAsync(planner, id, "submit");
        var (ok, okOutput, _) = await VerifyAsync(app);
        Assert.Equal(0, ok);
        Assert.Contains("one unbroken hash chain", okOutput, StringComparison.Ordinal);
        var file = Path.Combine(folder.Path, "trellis.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 1";
            var refused = await Assert.ThrowsAsync<SqliteException>(() => update.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);

            // Someone with the file drops the trigger and edits the first row.
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 1";
            await tamper.ExecuteNonQueryAsync();
        }

        var (exit, _, error) = await VerifyAsync(app);
        Assert.Equal(1, exit);
        Assert.Contains("TRL700", error, StringComparison.Ordinal);
        Assert.Contains("from row 1 on", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> VerifyAsync(TrellisApp app)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Admin.AdminCommands.RunAsync(app.Services, ["audit", "verify"], new StringReader(""), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
