using Trellis.Cases;
using Trellis.Ledger;
using Trellis.Registry;
using Trellis.Web.Accounts;
using Trellis.Web.Persistence;

namespace Trellis.Web.Endpoints;

/// <summary>A new order as the API takes it (issue 12's contract): <c>activity</c> is the situation (<c>training</c>…).</summary>
/// <param name="Officials">User ids or e-mail addresses of the requesting organisation's authorised officials (default: you).</param>
public sealed record OrderRequest(string? Agreement, Guid? RequestingOrg, Guid? SupplyingOrg, DateOnly? Date, string? Activity, string? Exercise,
    Guid? CaseId, string? Settlement, IReadOnlyList<OrderLineDraft>? Lines, IReadOnlyList<string>? Officials);

/// <summary>A quantity delivered on one line.</summary>
public sealed record DeliveredQuantity(int Line, decimal Quantity);

/// <summary>
/// A move of an order: <c>to</c> the status (<c>ordered</c>, <c>accepted</c>, <c>delivered</c>, <c>received</c>,
/// <c>invoiced</c>, <c>obligation-due</c>, <c>settled</c>, <c>closed</c>, <c>cancelled</c>); <c>day</c> the business day
/// (default today); for a delivery, <c>lines</c> the quantities (default: everything outstanding).
/// </summary>
public sealed record OrderTransitionRequest(string? To, DateOnly? Day, IReadOnlyList<DeliveredQuantity>? Lines);

/// <summary>A due date set by hand.</summary>
public sealed record DueDateRequest(DateOnly? Due);

