using System.Globalization;
using Trellis.Cases;
using Trellis.Diagnostics;

namespace Trellis.Ledger;

/// <summary>What a step did: the order after it and the postings it made (null when it makes none), or the diagnostics that refused it.</summary>
public sealed record MoveResult(Order? After, PostingSet? Postings, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Refused => After is null;

    internal static MoveResult Refuse(string code, string message, string? field = null) => new(null, null, [Diagnostic.Error(code, message, field)]);
}

/// <summary>
/// The ledger's steps on one order, as pure functions: status from <see cref="OrderLifecycle"/>, quantities, the
/// settlement method's guard, the legal-review flag; and the postings each step makes. Who may make a step is the
/// policy's question, asked before (<see cref="Policy"/>); persistence stores what these return.
/// <list type="bullet">
/// <item>A delivery creates the obligation: the receivable and payable arise on the day of delivery (the Board of
/// Audit of Japan's finding), part by part, each due after the agreement's time limit.</item>
/// <item>Settlement reverses what is open, in every currency; an order flagged for legal review cannot settle (TRL522).</item>
/// </list>
/// </summary>
public static class OrderMoves
{
    /// <summary>
    /// Makes <paramref name="operation"/> (a move of <see cref="OrderLifecycle.Moves"/>) on <paramref name="order"/> by
    /// <paramref name="actor"/> (a user id) on business day <paramref name="day"/>. For a delivery,
    /// <paramref name="quantities"/> gives the quantity per line number (null: everything outstanding).
    /// <paramref name="postingNumber"/> numbers the posting set it makes.
    /// </summary>
    public static MoveResult Apply(Order order, Operation operation, string actor, DateOnly day, IReadOnlyDictionary<int, decimal>? quantities = null, int postingNumber = 1)
    {
        var rows = OrderLifecycle.Find(operation, order.Status);
        var name = OrderLifecycle.ActionName(operation)[6..].Replace('-', ' ');
        if (rows.Count == 0)
        {
            var allowed = OrderLifecycle.From(order.Status).Select(t => OrderLifecycle.ActionName(t.Operation)[6..].Replace('-', ' ')).Distinct().ToArray();
            return MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle,
                $"an order that is {order.Status.Name()} cannot {name}: " + (allowed.Length == 0 ? "it has no more moves" : $"it can {string.Join(", ", allowed)}"));
        }

