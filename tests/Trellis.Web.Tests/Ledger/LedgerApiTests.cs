using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Persistence;
using static Trellis.Web.Tests.Cases.CaseFixture;
using static Trellis.Web.Tests.Ledger.LedgerFixture;

namespace Trellis.Web.Tests.Ledger;

/// <summary>Logistics orders through the API (issue 12): the lifecycle, separation of duties, visibility and refusals at entry.</summary>
public sealed class LedgerApiTests
{
    private static readonly DateOnly Today = new(2027, 6, 1);

    private static async Task<(JsonNode Detail, string Id)> CreateAsync(HttpClient client, object order)
    {
        using var created = await client.PostAsJsonAsync("/api/ledger/orders", order);
        var json = await JsonOf(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        Assert.Equal("\"1\"", created.Headers.ETag!.ToString());
        return (json, json["order"]!["id"]!.GetValue<string>());
    }

    private static async Task<JsonNode> OkAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        var json = await JsonOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    private static async Task<JsonNode> ProblemAsync(Task<HttpResponseMessage> send, HttpStatusCode status, string? code = null)
    {
        using var response = await send;
        var json = await JsonOf(response);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}, not {(int)status}: {json.ToJsonString()}");
        if (code is not null)
        {
            Assert.Equal(code, json["code"]!.GetValue<string>());
        }

        return json;
    }

