using Trellis.Cases;

namespace Trellis.Ledger;

/// <summary>Where an order stands. The supplying side sees an order only from <see cref="Ordered"/> on.</summary>
public enum OrderStatus
{
    /// <summary>The requesting organisation is preparing it; only its own side sees it.</summary>
    Draft,

    /// <summary>An authorised official of the requesting side placed it with the supplier.</summary>
    Ordered,

    /// <summary>The supplying side accepted it.</summary>
    Accepted,

    /// <summary>Part of it was delivered; the rest is still to deliver (or to cancel).</summary>
    PartiallyDelivered,

    /// <summary>Everything still ordered was delivered (the undelivered rest, if any, cancelled).</summary>
    Delivered,

    /// <summary>The requesting side confirmed receipt (someone other than the person who ordered).</summary>
    Received,

    /// <summary>Cash settlement: the supplying side sent its invoice (the claim notice).</summary>
    Invoiced,

    /// <summary>Replacement in kind, return or equal-value exchange: the supplying side notified the obligation and its due date.</summary>
    ObligationDue,

    /// <summary>The supplying side confirmed settlement; no obligation is open.</summary>
    Settled,

    /// <summary>Formally closed out: no more moves.</summary>
    Closed,

    /// <summary>Cancelled before anything was delivered: no more moves, nothing owed.</summary>
    Cancelled,
}

/// <summary>Which party to an order acts: the requesting organisation (state A) or the supplying organisation (state B).</summary>
public enum OrderSide
{
    Requesting,
    Supplying,
}

/// <summary>
/// A condition a move has beyond its status, checked by the order (<see cref="Order"/>), not by the policy: which
/// settlement method the order uses.
/// </summary>
public enum OrderGuard
{
    None,

    /// <summary>Only for an order settled in cash.</summary>
    Cash,

    /// <summary>Only for an order settled otherwise than in cash (replacement in kind, return, equal-value exchange, reciprocal provision).</summary>
    InKind,
}

/// <summary>One allowed move of an order: the operation that makes it, from, to, which side and which roles (any one suffices), and its guard.</summary>
public sealed record OrderTransition(Operation Operation, OrderStatus From, OrderStatus To, OrderSide Side, IReadOnlySet<Role> Roles, OrderGuard Guard = OrderGuard.None);

/// <summary>
/// The order lifecycle: the one statement of which moves exist and who may make them, read by the policy, the
/// ledger and the tests' matrix (docs/logistics.md#lifecycle). Separation of duties that depends on the person
/// (the placing official must be listed on the order; receipt is confirmed by someone other than who ordered) is
/// the policy's (<see cref="Policy"/>); whether the quantities allow a delivery, the ledger's.
/// </summary>
public static class OrderLifecycle
{
    private static readonly IReadOnlySet<Role> Staff = new HashSet<Role> { Role.Planner, Role.Approver };
    private static readonly IReadOnlySet<Role> Approvers = new HashSet<Role> { Role.Approver };

    /// <summary>Every order move.</summary>
    public static IReadOnlyList<OrderTransition> Moves { get; } =
    [
        new(Operation.OrderPlace, OrderStatus.Draft, OrderStatus.Ordered, OrderSide.Requesting, Approvers),
        new(Operation.OrderAccept, OrderStatus.Ordered, OrderStatus.Accepted, OrderSide.Supplying, Approvers),
        new(Operation.OrderDeliver, OrderStatus.Accepted, OrderStatus.PartiallyDelivered, OrderSide.Supplying, Staff),
        new(Operation.OrderDeliver, OrderStatus.Accepted, OrderStatus.Delivered, OrderSide.Supplying, Staff),
        new(Operation.OrderDeliver, OrderStatus.PartiallyDelivered, OrderStatus.PartiallyDelivered, OrderSide.Supplying, Staff),
        new(Operation.OrderDeliver, OrderStatus.PartiallyDelivered, OrderStatus.Delivered, OrderSide.Supplying, Staff),
        new(Operation.OrderCancelRemainder, OrderStatus.PartiallyDelivered, OrderStatus.Delivered, OrderSide.Requesting, Approvers),
        new(Operation.OrderCancelRemainder, OrderStatus.PartiallyDelivered, OrderStatus.Delivered, OrderSide.Supplying, Approvers),
        new(Operation.OrderReceive, OrderStatus.Delivered, OrderStatus.Received, OrderSide.Requesting, Staff),
        new(Operation.OrderInvoice, OrderStatus.Received, OrderStatus.Invoiced, OrderSide.Supplying, Staff, OrderGuard.Cash),
        new(Operation.OrderDeclareObligation, OrderStatus.Received, OrderStatus.ObligationDue, OrderSide.Supplying, Staff, OrderGuard.InKind),
        new(Operation.OrderSettle, OrderStatus.Invoiced, OrderStatus.Settled, OrderSide.Supplying, Approvers),
        new(Operation.OrderSettle, OrderStatus.ObligationDue, OrderStatus.Settled, OrderSide.Supplying, Approvers),
        new(Operation.OrderClose, OrderStatus.Settled, OrderStatus.Closed, OrderSide.Requesting, Approvers),
        new(Operation.OrderClose, OrderStatus.Settled, OrderStatus.Closed, OrderSide.Supplying, Approvers),
        new(Operation.OrderCancel, OrderStatus.Draft, OrderStatus.Cancelled, OrderSide.Requesting, Staff),
        new(Operation.OrderCancel, OrderStatus.Ordered, OrderStatus.Cancelled, OrderSide.Requesting, Approvers),
        new(Operation.OrderCancel, OrderStatus.Ordered, OrderStatus.Cancelled, OrderSide.Supplying, Approvers),
        new(Operation.OrderCancel, OrderStatus.Accepted, OrderStatus.Cancelled, OrderSide.Requesting, Approvers),
        new(Operation.OrderCancel, OrderStatus.Accepted, OrderStatus.Cancelled, OrderSide.Supplying, Approvers),
    ];