        if (rows.All(t => t.Guard == OrderGuard.Cash) && !order.IsCash)
        {
            return MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle, $"the order is settled by {order.Settlement}, not in cash: declare the obligation instead of invoicing");
        }

        if (rows.All(t => t.Guard == OrderGuard.InKind) && order.IsCash)
        {
            return MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle, "the order is settled in cash: invoice it instead of declaring an obligation in kind");
        }

        if (day < order.Date)
        {
            return MoveResult.Refuse(DiagnosticCodes.InvalidOrderValue, $"a step cannot be dated {day:yyyy-MM-dd}, before the order's date {order.Date:yyyy-MM-dd}", "day");
        }

        var action = OrderLifecycle.ActionName(operation);
        switch (operation)
        {
            case Operation.OrderPlace:
                return Done(order with { Status = OrderStatus.Ordered, OrderedBy = actor });
            case Operation.OrderDeliver:
                return Deliver(order, day, quantities, action, postingNumber);
            case Operation.OrderCancelRemainder:
                return Done(order with
                {
                    Status = OrderStatus.Delivered,
                    Lines = order.Lines.Select(l => l with { Cancelled = l.Cancelled + l.Outstanding }).ToArray(),
                });
            case Operation.OrderInvoice or Operation.OrderDeclareObligation:
                return Done(order with { Status = rows[0].To, ClaimedOn = day });
            case Operation.OrderSettle:
                if (order.ReviewPending)
                {
                    return MoveResult.Refuse(DiagnosticCodes.ReviewPending,
                        $"the order cannot settle until a legal adviser clears its flags: {string.Join("; ", order.Flags.Select(f => $"{f.Field} ({f.Code})"))}");
                }

                var settled = order with { Status = OrderStatus.Settled, SettledOn = day };
                return new(settled, PostingSet.Obligation(order.Id, postingNumber, day, action, order.Supplying.State, order.Requesting.State, order.Open(), reverse: true), []);
            default:
                return Done(order with { Status = rows[0].To });
        }
    }

    /// <summary>Clears the legal-review flags (a legal adviser's act, after the policy allowed it).</summary>
    public static MoveResult ClearReview(Order order, string actor) =>
        !order.ReviewPending
            ? MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle, order.Flags.Count == 0 ? "the order has no flags to clear" : $"the flags were cleared by {order.ReviewClearedBy}")
            : OrderLifecycle.IsFinal(order.Status)
                ? MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle, $"the order is {order.Status.Name()}")
                : Done(order with { ReviewClearedBy = actor });

    /// <summary>Sets <paramref name="due"/> on every delivered part whose due date the agreement's terms do not give.</summary>
    public static MoveResult SetDueDate(Order order, DateOnly due)
    {
        if (order.Status is OrderStatus.Settled || OrderLifecycle.IsFinal(order.Status))
        {
            return MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle, $"the order is {order.Status.Name()}: nothing is due");
        }

        var unknown = order.Parts.Where(p => p.Due is null).ToArray();
        if (unknown.Length == 0)
        {
            return MoveResult.Refuse(DiagnosticCodes.MoveNotInLifecycle, order.Parts.Count == 0
                ? "nothing is delivered yet: the obligation (and its due date) arises at delivery"
                : "every due date of the order comes from the agreement's time limit");
        }

        if (unknown.FirstOrDefault(p => due < p.Day) is { } early)
        {
            return MoveResult.Refuse(DiagnosticCodes.InvalidOrderValue, $"a due date of {due:yyyy-MM-dd} is before the delivery of {early.Day:yyyy-MM-dd}", "due");
        }

        return Done(order with { Parts = order.Parts.Select(p => p.Due is null ? p with { Due = due } : p).ToArray() });
    }

    private static MoveResult Deliver(Order order, DateOnly day, IReadOnlyDictionary<int, decimal>? quantities, string action, int postingNumber)
    {
        var wanted = quantities ?? order.Lines.Where(l => l.Outstanding > 0m).ToDictionary(l => l.Number, l => l.Outstanding);
        var diagnostics = new List<Diagnostic>();
        foreach (var (number, quantity) in wanted.OrderBy(w => w.Key))
        {
            var line = order.Lines.FirstOrDefault(l => l.Number == number);
            if (line is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DeliveryExceedsOrder, $"the order has no line {number}", $"lines[{number}]"));
            }
            else if (quantity <= 0m || quantity > line.Outstanding)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DeliveryExceedsOrder,
                    $"line {number} has {line.Outstanding.ToString(CultureInfo.InvariantCulture)} {line.Unit} still to deliver, not {quantity.ToString(CultureInfo.InvariantCulture)}", $"lines[{number}]"));
            }
        }

        if (wanted.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DeliveryExceedsOrder, "a delivery delivers something"));
        }

        if (diagnostics.Count > 0)
        {
            return new(null, null, diagnostics);
        }

        var delivery = order.Parts.Select(p => p.Delivery).DefaultIfEmpty(0).Max() + 1;
        var parts = new List<DeliveredPart>();
        var lines = order.Lines.Select(line =>
        {
            if (!wanted.TryGetValue(line.Number, out var quantity))
            {
                return line;
            }

            var delivered = line.Delivered + quantity;
            // The part carries what the line is worth delivered so far less what earlier parts carried: no drift.
            var value = line.ValueOf(delivered) - line.ValueOf(line.Delivered);
            parts.Add(new(delivery, line.Number, day, quantity, value, line.TimeLimit?.DueDate(day)));
            return line with { Delivered = delivered };
        }).ToArray();
        var after = order with
        {
            Lines = lines,
            Parts = [.. order.Parts, .. parts],
            Status = lines.All(l => l.Outstanding == 0m) ? OrderStatus.Delivered : OrderStatus.PartiallyDelivered,
        };
        var amounts = parts.GroupBy(p => p.Value.Currency).Select(g => g.Aggregate(Money.Zero(g.Key), (sum, p) => sum + p.Value));
        return new(after, PostingSet.Obligation(order.Id, postingNumber, day, action, order.Supplying.State, order.Requesting.State, amounts, reverse: false), []);
    }

    private static MoveResult Done(Order after) => new(after, null, []);
}
