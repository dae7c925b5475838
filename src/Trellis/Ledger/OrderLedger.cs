using System.Text.Json;
using System.Text.Json.Serialization;
using Trellis.Cases;
using Trellis.Diagnostics;
using Trellis.Ledger.Terms;
using Trellis.Registry;

namespace Trellis.Ledger;

/// <summary>
/// The answer to a ledger request: <see cref="Decision"/> is the policy's (403/404 when not allowed); when allowed,
/// <see cref="Order"/> is the order after the step, or null with the <see cref="Diagnostics"/> that refused it. Warnings
/// (legal-review flags) come with an order.
/// </summary>
public sealed record LedgerOutcome(Order? Order, Decision Decision, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Done => Decision.Allowed && Order is not null;
}

/// <summary>
/// The ledger in memory: orders, the posting sets their steps made, and the audit entries of every change, chained
/// with <see cref="AuditChain"/> (subject <c>order/{id}</c>; the case, when the order belongs to one). Each request asks
/// the <see cref="Policy"/> first, then the entry check or <see cref="OrderMoves"/>. The web app's persistence (a
/// later step) stores the same values in its tables and its audit log; this class is the core's reference and the
/// property test's subject. Not thread-safe.
/// </summary>
public sealed class OrderLedger(AgreementRegistry registry, LogisticsTermsBook book, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    private readonly Dictionary<Guid, Order> _orders = [];
    private readonly List<PostingSet> _postings = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly Dictionary<Guid, int> _postingSets = [];

    public IReadOnlyCollection<Order> Orders => _orders.Values;

    public IReadOnlyList<PostingSet> Postings => _postings;

    public IReadOnlyList<AuditEntry> Audit => _audit;

    public Order? Find(Guid id) => _orders.GetValueOrDefault(id);

    /// <summary>Enters a draft order: the policy (<see cref="Operation.OrderCreate"/>), then the entry check.</summary>
    public LedgerOutcome Enter(Actor actor, OrderDraft draft, Guid? id = null)
    {
        var requesting = draft.Requesting ?? new OrganisationRef(Guid.Empty, "");
        var decision = Policy.Decide(actor, Operation.OrderCreate,
            new OrderResource(requesting.Id, requesting.State.ToUpperInvariant(), draft.Supplying?.Id ?? Guid.Empty, draft.Supplying?.State.ToUpperInvariant() ?? "", OrderStatus.Draft, new HashSet<string>(), null));
        if (!decision.Allowed)
        {
            return new(null, decision, []);
        }

        var entry = OrderEntry.Check(draft, registry, book, id ?? Guid.NewGuid());
        if (entry.Order is not { } order)
        {
            return new(null, decision, entry.Diagnostics);
        }

        if (_orders.ContainsKey(order.Id))
        {
            return new(null, decision, [Diagnostic.Error(DiagnosticCodes.InvalidOrderValue, $"an order {order.Id} exists already", "id")]);
        }

        Commit(actor, Operation.OrderCreate, null, order, null);
        return new(order, decision, entry.Diagnostics);
    }

    /// <summary>Replaces a draft's data (re-checked as at entry).</summary>
    public LedgerOutcome Edit(Actor actor, Guid id, OrderDraft draft) => Request(actor, id, Operation.OrderEdit, order =>
    {
        if (!OrderLifecycle.IsEditable(order.Status))
        {
            return MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle, $"an order that is {order.Status.Name()} cannot be edited: cancel it and enter a new one");
        }

        var entry = OrderEntry.Check(draft, registry, book, id);
        return entry.Order is { } edited ? new(edited, null, entry.Diagnostics) : new(null, null, entry.Diagnostics);
    });

    /// <summary>
    /// Makes a move of the lifecycle on business day <paramref name="day"/> (default: today by the clock). For a
    /// delivery, <paramref name="quantities"/> per line number (null: everything outstanding).
    /// </summary>
    public LedgerOutcome Move(Actor actor, Guid id, Operation operation, DateOnly? day = null, IReadOnlyDictionary<int, decimal>? quantities = null) =>
        Request(actor, id, operation, order => OrderMoves.Apply(order, operation, actor.UserId, day ?? clock.Today(), quantities, _postingSets.GetValueOrDefault(id) + 1));

    public LedgerOutcome ClearReview(Actor actor, Guid id) => Request(actor, id, Operation.OrderClearReview, order => OrderMoves.ClearReview(order, actor.UserId));

    public LedgerOutcome SetDueDate(Actor actor, Guid id, DateOnly due) => Request(actor, id, Operation.OrderSetDueDate, order => OrderMoves.SetDueDate(order, due));

    /// <summary>Every delivered part not yet settled: the open obligations.</summary>
    public IReadOnlyList<Obligation> OpenObligations() => Obligation.Of(_orders.Values);

    private LedgerOutcome Request(Actor actor, Guid id, Operation operation, Func<Order, MoveResult> step)
    {
        if (!_orders.TryGetValue(id, out var order))
        {
            return new(null, Decision.Hidden, []);
        }

        var decision = Policy.Decide(actor, operation, order.AsResource());
        if (!decision.Allowed)
        {
            return new(null, decision, []);
        }

        var result = step(order);
        if (result.After is not { } after)
        {
            return new(null, decision, result.Diagnostics);
        }

        Commit(actor, operation, order, after, result.Postings);
        return new(after, decision, result.Diagnostics);
    }

    private void Commit(Actor actor, Operation operation, Order? before, Order after, PostingSet? postings)
    {
        _orders[after.Id] = after;
        if (postings is { Postings.Count: > 0 })
        {
            _postings.Add(postings);
            _postingSets[after.Id] = _postingSets.GetValueOrDefault(after.Id) + 1;
        }

        _audit.Add(AuditChain.Next(_audit.Count == 0 ? null : _audit[^1], clock.GetUtcNow().UtcDateTime, actor.UserId, OrderLifecycle.ActionName(operation),
            $"order/{after.Id:D}", after.Situation.CaseId, before is null ? null : Snapshot(before), Snapshot(after)));
    }

    /// <summary>What the audit log keeps of an order before and after a change (JSON).</summary>
    public static string Snapshot(Order o) => JsonSerializer.Serialize(new
    {
        o.Id,
        o.AgreementId,
        requesting = o.Requesting,
        supplying = o.Supplying,
        date = o.Date,
        situation = o.Situation,
        settlement = o.Settlement,
        status = o.Status.Name(),
        o.OrderedBy,
        flags = o.Flags.Select(f => new { f.Code, f.Field }),
        o.ReviewClearedBy,
        lines = o.Lines.Select(l => new { l.Number, l.Category, l.Quantity, l.Unit, l.UnitPrice, currency = l.Currency.Code, amount = l.Amount.Amount, l.Delivered, l.Cancelled }),
        parts = o.Parts.Select(p => new { p.Delivery, p.Line, p.Day, p.Quantity, value = p.Value.ToString(), p.Due }),
        o.ClaimedOn,
        o.SettledOn,
    }, Json);
}
