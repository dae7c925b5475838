using Trellis.Ledger.Terms;
using Trellis.Rules;

namespace Trellis.Ledger;

/// <summary>An organisation as an order names it: its id (in the accounts of the web app) and the state it belongs to (ISO3).</summary>
public sealed record OrganisationRef(Guid Id, string State);

/// <summary>
/// The situation an order is made in: a situation of the logistics vocabulary (<c>training</c>,
/// <c>humanitarian-relief</c>…) that the governing agreement must cover, and, where there is one, the exercise of the
/// registry or the case it belongs to.
/// </summary>
public sealed record OrderSituation(string? Situation, string? ExerciseId = null, Guid? CaseId = null);

/// <summary>A user authorised to sign for one side of an order (the placing official must be one of the requesting side's).</summary>
public sealed record AuthorisedOfficial(string UserId, OrderSide Side, string? Name = null);

/// <summary>
/// One line as entered: every field may be missing (the entry check reports each as TRL510). <see cref="Kind"/>
/// (<c>goods</c> or <c>services</c>) is needed only where the category does not say (<see cref="OrderLineKinds"/>).
/// </summary>
public sealed record OrderLineDraft(string? Category, string? Description, decimal? Quantity, string? Unit, decimal? UnitPrice, string? Currency, string? Kind = null);

/// <summary>An order as entered, before the entry check (<see cref="OrderEntry.Check"/>). Every field may be missing.</summary>
public sealed record OrderDraft(
    string? Agreement,
    OrganisationRef? Requesting,
    OrganisationRef? Supplying,
    DateOnly? Date,
    OrderSituation? Situation,
    string? Settlement,
    IReadOnlyList<OrderLineDraft>? Lines,
    IReadOnlyList<AuthorisedOfficial>? Officials);

/// <summary>Whether a category is goods or services, for the settlement methods allowed per kind of line.</summary>
public static class OrderLineKinds
{
    public const string Goods = "goods";
    public const string Services = "services";

    private static readonly string[] GoodsCategories = ["food", "water", "petroleum-oils-lubricants", "clothing", "spare-parts", "ammunition", "weapons"];

    private static readonly string[] ServiceCategories =
        ["billeting", "transportation", "base-support", "storage", "use-of-facilities", "training", "repair-maintenance", "airport-port-services", "calibration"];

    /// <summary>
    /// The kind of a category's lines: goods, services, or null where the category holds both (<c>communications</c>:
    /// equipment or services; <c>medical</c>: supplies or services) and the line must say. A classification of our
    /// vocabulary, not a legal fact.
    /// </summary>
    public static string? Of(string category) =>
        GoodsCategories.Contains(category) ? Goods : ServiceCategories.Contains(category) ? Services : null;
}

/// <summary>Something about an order a legal adviser must look at before it can settle: coverage no source gives.</summary>
/// <param name="Code">The diagnostic that raised it (TRL513, TRL517, TRL518).</param>
/// <param name="Field">Where: <c>lines[2].category</c>, <c>situation</c>, <c>settlement</c>.</param>
public sealed record ReviewFlag(string Code, string Field, string Reason);

/// <summary>
/// One line of an accepted order. <see cref="Amount"/> is quantity × unit price rounded once to the currency's minor
/// units (<see cref="OrderEntry.Rounding"/>); the unit price may have more decimals (fuel at 0.8125 USD a litre).
/// </summary>
/// <param name="Number">1-based, in entry order.</param>
/// <param name="Basis">The citation that covers the category, when one does (null for unknown coverage).</param>
/// <param name="TimeLimit">The agreement's settlement time limit for this line's kind and the order's method; null when the settlement terms are unknown.</param>
/// <param name="Delivered">Quantity delivered so far.</param>
/// <param name="Cancelled">Quantity cancelled after a partial delivery (no longer to deliver).</param>
public sealed record OrderLine(
    int Number,
    string Category,
    string Kind,
    string Description,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    Currency Currency,
    Money Amount,
    Citation? Basis,
    TimeLimit? TimeLimit,
    decimal Delivered = 0m,
    decimal Cancelled = 0m)
{
    /// <summary>What is still to deliver.</summary>
    public decimal Outstanding => Quantity - Delivered - Cancelled;

    /// <summary>The value of <paramref name="quantity"/> of this line, rounded once (<see cref="OrderEntry.Rounding"/>).</summary>
    public Money ValueOf(decimal quantity) => Money.Round(checked(quantity * UnitPrice), Currency, OrderEntry.Rounding);
}

/// <summary>
/// One delivered part of a line: the obligation it creates arises on <see cref="Day"/> (the day of delivery), for
/// <see cref="Value"/>, due on <see cref="Due"/> (the agreement's time limit after delivery; null: unknown, to be set
/// by hand). The values of a line's parts add up to the value of what was delivered, exactly: each part is the
/// rounded value of everything delivered so far less what earlier parts carried, so rounding never drifts.
/// </summary>
public sealed record DeliveredPart(int Delivery, int Line, DateOnly Day, decimal Quantity, Money Value, DateOnly? Due);

/// <summary>
/// An order that passed the entry check (<see cref="OrderEntry.Check"/> builds it; the persistence layer rebuilds it),
/// changed only by the ledger's moves (<see cref="OrderMoves"/>), each a new value.
/// </summary>
public sealed record Order(
    Guid Id,
    string AgreementId,
    OrganisationRef Requesting,
    OrganisationRef Supplying,
    DateOnly Date,
    OrderSituation Situation,
    string Settlement,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyList<AuthorisedOfficial> Officials,
    IReadOnlyList<ReviewFlag> Flags)
{
    public OrderStatus Status { get; init; } = OrderStatus.Draft;

    /// <summary>Who placed it (<c>draft → ordered</c>); null before.</summary>
    public string? OrderedBy { get; init; }

    /// <summary>The legal adviser who cleared <see cref="Flags"/>; null while they are open (or there are none).</summary>
    public string? ReviewClearedBy { get; init; }

    public IReadOnlyList<DeliveredPart> Parts { get; init; } = [];

    /// <summary>The day the invoice or the obligation notice went out (the claim notice the Board of Audit found missing).</summary>
    public DateOnly? ClaimedOn { get; init; }

    public DateOnly? SettledOn { get; init; }

    /// <summary>True while flags wait for a legal adviser: the order cannot settle.</summary>
    public bool ReviewPending => Flags.Count > 0 && ReviewClearedBy is null;

    /// <summary>True when the order is settled in cash (invoiced), false for settlement in kind (an obligation due).</summary>
    public bool IsCash => Settlement == "cash";

    /// <summary>The policy's view of the order.</summary>
    public Cases.OrderResource AsResource() => new(Requesting.Id, Requesting.State, Supplying.Id, Supplying.State, Status,
        Officials.Where(o => o.Side == OrderSide.Requesting).Select(o => o.UserId).ToHashSet(StringComparer.Ordinal), OrderedBy);

    /// <summary>The value delivered and not settled, per currency: what the requesting state owes the supplying state for this order.</summary>
    public IReadOnlyList<Money> Open() => Status is OrderStatus.Settled or OrderStatus.Closed
        ? []
        : Parts.GroupBy(p => p.Value.Currency).Select(g => g.Aggregate(Money.Zero(g.Key), (sum, p) => sum + p.Value)).ToArray();
}
