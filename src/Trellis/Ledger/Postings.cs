namespace Trellis.Ledger;

/// <summary>What an account records: what its holder is owed (receivable) or owes (payable).</summary>
public enum AccountKind
{
    Receivable,
    Payable,
}

/// <summary>
/// An account of the ledger: <see cref="Holder"/>'s receivable from, or payable to, <see cref="Counterparty"/>, in one
/// currency. There is one pair of accounts per ordered pair of states and currency: the supplier's receivable from the
/// requester, and the requester's payable to the supplier.
/// </summary>
public sealed record Account(AccountKind Kind, string Holder, string Counterparty, Currency Currency)
{
    /// <summary><c>receivable GBR←JPN GBP</c>, <c>payable JPN→GBR GBP</c>.</summary>
    public override string ToString() => Kind == AccountKind.Receivable
        ? $"receivable {Holder}←{Counterparty} {Currency.Code}"
        : $"payable {Holder}→{Counterparty} {Currency.Code}";
}

/// <summary>One posting: a debit (positive) or a credit (negative) of <see cref="Amount"/> to <see cref="Account"/>.</summary>
public sealed record Posting(Account Account, Money Amount);

/// <summary>
/// The postings one lifecycle step makes, balanced: in every currency they sum to zero (the constructor throws
/// otherwise). A delivery debits the supplier's receivable and credits the requester's payable; a settlement does the
/// reverse.
/// </summary>
public sealed record PostingSet
{
    public PostingSet(Guid orderId, int number, DateOnly day, string action, IReadOnlyList<Posting> postings)
    {
        if (postings.Any(p => p.Amount.Currency != p.Account.Currency))
        {
            throw new ArgumentException("a posting's amount is in its account's currency", nameof(postings));
        }

        if (postings.GroupBy(p => p.Account.Currency).FirstOrDefault(g => g.Sum(p => p.Amount.Amount) != 0m) is { } unbalanced)
        {
            throw new ArgumentException($"postings in {unbalanced.Key.Code} do not sum to zero", nameof(postings));
        }

        OrderId = orderId;
        Number = number;
        Day = day;
        Action = action;
        Postings = postings;
    }

    public Guid OrderId { get; }

    /// <summary>1-based, per order, in the order the steps were made.</summary>
    public int Number { get; }

    /// <summary>The business day of the step (the day of delivery, of settlement).</summary>
    public DateOnly Day { get; }

    /// <summary>The step's action name (<c>order-deliver</c>).</summary>
    public string Action { get; }

    public IReadOnlyList<Posting> Postings { get; }

    /// <summary>
    /// The balanced pair of postings for each amount: <paramref name="creditor"/>'s receivable from <paramref name="debtor"/>
    /// debited and <paramref name="debtor"/>'s payable to <paramref name="creditor"/> credited (reversed when
    /// <paramref name="reverse"/>: a settlement).
    /// </summary>
    public static PostingSet Obligation(Guid orderId, int number, DateOnly day, string action, string creditor, string debtor, IEnumerable<Money> amounts, bool reverse)
    {
        var postings = new List<Posting>();
        foreach (var amount in amounts.Where(a => !a.IsZero))
        {
            var debit = reverse ? -amount : amount;
            postings.Add(new(new(AccountKind.Receivable, creditor, debtor, amount.Currency), debit));
            postings.Add(new(new(AccountKind.Payable, debtor, creditor, amount.Currency), -debit));
        }

        return new(orderId, number, day, action, postings);
    }
}

/// <summary>The balances of the ledger's accounts: the sum of every posting to each.</summary>
public static class Balances
{
    /// <summary>Every account that has postings, with its balance (debits positive), in a stable order.</summary>
    public static IReadOnlyList<(Account Account, Money Balance)> Of(IEnumerable<PostingSet> sets) =>
        sets.SelectMany(s => s.Postings)
            .GroupBy(p => p.Account)
            .Select(g => (g.Key, g.Aggregate(Money.Zero(g.Key.Currency), (sum, p) => sum + p.Amount)))
            .OrderBy(x => x.Key.Currency.Code, StringComparer.Ordinal).ThenBy(x => x.Key.Holder, StringComparer.Ordinal)
            .ThenBy(x => x.Key.Counterparty, StringComparer.Ordinal).ThenBy(x => x.Key.Kind)
            .ToArray();
}
