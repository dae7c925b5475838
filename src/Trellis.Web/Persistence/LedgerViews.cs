namespace Trellis.Web.Persistence;

/// <summary>An amount with its ISO 4217 currency, as the API shows money (the amount is an exact decimal, never floating point).</summary>
public sealed record MoneyView(decimal Amount, string Currency)
{
    public static MoneyView Of(Trellis.Ledger.Money m) => new(m.Amount, m.Currency.Code);
}

/// <summary>A party to an order: its organisation, that organisation's name and its state.</summary>
public sealed record OrderPartyView(Guid Id, string Name, string State);

/// <summary>A citation as the API shows it.</summary>
public sealed record CitationView(string Instrument, string Article, string? Paragraph, string Url);

/// <summary>A line of an order. <c>timeLimit</c> is the agreement's settlement time limit for it ("unknown" where no source gives one, null when the settlement terms are unknown).</summary>
public sealed record OrderLineView(int Number, string Category, string Kind, string Description, decimal Quantity, string Unit, decimal UnitPrice,
    string Currency, decimal Amount, decimal Delivered, decimal Cancelled, decimal Outstanding, CitationView? Basis, string? TimeLimit);

/// <summary>A delivered part: the obligation one delivery of one line created, due on <c>due</c> (null: unknown, to be set by hand).</summary>
public sealed record OrderPartView(int Delivery, int Line, DateOnly Day, decimal Quantity, MoneyView Value, DateOnly? Due);

/// <summary>A legal-review flag (coverage no source gives).</summary>
public sealed record OrderFlagView(string Code, string Field, string Reason);

/// <summary>An authorised official of the order.</summary>
public sealed record OrderOfficialView(string UserId, string Side, string? Name);

/// <summary>
/// An order as both sides see it. <c>allowed</c> lists what the caller may do now: the statuses of <c>transitions</c>
/// (<c>ordered</c>, <c>accepted</c>, <c>delivered</c>, <c>received</c>, <c>invoiced</c>, <c>obligation-due</c>,
/// <c>settled</c>, <c>closed</c>, <c>cancelled</c>) and <c>cancel-remainder</c>, <c>clear-review</c>, <c>set-due-date</c>.
/// </summary>
public sealed record OrderView(Guid Id, string Agreement, OrderPartyView Requesting, OrderPartyView Supplying, DateOnly Date, string? Situation,
    string? Exercise, Guid? CaseId, string Settlement, string Status, IReadOnlyList<OrderLineView> Lines, IReadOnlyList<OrderPartView> Deliveries,
    IReadOnlyList<MoneyView> Open, IReadOnlyList<OrderFlagView> Flags, bool ReviewPending, string? ReviewClearedBy, string? OrderedBy,
    IReadOnlyList<OrderOfficialView> Officials, DateOnly? ClaimedOn, DateOnly? SettledOn, IReadOnlyList<string> Allowed,
    DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>One posting of a posting set.</summary>
public sealed record PostingView(string Account, string Kind, string Holder, string Counterparty, MoneyView Amount);

/// <summary>A balanced posting set one step made.</summary>
public sealed record PostingSetView(int Number, DateOnly Day, string Action, IReadOnlyList<PostingView> Postings);

/// <summary>
/// An order with its history (the audit rows of subject <c>order/{id}</c>, oldest first) and its posting sets;
/// <c>warnings</c>: the entry check's warnings (legal-review flags) on the request that made it.
/// </summary>
public sealed record OrderDetail(OrderView Order, IReadOnlyList<HistoryEntry> History, IReadOnlyList<PostingSetView> Postings, IReadOnlyList<Endpoints.Problems.DiagnosticView> Warnings);

/// <summary>An account's balance (debits positive): the supplier's receivable from the requester, the requester's payable to the supplier.</summary>
public sealed record BalanceView(string Account, string Kind, string Holder, string Counterparty, MoneyView Balance);

/// <summary>The balances of the orders the caller can see, per pair of states and currency.</summary>
public sealed record BalancesView(string? Pair, string? Currency, int Orders, IReadOnlyList<BalanceView> Accounts);

/// <summary>One row of the ageing report: creditor ← debtor, currency, bucket (<c>0-30</c>, <c>31-90</c>, <c>91-365</c>, <c>over-365</c> days since delivery).</summary>
public sealed record AgeingRowView(string Creditor, string Debtor, string Currency, string Bucket, decimal NotYetDue, decimal Overdue, decimal DueUnknown, decimal Total, int Count);

/// <summary>Open obligations by age on <c>asOf</c>, of the orders the caller can see.</summary>
public sealed record AgeingView(DateOnly AsOf, string? Pair, string? Currency, IReadOnlyList<AgeingRowView> Rows);
