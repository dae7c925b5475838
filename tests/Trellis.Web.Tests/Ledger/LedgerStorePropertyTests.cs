using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Ledger;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests.Ledger;

/// <summary>
/// The database part of the ledger's property test (issue 12 §4): the same seeded random orders through random
/// lifecycles, run through <see cref="LedgerStore"/> on SQLite and on PostgreSQL, give the same balances; on each, every
/// posting set is balanced (rebuilding it checks), the balances equal the open obligations, and the audit chain is whole.
/// 100 orders (the core's in-memory run has 10,000; 500 took about 9 minutes on a shared 2-core machine, too long for CI): each step here is a database transaction on both providers.
/// </summary>
public sealed class LedgerStorePropertyTests
{
    private const int Seed = 20270301;
    private const int Orders = 100;

    private static readonly (string Agreement, string A, string B, string From)[] Pairs =
    [
        ("gbr-jpn-logistics", "JPN", "GBR", "2018-01-01"),
        ("jpn-usa-logistics", "JPN", "USA", "2017-05-01"),
        ("ind-usa-logistics", "USA", "IND", "2017-01-01"),
        ("aus-jpn-logistics-2017", "AUS", "JPN", "2018-01-01"),
    ];

    private static readonly string[] Goods = ["food", "water", "petroleum-oils-lubricants", "clothing", "spare-parts"];
    private static readonly string[] Services = ["billeting", "transportation", "storage", "repair-maintenance", "airport-port-services", "calibration"];

    private sealed record Party(TestUser Official, TestUser Planner, TestUser Approver, TestUser Legal);

    [PostgresFact]
    public async Task SameRandomOrders_OnSqliteAndPostgres_GiveTheSameBalances_EqualToTheOpenObligations()
    {
        using var folder = new TempFolder();
        using var database = new TempPostgresDatabase();
        using var pgFolder = new TempFolder();
        using var sqlite = new TrellisApp(folder.Path) { Clock = new FixedClock(new(2030, 1, 1)) };
        using var postgres = new TrellisApp(pgFolder.Path, database.ConnectionString) { Clock = new FixedClock(new(2030, 1, 1)) };

        var (onSqlite, stepsSqlite) = await RunAsync(sqlite);
        var (onPostgres, stepsPostgres) = await RunAsync(postgres);

        Assert.Equal(stepsSqlite, stepsPostgres);
        Assert.True(stepsSqlite > Orders * 3, $"only {stepsSqlite} steps were made");
        Assert.NotEmpty(onSqlite);
        Assert.Equal(onSqlite, onPostgres);
    }

    /// <summary>Runs the seeded orders through the store of <paramref name="app"/>; returns the balances (account, amount) and the steps made.</summary>
    private static async Task<(IReadOnlyList<(string Account, decimal Balance)> Balances, int Steps)> RunAsync(TrellisApp app)
    {
        var parties = new Dictionary<string, Party>();
        foreach (var state in Pairs.SelectMany(p => new[] { p.A, p.B }).Distinct())
        {
            var official = await TestAccounts.CreateAsync(app, state, Role.Approver);
            parties[state] = new(official, await TestAccounts.AddUserAsync(app, official.OrganisationId, state, Role.Planner),
                await TestAccounts.AddUserAsync(app, official.OrganisationId, state, Role.Approver), await TestAccounts.CreateAsync(app, state, Role.LegalAdviser));
        }

        var random = new Random(Seed);
        var steps = 0;
        for (var i = 0; i < Orders; i++)
        {
            var (agreement, a, b, from) = Pairs[random.Next(Pairs.Length)];
            var (requesting, supplying) = random.Next(2) == 0 ? (parties[a], parties[b]) : (parties[b], parties[a]);
            var day = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture).AddDays(random.Next(0, 2000));
            var goodsOnly = random.Next(2) == 0;
            var lines = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            {
                var category = goodsOnly || random.Next(2) == 0 ? Goods[random.Next(Goods.Length)] : Services[random.Next(Services.Length)];
                var currency = Currencies.All[random.Next(Currencies.All.Count)].Code;
                var quantity = random.Next(1, 1_000_000) / (decimal)Math.Pow(10, random.Next(0, 4));
                var price = random.Next(0, 10_000_000) / (decimal)Math.Pow(10, random.Next(0, 5));
                return new OrderLineDraft(category, "item", quantity, "unit", price, currency);
            }).ToArray();
            var settlement = goodsOnly && random.Next(2) == 0 ? (agreement == "ind-usa-logistics" ? "reciprocal-provision" : "replacement-in-kind") : "cash";
            var plan = Enumerable.Range(0, 8).Select(_ => random.Next(100)).ToArray();

            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<LedgerStore>();
            var created = await store.CreateAsync(requesting.Planner.Actor, new(agreement, requesting.Official.OrganisationId, supplying.Official.OrganisationId, day,
                "training", null, null, settlement, lines, [requesting.Official.Email]), default);
            if (created.Refusal is not null)
            {
                Assert.Equal(422, created.Refusal.Status);
                continue;
            }

