namespace Trellis.Ledger;

/// <summary>
/// One open obligation: a delivered part of an order not yet settled. <see cref="Creditor"/> (the supplying state) is
/// owed <see cref="Value"/> by <see cref="Debtor"/> (the requesting state) since <see cref="Delivered"/>, due by
/// <see cref="Due"/> (inclusive; null: the agreement gives no time limit and none was set by hand).
/// </summary>
public sealed record Obligation(Guid OrderId, int Delivery, int Line, string Creditor, string Debtor, Money Value, DateOnly Delivered, DateOnly? Due, string Settlement)
{
    /// <summary>Every delivered part of the orders that are not settled (or closed).</summary>
    public static IReadOnlyList<Obligation> Of(IEnumerable<Order> orders) =>
        orders.Where(o => o.Status is not (OrderStatus.Settled or OrderStatus.Closed))
            .SelectMany(o => o.Parts.Select(p => new Obligation(o.Id, p.Delivery, p.Line, o.Supplying.State, o.Requesting.State, p.Value, p.Day, p.Due, o.Settlement)))
            .ToArray();
}

/// <summary>The age buckets of the ageing report, by days since delivery: 0–30, 31–90, 91–365, over a year.</summary>
public enum AgeBucket
{
    UpTo30Days,
    UpTo90Days,
    UpTo365Days,
    OverAYear,
}

/// <summary>How an obligation stands against its due date on a day.</summary>
public enum DueStatus
{
    /// <summary>The due date is today or later.</summary>
    NotYetDue,

    /// <summary>The due date is before today.</summary>
    Overdue,

    /// <summary>No due date: the agreement gives no time limit and none was set by hand.</summary>
    Unknown,
}

/// <summary>One row of the ageing report: a pair (creditor ← debtor), a currency, a bucket, and what is open in it by due status.</summary>
public sealed record AgeingRow(string Creditor, string Debtor, Currency Currency, AgeBucket Bucket, Money NotYetDue, Money Overdue, Money DueUnknown, int Count)
{
    public Money Total => NotYetDue + Overdue + DueUnknown;
}

/// <summary>
/// Ageing of open obligations (issue 12 §5, core): by age since delivery — the day the receivable arises — per pair of
/// states and currency, each split into not yet due, overdue and due date unknown, against a today that comes from a
/// <see cref="TimeProvider"/> (tests pass a fake clock).
/// </summary>
public static class Ageing
{
    public static string Name(this AgeBucket bucket) => bucket switch
    {
        AgeBucket.UpTo30Days => "0-30",
        AgeBucket.UpTo90Days => "31-90",
        AgeBucket.UpTo365Days => "91-365",
        _ => "over-365",
    };

    /// <summary>The bucket of an obligation <paramref name="days"/> old (0 on the day of delivery).</summary>
    public static AgeBucket BucketOf(int days) => days switch
    {
        <= 30 => AgeBucket.UpTo30Days,
        <= 90 => AgeBucket.UpTo90Days,
        <= 365 => AgeBucket.UpTo365Days,
        _ => AgeBucket.OverAYear,
    };

    /// <summary>How <paramref name="o"/> stands on <paramref name="today"/>: overdue once the due day has passed.</summary>
    public static DueStatus StatusOn(Obligation o, DateOnly today) =>
        o.Due is not { } due ? DueStatus.Unknown : due < today ? DueStatus.Overdue : DueStatus.NotYetDue;

    /// <summary>The report on today by <paramref name="clock"/>.</summary>
    public static IReadOnlyList<AgeingRow> Report(IEnumerable<Obligation> obligations, TimeProvider clock) => Report(obligations, clock.Today());

    /// <summary>
    /// The report on <paramref name="today"/>: one row per pair, currency and bucket that has something open, ordered by
    /// creditor, debtor, currency and bucket. An obligation delivered after <paramref name="today"/> is not yet open and
    /// is left out.
    /// </summary>
    public static IReadOnlyList<AgeingRow> Report(IEnumerable<Obligation> obligations, DateOnly today) =>
        obligations.Where(o => o.Delivered <= today)
            .GroupBy(o => (o.Creditor, o.Debtor, o.Value.Currency, Bucket: BucketOf(today.DayNumber - o.Delivered.DayNumber)))
            .Select(g =>
            {
                Money Sum(DueStatus s) => g.Where(o => StatusOn(o, today) == s).Aggregate(Money.Zero(g.Key.Currency), (sum, o) => sum + o.Value);
                return new AgeingRow(g.Key.Creditor, g.Key.Debtor, g.Key.Currency, g.Key.Bucket, Sum(DueStatus.NotYetDue), Sum(DueStatus.Overdue), Sum(DueStatus.Unknown), g.Count());
            })
            .OrderBy(r => r.Creditor, StringComparer.Ordinal).ThenBy(r => r.Debtor, StringComparer.Ordinal)
            .ThenBy(r => r.Currency.Code, StringComparer.Ordinal).ThenBy(r => r.Bucket)
            .ToArray();
}