/// <summary>
/// The logistics ledger (issue 12; docs/logistics.md#http-api): orders checked at entry against their agreement, moved
/// through their lifecycle by the side and roles the core's table names, their balances and ageing. Everything needs
/// sign-in and is decided by the core's policy; an order the caller may not see is 404 exactly as one that does not
/// exist. Changes need <c>If-Match</c> with the ETag the GET returned (428 without, 412 when stale). Refusals are
/// problem documents with the core's TRL code (422; 409 for a move not possible now) and every diagnostic.
/// </summary>
public static class LedgerEndpoints
{
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/ledger").WithTags("Ledger").RequireAuthorization();
        ledger.MapPost("/orders", Create).WithName("CreateOrder").WithSummary("Enter a draft order of your organisation, checked against its agreement")
            .WithDescription("Refused with 422 and the TRL code (TRL510 missing element, TRL511 agreement not in force between the states on the date, TRL512 excluded category with its citation, TRL514 settlement not allowed…). Unknown coverage is accepted with a legal-review flag (`warnings`, `order.flags`).");
        ledger.MapGet("/orders", List).WithName("ListOrders").WithSummary("An organisation's orders you can see (default yours), most recently changed first")
            .WithDescription("`organisation` (id), `status`, `limit` 1–200 (default 50).");
        ledger.MapGet("/orders/{id:guid}", Get).WithName("GetOrder").WithSummary("An order with its lines, deliveries, open amounts, history and postings; its version is the ETag");
        ledger.MapPost("/orders/{id:guid}/transitions", Transition).WithName("MoveOrder")
            .WithSummary("Move an order (`to`: ordered, accepted, delivered, received, invoiced, obligation-due, settled, closed, cancelled)")
            .WithDescription("Needs If-Match. `day` (YYYY-MM-DD, default today) is the business day: the obligation arises on the day of delivery. For a delivery, `lines: [{line, quantity}]` delivers part (default everything outstanding); the quantities decide whether the order is partially-delivered or delivered.");
        ledger.MapPost("/orders/{id:guid}/cancel-remainder", CancelRemainder).WithName("CancelOrderRemainder")
            .WithSummary("Cancel what is still to deliver after a partial delivery (partially-delivered → delivered; needs If-Match)");
        ledger.MapPost("/orders/{id:guid}/clear-review", ClearReview).WithName("ClearOrderReview")
            .WithSummary("Clear the order's legal-review flags (a legal adviser of either state; needs If-Match): until then it cannot settle");
        ledger.MapPost("/orders/{id:guid}/due-date", DueDate).WithName("SetOrderDueDate")
            .WithSummary("Set by hand the due date the agreement's terms do not give (an approver of either organisation; needs If-Match)");
        ledger.MapGet("/balances", BalancesOf).WithName("LedgerBalances").WithSummary("Receivable and payable balances of the orders you can see")
            .WithDescription("`pair` (two states, `GBR-JPN`, both directions), `currency` (ISO 4217).");
        ledger.MapGet("/ageing", AgeingOf).WithName("LedgerAgeing").WithSummary("Open obligations by age since delivery (0-30, 31-90, 91-365, over-365 days), due and overdue")
            .WithDescription("`pair` (`GBR-JPN`), `currency` (ISO 4217), `asOf` (YYYY-MM-DD, default today).");
        return app;
    }

    private static IResult Answer(Outcome<OrderDetail> outcome, HttpResponse response)
    {
        if (outcome.Refusal is { } r)
        {
            return CaseEndpoints.Refused(r);
        }

        response.Headers.ETag = CaseStore.ETag(outcome.Value!.Order.Version);
        return TypedResults.Ok(outcome.Value);
    }

    private static async Task<IResult> Create(OrderRequest body, HttpResponse response, CurrentActor current, LedgerStore store, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var outcome = await store.CreateAsync(actor, new(body.Agreement, body.RequestingOrg, body.SupplyingOrg, body.Date, body.Activity, body.Exercise,
            body.CaseId, body.Settlement, body.Lines, body.Officials), ct);
        if (outcome.Refusal is { } r)
        {
            return CaseEndpoints.Refused(r);
        }

        response.Headers.ETag = CaseStore.ETag(outcome.Value!.Order.Version);
        return TypedResults.Created($"/api/ledger/orders/{outcome.Value.Order.Id}", outcome.Value);
    }

    private static async Task<IResult> List(CurrentActor current, LedgerStore store, HttpResponse response, Guid? organisation = null, string? status = null,
        int? limit = null, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var outcome = await store.ListAsync(actor, organisation, status, limit, ct);
        return outcome.Refusal is { } r ? CaseEndpoints.Refused(r) : TypedResults.Ok(outcome.Value);
    }

    private static async Task<IResult> Get(Guid id, HttpResponse response, CurrentActor current, LedgerStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? Answer(await store.GetAsync(actor, id, ct), response) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Transition(Guid id, OrderTransitionRequest body, HttpContext context, CurrentActor current, LedgerStore store, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        if (body.To is null || !LedgerStore.Transitions.TryGetValue(body.To, out var operation))
        {
            return Problems.BadQuery("to", $"'{body.To}' is not a status an order moves to; use one of {string.Join(", ", LedgerStore.Transitions.Keys)}");
        }

        IReadOnlyDictionary<int, decimal>? quantities = null;
        if (body.Lines is { Count: > 0 } lines)
        {
            if (operation != Operation.OrderDeliver)
            {
                return Problems.BadQuery("lines", "quantities belong to a delivery (to: delivered)");
            }

            if (lines.GroupBy(l => l.Line).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return Problems.BadQuery("lines", $"line {twice.Key} is named twice");
            }

            quantities = lines.ToDictionary(l => l.Line, l => l.Quantity);
        }

        return Answer(await store.MoveAsync(actor, id, operation, CaseEndpoints.IfMatch(context.Request), body.Day, quantities, ct), context.Response);
    }

    private static async Task<IResult> CancelRemainder(Guid id, HttpContext context, CurrentActor current, LedgerStore store, DateOnly? day = null, CancellationToken ct = default) =>
        await current.GetAsync(ct) is { } actor
            ? Answer(await store.MoveAsync(actor, id, Operation.OrderCancelRemainder, CaseEndpoints.IfMatch(context.Request), day, null, ct), context.Response)
            : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> ClearReview(Guid id, HttpContext context, CurrentActor current, LedgerStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor
            ? Answer(await store.ClearReviewAsync(actor, id, CaseEndpoints.IfMatch(context.Request), ct), context.Response)
            : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> DueDate(Guid id, DueDateRequest body, HttpContext context, CurrentActor current, LedgerStore store, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        return body.Due is not { } due
            ? Problems.BadQuery("due", "give the due date (YYYY-MM-DD)", Diagnostics.DiagnosticCodes.OrderElementMissing)
            : Answer(await store.SetDueDateAsync(actor, id, CaseEndpoints.IfMatch(context.Request), due, ct), context.Response);
    }

    private static bool TryFilters(string? pair, string? currency, AgreementRegistry registry, out (string, string)? states, out Currency? money, out IResult? problem)
    {
        states = null;
        money = null;
        problem = null;
        if (!string.IsNullOrWhiteSpace(pair))
        {
            var parts = pair.Split('-');
            if (parts.Length != 2)
            {
                problem = Problems.BadQuery("pair", $"'{pair}' is not a pair of states: use two ISO3 codes joined by '-', e.g. GBR-JPN");
                return false;
            }

            if (!QueryValues.TryState(parts[0], "pair", registry, out var a, out var pa))
            {
                problem = pa;
                return false;
            }

            if (!QueryValues.TryState(parts[1], "pair", registry, out var b, out var pb))
            {
                problem = pb;
                return false;
            }

            states = (a, b);
        }

        if (!string.IsNullOrWhiteSpace(currency))
        {
            money = Currencies.Find(currency);
            if (money is null)
            {
                problem = Problems.BadQuery("currency", $"'{currency}' is not a currency the ledger accepts: use one of {string.Join(", ", Currencies.All.Select(c => c.Code))}",
                    Diagnostics.DiagnosticCodes.CurrencyNotSupported);
                return false;
            }
        }

        return true;
    }

    private static async Task<IResult> BalancesOf(CurrentActor current, LedgerStore store, AgreementRegistry registry, string? pair = null, string? currency = null, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        return TryFilters(pair, currency, registry, out var states, out var money, out var problem)
            ? TypedResults.Ok(await store.BalancesAsync(actor, states, money, ct))
            : problem!;
    }

    private static async Task<IResult> AgeingOf(CurrentActor current, LedgerStore store, AgreementRegistry registry, string? pair = null, string? currency = null,
        string? asOf = null, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        if (!TryFilters(pair, currency, registry, out var states, out var money, out var problem))
        {
            return problem!;
        }

        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (!QueryValues.TryDay(asOf, "asOf", default, out var d, out var bad))
            {
                return bad;
            }

            day = d;
        }

        return TypedResults.Ok(await store.AgeingAsync(actor, states, money, day, ct));
    }
}