    /// <summary>The operations that move an order (each has rows in <see cref="Moves"/>).</summary>
    public static IReadOnlyList<Operation> MoveOperations { get; } = Moves.Select(m => m.Operation).Distinct().ToArray();

    /// <summary>True for the statuses an order cannot leave.</summary>
    public static bool IsFinal(OrderStatus status) => status is OrderStatus.Closed or OrderStatus.Cancelled;

    /// <summary>True once the supplying side may see the order: it was placed.</summary>
    public static bool IsPlaced(OrderStatus status) => status != OrderStatus.Draft;

    /// <summary>True while the order's data may be edited: a draft only. After that a change is a new order.</summary>
    public static bool IsEditable(OrderStatus status) => status == OrderStatus.Draft;

    /// <summary>The moves <paramref name="operation"/> makes from <paramref name="from"/> (several for a delivery: partial or complete).</summary>
    public static IReadOnlyList<OrderTransition> Find(Operation operation, OrderStatus from) =>
        Moves.Where(t => t.Operation == operation && t.From == from).ToArray();

    /// <summary>The moves out of <paramref name="from"/>, for a refusal that names the allowed ones.</summary>
    public static IReadOnlyList<OrderTransition> From(OrderStatus from) => Moves.Where(t => t.From == from).ToArray();

    private static readonly (OrderStatus Status, string Name)[] Names =
    [
        (OrderStatus.Draft, "draft"), (OrderStatus.Ordered, "ordered"), (OrderStatus.Accepted, "accepted"),
        (OrderStatus.PartiallyDelivered, "partially-delivered"), (OrderStatus.Delivered, "delivered"), (OrderStatus.Received, "received"),
        (OrderStatus.Invoiced, "invoiced"), (OrderStatus.ObligationDue, "obligation-due"), (OrderStatus.Settled, "settled"),
        (OrderStatus.Closed, "closed"), (OrderStatus.Cancelled, "cancelled"),
    ];

    /// <summary>The status's name in the API: <c>obligation-due</c>.</summary>
    public static string Name(this OrderStatus status) => Names.First(n => n.Status == status).Name;

    public static IReadOnlyList<string> StatusNames { get; } = Names.Select(n => n.Name).ToArray();

    public static OrderStatus? ParseStatus(string? name) =>
        Names.Where(n => string.Equals(n.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(n => (OrderStatus?)n.Status).FirstOrDefault();

    /// <summary>The operation's name in the API and the audit log: <c>order-place</c> for <see cref="Operation.OrderPlace"/>.</summary>
    public static string ActionName(Operation operation) => operation switch
    {
        Operation.OrderCreate => "order-create",
        Operation.OrderEdit => "order-edit",
        Operation.OrderPlace => "order-place",
        Operation.OrderAccept => "order-accept",
        Operation.OrderDeliver => "order-deliver",
        Operation.OrderCancelRemainder => "order-cancel-remainder",
        Operation.OrderReceive => "order-receive",
        Operation.OrderInvoice => "order-invoice",
        Operation.OrderDeclareObligation => "order-declare-obligation",
        Operation.OrderSettle => "order-settle",
        Operation.OrderClose => "order-close",
        Operation.OrderCancel => "order-cancel",
        Operation.OrderClearReview => "order-clear-review",
        Operation.OrderSetDueDate => "order-set-due-date",
        _ => throw new ArgumentException($"{operation} is not an order operation", nameof(operation)),
    };
}