            var order = created.Value!.Order;
            var id = order.Id;
            var at = day;

            async Task Step(TestUser who, Func<int, Task<Outcome<OrderDetail>>> act)
            {
                var outcome = await act(order.Version);
                Assert.True(outcome.Refusal is null, $"{who.Email}: {outcome.Refusal?.Status} {outcome.Refusal?.Code} {outcome.Refusal?.Detail}");
                order = outcome.Value!.Order;
                steps++;
            }

            Task Move(TestUser who, Operation op, IReadOnlyDictionary<int, decimal>? quantities = null) =>
                Step(who, v => store.MoveAsync(who.Actor, id, op, v, at = at.AddDays(random.Next(0, 20)), quantities, default));

            if (plan[0] < 5)
            {
                await Move(requesting.Planner, Operation.OrderCancel);
                continue;
            }

            await Move(requesting.Official, Operation.OrderPlace);
            if (plan[1] < 5)
            {
                await Move(supplying.Approver, Operation.OrderCancel);
                continue;
            }

            await Move(supplying.Approver, Operation.OrderAccept);
            var deliveries = 1 + plan[2] % 3;
            for (var k = 0; k < deliveries && order.Status is not "delivered"; k++)
            {
                var quantities = order.Lines.Where(l => l.Outstanding > 0m && random.Next(3) != 0)
                    .ToDictionary(l => l.Number, l => Math.Max(0.001m, Math.Min(l.Outstanding, decimal.Round(l.Outstanding * random.Next(1, 101) / 100m, 3))));
                await Move(supplying.Planner, Operation.OrderDeliver, quantities.Count == 0 ? null : quantities);
            }

            if (order.Status == "partially-delivered")
            {
                await (plan[3] < 50 ? Move(requesting.Approver, Operation.OrderCancelRemainder) : Move(supplying.Planner, Operation.OrderDeliver));
            }

            if (plan[4] < 10)
            {
                continue; // delivered, never received: open
            }

            await Move(requesting.Planner, Operation.OrderReceive);
            await Move(supplying.Planner, settlement == "cash" ? Operation.OrderInvoice : Operation.OrderDeclareObligation);
            if (plan[5] < 30)
            {
                continue; // claimed, not settled: open
            }

            if (order.ReviewPending)
            {
                await Step(requesting.Legal, v => store.ClearReviewAsync(requesting.Legal.Actor, id, v, default));
            }

            await Move(supplying.Approver, Operation.OrderSettle);
            if (plan[6] < 50)
            {
                await Move(requesting.Approver, Operation.OrderClose);
            }
        }

        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<TrellisDb>();
        var ids = await db.Orders.Select(o => o.Id).ToListAsync();
        var sets = await check.ServiceProvider.GetRequiredService<LedgerStore>().PostingSetsAsync(ids, default); // each rebuilt set is balanced, or it throws
        var balances = Balances.Of(sets).Select(b => (b.Account.ToString(), b.Balance.Amount)).ToArray();

        // The balances equal the open obligations: the delivered parts of orders not settled or closed.
        var open = await db.OrderParts.Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { o.Status, o.SupplyingState, o.RequestingState, p.Currency, p.Value }).ToListAsync();
        var expected = open.Where(x => x.Status is not ("settled" or "closed"))
            .GroupBy(x => (x.SupplyingState, x.RequestingState, x.Currency))
            .ToDictionary(g => $"receivable {g.Key.SupplyingState}←{g.Key.RequestingState} {g.Key.Currency}", g => g.Sum(x => x.Value));
        foreach (var (account, balance) in balances.Where(x => x.Item1.StartsWith("receivable", StringComparison.Ordinal)))
        {
            Assert.Equal(expected.GetValueOrDefault(account), balance);
        }

        Assert.All(expected.Where(e => e.Value != 0m), e => Assert.Contains(balances, x => x.Item1 == e.Key));
        Assert.Null(await AuditLog.VerifyAsync(db, default));
        return (balances, steps);
    }
}