    [Fact]
    public async Task CashOrder_FromDraftToClosed_EachSideDoesOnlyItsPart_AndTheAuditChainHoldsEveryStep()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path) { Clock = new FixedClock(Today) };
        var f = await LedgerFixture.CreateAsync(app);
        using var jpnPlanner = TestAccounts.Client(app, f.JpnPlanner);
        using var jpnOfficial = TestAccounts.Client(app, f.JpnOfficial);
        using var jpnApprover = TestAccounts.Client(app, f.JpnApprover);
        using var ukApprover = TestAccounts.Client(app, f.UkApprover);
        using var ukPlanner = TestAccounts.Client(app, f.UkPlanner);
        using var legal = TestAccounts.Client(app, f.JpnLegal);
        using var french = TestAccounts.Client(app, f.French);

        // Entry: fuel and a calibration whose coverage no source gives: accepted with a flag for a legal adviser.
        var (created, id) = await CreateAsync(jpnPlanner, f.FuelOrder("cash",
            new { category = "petroleum-oils-lubricants", description = "F-76 marine diesel", quantity = 120_000m, unit = "litre", unitPrice = 0.8125m, currency = "GBP" },
            new { category = "calibration", description = "gyro calibration", quantity = 1m, unit = "job", unitPrice = 1200m, currency = "GBP" }));
        Assert.Equal("draft", Status(created));
        Assert.Equal(97_500m, created["order"]!["lines"]![0]!["amount"]!.GetValue<decimal>());
        Assert.Equal("TRL513", created["order"]!["flags"]![0]!["code"]!.GetValue<string>());
        Assert.True(created["order"]!["reviewPending"]!.GetValue<bool>());
        Assert.Contains("TRL513", created["warnings"]![0]!["code"]!.GetValue<string>());

        // A draft is the requesting side's: the supplier and an unrelated state learn nothing.
        await ProblemAsync(ukApprover.GetAsync($"/api/ledger/orders/{id}"), HttpStatusCode.NotFound, "TRL901");
        await ProblemAsync(french.GetAsync($"/api/ledger/orders/{id}"), HttpStatusCode.NotFound);

        // Changes need If-Match; a planner cannot place; the listed official does.
        await ProblemAsync(jpnOfficial.PostAsJsonAsync($"/api/ledger/orders/{id}/transitions", new { to = "ordered" }), HttpStatusCode.PreconditionRequired);
        using (var stale = WithIfMatch(HttpMethod.Post, $"/api/ledger/orders/{id}/transitions", "\"7\"", JsonContent.Create(new { to = "ordered" })))
        {
            await ProblemAsync(jpnOfficial.SendAsync(stale), HttpStatusCode.PreconditionFailed);
        }

        await ProblemAsync(MoveOrderAsync(jpnPlanner, id, "ordered"), HttpStatusCode.Forbidden);
        await ProblemAsync(MoveOrderAsync(jpnApprover, id, "ordered"), HttpStatusCode.Forbidden); // an approver, but not listed on the order
        var placed = await OkAsync(MoveOrderAsync(jpnOfficial, id, "ordered"));
        Assert.Equal("ordered", Status(placed));
        Assert.Equal(f.JpnOfficial.Actor.UserId, placed["order"]!["orderedBy"]!.GetValue<string>());

        // The supplier sees it now and accepts; a move the lifecycle lacks is 409 TRL521.
        await ProblemAsync(MoveOrderAsync(ukApprover, id, "settled"), HttpStatusCode.Conflict, "TRL521"); // its side may settle, but not yet
        await ProblemAsync(MoveOrderAsync(jpnOfficial, id, "accepted"), HttpStatusCode.Forbidden);
        Assert.Contains("accepted", (await OkAsync(ukApprover.GetAsync($"/api/ledger/orders/{id}")))["order"]!["allowed"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("accepted", Status(await OkAsync(MoveOrderAsync(ukApprover, id, "accepted"))));
        await ProblemAsync(MoveOrderAsync(ukPlanner, id, "invoiced"), HttpStatusCode.Conflict, "TRL521");

        // A partial delivery: the receivable arises on the day of delivery.
        await ProblemAsync(MoveOrderAsync(ukPlanner, id, "delivered", new[] { new { line = 1, quantity = 200_000m } }, "2027-03-10"), HttpStatusCode.UnprocessableEntity, "TRL523");
        var partial = await OkAsync(MoveOrderAsync(ukPlanner, id, "delivered", new[] { new { line = 1, quantity = 50_000m } }, "2027-03-10"));
        Assert.Equal("partially-delivered", Status(partial));
        Assert.Equal(40_625m, partial["order"]!["open"]![0]!["amount"]!.GetValue<decimal>());
        var balances = await OkAsync(ukApprover.GetAsync("/api/ledger/balances?pair=GBR-JPN&currency=GBP"));
        Assert.Contains(balances["accounts"]!.AsArray(), a => a!["kind"]!.GetValue<string>() == "receivable" && a["holder"]!.GetValue<string>() == "GBR"
            && a["balance"]!["amount"]!.GetValue<decimal>() == 40_625m);
        Assert.Contains(balances["accounts"]!.AsArray(), a => a!["kind"]!.GetValue<string>() == "payable" && a["holder"]!.GetValue<string>() == "JPN"
            && a["balance"]!["amount"]!.GetValue<decimal>() == -40_625m);
        Assert.Equal("delivered", Status(await OkAsync(MoveOrderAsync(ukPlanner, id, "delivered", null, "2027-03-20"))));

        // Ageing on 2027-06-01: both deliveries are 31–90 days old, in GBP, GBR ← JPN.
        var ageing = await OkAsync(jpnApprover.GetAsync("/api/ledger/ageing?pair=GBR-JPN&currency=GBP"));
        Assert.Equal("2027-06-01", ageing["asOf"]!.GetValue<string>());
        var row = Assert.Single(ageing["rows"]!.AsArray());
        Assert.Equal(("GBR", "JPN", "31-90", 98_700m), (row!["creditor"]!.GetValue<string>(), row["debtor"]!.GetValue<string>(), row["bucket"]!.GetValue<string>(), row["total"]!.GetValue<decimal>()));
        Assert.Empty((await OkAsync(french.GetAsync("/api/ledger/ageing?pair=GBR-JPN")))["rows"]!.AsArray());

        // Separation of duties: the official who placed the order cannot confirm its receipt; another user of the side does.
        var refused = await ProblemAsync(MoveOrderAsync(jpnOfficial, id, "received"), HttpStatusCode.Forbidden);
        Assert.Contains("separation of duties", refused["detail"]!.GetValue<string>());
        Assert.Equal("received", Status(await OkAsync(MoveOrderAsync(jpnPlanner, id, "received"))));

        // Cash: invoiced, not an obligation in kind; cannot settle until the legal adviser clears the flag.
        await ProblemAsync(MoveOrderAsync(ukPlanner, id, "obligation-due"), HttpStatusCode.Conflict, "TRL521");
        Assert.Equal("invoiced", Status(await OkAsync(MoveOrderAsync(ukPlanner, id, "invoiced"))));
        await ProblemAsync(MoveOrderAsync(ukApprover, id, "settled"), HttpStatusCode.Conflict, "TRL522");
        await ProblemAsync(ActOnOrderAsync(jpnApprover, id, "clear-review"), HttpStatusCode.Forbidden);
        await ProblemAsync(ActOnOrderAsync(french, id, "clear-review"), HttpStatusCode.NotFound);
        var cleared = await OkAsync(ActOnOrderAsync(legal, id, "clear-review"));
        Assert.False(cleared["order"]!["reviewPending"]!.GetValue<bool>());
        var settled = await OkAsync(MoveOrderAsync(ukApprover, id, "settled", null, "2027-05-30"));
        Assert.Equal("settled", Status(settled));
        Assert.Empty(settled["order"]!["open"]!.AsArray());
        Assert.All((await OkAsync(ukApprover.GetAsync("/api/ledger/balances?pair=JPN-GBR")))["accounts"]!.AsArray(),
            a => Assert.Equal(0m, a!["balance"]!["amount"]!.GetValue<decimal>()));
        var closed = await OkAsync(MoveOrderAsync(jpnApprover, id, "closed"));
        Assert.Equal("closed", Status(closed));
        Assert.Empty(closed["order"]!["allowed"]!.AsArray());

        // History: every change, in order, from the one audit chain; three balanced posting sets (two deliveries, a settlement).
        var actions = closed["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ToArray();
        Assert.Equal(["order-create", "order-place", "order-accept", "order-deliver", "order-deliver", "order-receive", "order-invoice", "order-clear-review", "order-settle", "order-close"], actions);
        Assert.Equal(3, closed["postings"]!.AsArray().Count);
        Assert.All(closed["postings"]!.AsArray(), s => Assert.Equal(0m, s!["postings"]!.AsArray().Sum(p => p!["amount"]!["amount"]!.GetValue<decimal>())));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await AuditLog.VerifyAsync(scope.ServiceProvider.GetRequiredService<TrellisDb>(), default));

        // Lists: both organisations see it; the French user's organisation has none.
        Assert.Single((await OkAsync(ukPlanner.GetAsync("/api/ledger/orders")))["items"]!.AsArray());
        Assert.Single((await OkAsync(jpnPlanner.GetAsync("/api/ledger/orders?status=closed")))["items"]!.AsArray());
        Assert.Empty((await OkAsync(french.GetAsync($"/api/ledger/orders?organisation={f.JpnOfficial.OrganisationId}")))["items"]!.AsArray());
    }

    [Fact]
    public async Task ReplacementInKind_IsAnObligationDue_WithTheAgreementsTimeLimit_ThenSettledAndClosed()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path) { Clock = new FixedClock(Today) };
        var f = await LedgerFixture.CreateAsync(app);
        using var jpnPlanner = TestAccounts.Client(app, f.JpnPlanner);
        using var jpnOfficial = TestAccounts.Client(app, f.JpnOfficial);
        using var ukApprover = TestAccounts.Client(app, f.UkApprover);
        using var ukPlanner = TestAccounts.Client(app, f.UkPlanner);

        var (_, id) = await CreateAsync(jpnPlanner, f.FuelOrder());
        await OkAsync(MoveOrderAsync(jpnOfficial, id, "ordered"));
        await OkAsync(MoveOrderAsync(ukApprover, id, "accepted"));
        var delivered = await OkAsync(MoveOrderAsync(ukPlanner, id, "delivered", null, "2027-03-05"));
        await OkAsync(MoveOrderAsync(jpnPlanner, id, "received"));
        await ProblemAsync(MoveOrderAsync(ukPlanner, id, "invoiced"), HttpStatusCode.Conflict, "TRL521");
        var due = await OkAsync(MoveOrderAsync(ukPlanner, id, "obligation-due"));
        Assert.Equal("obligation-due", Status(due));
        var part = Assert.Single(due["order"]!["deliveries"]!.AsArray());
        var expected = delivered["order"]!["lines"]![0]!["timeLimit"]?.GetValue<string>();
        // The due date is the agreement's time limit after delivery, or unknown (null) where no source gives one.
        Assert.Equal(expected is null or "unknown", part!["due"] is null);
        Assert.Equal("settled", Status(await OkAsync(MoveOrderAsync(ukApprover, id, "settled"))));
        Assert.Equal("closed", Status(await OkAsync(MoveOrderAsync(ukApprover, id, "closed"))));
    }

    [Fact]
    public async Task ExcludedCategory_IsRefusedWithItsCodeAndCitation_AndANotGoverningAgreementWithTRL511()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path) { Clock = new FixedClock(Today) };
        var f = await LedgerFixture.CreateAsync(app);
        using var ukApprover = TestAccounts.Client(app, f.UkApprover);
        using var jpnPlanner = TestAccounts.Client(app, f.JpnPlanner);

        // The SDF never supplies weapons: a UK order of rifles from the JMSDF is refused citing the SDF Act.
        var weapons = await ProblemAsync(ukApprover.PostAsJsonAsync("/api/ledger/orders", new
        {
            agreement = "gbr-jpn-logistics", supplyingOrg = f.JpnOfficial.OrganisationId, date = "2027-03-01", activity = "training", settlement = "cash",
            lines = new[] { new { category = "weapons", description = "rifles", quantity = 10m, unit = "each", unitPrice = 1000m, currency = "JPY" } },
        }), HttpStatusCode.UnprocessableEntity, "TRL512");
        Assert.Contains("Art. 100-6(4)", weapons["detail"]!.GetValue<string>());
        Assert.Equal("lines[1].category", weapons["diagnostics"]![0]!["field"]!.GetValue<string>());

        // Before the Japan–UK ACSA was in force.
        var early = await ProblemAsync(jpnPlanner.PostAsJsonAsync("/api/ledger/orders", new
        {
            agreement = "gbr-jpn-logistics", supplyingOrg = f.UkApprover.OrganisationId, date = "2010-03-01", activity = "training", settlement = "cash",
            lines = new[] { new { category = "food", description = "rations", quantity = 10m, unit = "each", unitPrice = 5m, currency = "GBP" } },
        }), HttpStatusCode.UnprocessableEntity, "TRL511");
        Assert.Contains("not in force", early["detail"]!.GetValue<string>());

        // Every missing element at once.
        var empty = await ProblemAsync(jpnPlanner.PostAsJsonAsync("/api/ledger/orders", new { }), HttpStatusCode.UnprocessableEntity, "TRL510");
        Assert.True(empty["diagnostics"]!.AsArray().Count >= 5);

        // An order for another organisation is not the caller's to enter.
        await ProblemAsync(jpnPlanner.PostAsJsonAsync("/api/ledger/orders", new
        {
            agreement = "gbr-jpn-logistics", requestingOrg = f.UkApprover.OrganisationId, supplyingOrg = f.JpnOfficial.OrganisationId, date = "2027-03-01",
            activity = "training", settlement = "cash", lines = Array.Empty<object>(),
        }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UserOfAnUnrelatedState_GetsNotFound_ForEveryOperation()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path) { Clock = new FixedClock(Today) };
        var f = await LedgerFixture.CreateAsync(app);
        using var jpnPlanner = TestAccounts.Client(app, f.JpnPlanner);
        using var jpnOfficial = TestAccounts.Client(app, f.JpnOfficial);
        using var french = TestAccounts.Client(app, f.French);
        var (_, id) = await CreateAsync(jpnPlanner, f.FuelOrder());
        await OkAsync(MoveOrderAsync(jpnOfficial, id, "ordered"));

        await ProblemAsync(french.GetAsync($"/api/ledger/orders/{id}"), HttpStatusCode.NotFound, "TRL901");
        foreach (var to in new[] { "accepted", "cancelled", "delivered", "settled" })
        {
            using var request = WithIfMatch(HttpMethod.Post, $"/api/ledger/orders/{id}/transitions", "\"2\"", JsonContent.Create(new { to }));
            await ProblemAsync(french.SendAsync(request), HttpStatusCode.NotFound);
        }

        foreach (var action in new[] { "clear-review", "cancel-remainder" })
        {
            using var request = WithIfMatch(HttpMethod.Post, $"/api/ledger/orders/{id}/{action}", "\"2\"");
            await ProblemAsync(french.SendAsync(request), HttpStatusCode.NotFound);
        }

        Assert.Empty((await OkAsync(french.GetAsync("/api/ledger/balances")))["accounts"]!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/ledger/orders/{id}")).StatusCode);
    }
}
