using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Ledger.Terms;

/// <summary>Whether a dated entry applies on a day: yes, no, or not known because a bound is known only to the month or year.</summary>
public enum Applicability
{
    No,
    Yes,
    Uncertain,
}

/// <summary>
/// The days an entry applies: from <see cref="From"/> (inclusive) until <see cref="Until"/> (exclusive: the first day
/// it no longer applies), as <c>agreement.yaml</c>'s <c>ended</c>. Either bound may be open (null: the agreement's own
/// start or end). A bound known only to the month or year makes the days it may denote <see cref="Applicability.Uncertain"/>.
/// </summary>
public readonly record struct Validity(PartialDate? From, PartialDate? Until)
{
    public static Validity Always => default;

    /// <summary>Whether the entry applies on <paramref name="day"/>.</summary>
    public Applicability On(DateOnly day)
    {
        var result = Applicability.Yes;
        if (From is { } from)
        {
            if (day < from.First)
            {
                return Applicability.No;
            }

            if (!from.IsExact && day <= from.Last)
            {
                result = Applicability.Uncertain;
            }
        }

        if (Until is { } until)
        {
            if (until.IsExact ? day >= until.First : day > until.Last)
            {
                return Applicability.No;
            }

            if (!until.IsExact && day >= until.First)
            {
                result = Applicability.Uncertain;
            }
        }

        return result;
    }

    /// <summary>True when some day certainly lies in both (bounds known only to a month or year count by their certain part).</summary>
    public bool CertainlyOverlaps(Validity other)
    {
        var start = Max(From?.Last, other.From?.Last);
        var end = Min(Until?.First, other.Until?.First);
        return start is null || end is null || start < end;
    }

    /// <summary><c>from 2004-07-29 until 2017-04-25</c>, <c>until 2004-07-29</c>, or an empty string when open on both sides.</summary>
    public override string ToString() => (From, Until) switch
    {
        (null, null) => "",
        ({ } f, null) => $"from {f}",
        (null, { } u) => $"until {u}",
        ({ } f, { } u) => $"from {f} until {u}",
    };

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}

/// <summary>What an entry says about a category: the agreement covers it, excludes it, or no source says.</summary>
public enum CategoryStatus
{
    Covered,
    Excluded,
    Unknown,
}

/// <summary>
/// One statement about a category of supplies or services under one agreement, over <see cref="Validity"/>.
/// A covered entry with <see cref="OnlyIn"/> covers the category only in those situations (ammunition under the
/// Japan–US ACSA from 2004-07-29: armed-attack situations only). An unknown entry has no citation required: it
/// says that no source gives the value (<see cref="Note"/> says what was searched or why sources conflict).
/// </summary>
public sealed record CategoryTerm
{
    public CategoryTerm(string category, CategoryStatus status, Validity validity, Citation? citation, Confidence? confidence)
    {
        if (!LogisticsVocabulary.Categories.Contains(category))
        {
            throw new ArgumentException($"'{category}' is not a logistics category.", nameof(category));
        }

        if (status != CategoryStatus.Unknown && (citation is null || confidence is null))
        {
            throw new ArgumentException($"A {status} entry for '{category}' needs a citation and a confidence.", nameof(citation));
        }

        Category = category;
        Status = status;
        Validity = validity;
        Citation = citation;
        Confidence = confidence;
    }

    public string Category { get; }

    public CategoryStatus Status { get; }

    public Validity Validity { get; }

    /// <summary>The text that says so; null only for an unknown entry without one.</summary>
    public Citation? Citation { get; }

    public Confidence? Confidence { get; }

    /// <summary>For a covered entry: the situations it is limited to; empty when it covers every covered situation.</summary>
    public IReadOnlyList<string> OnlyIn { get; init; } = [];

    public string? Note { get; init; }

    public int Line { get; init; }
}

/// <summary>Something an agreement (or a law it rests on) excludes that is not a category: "offensive military operations", "chemical munitions".</summary>
public sealed record Exclusion(string Item, Validity Validity, Citation Citation, Confidence Confidence)
{
    public string? Note { get; init; }

    public int Line { get; init; }
}

/// <summary>A situation (activity) the agreement covers, over <see cref="Validity"/>.</summary>
public sealed record SituationTerm(string Situation, Validity Validity, Citation Citation, Confidence Confidence)
{
    public string? Note { get; init; }

    public int Line { get; init; }
}

/// <summary>
/// The situations an agreement covers. <see cref="Unknown"/>: no source gives them. <see cref="Complete"/>: the
/// entries are the agreement's whole list, so an unlisted situation is not covered; otherwise (a list cut off in
/// the only excerpt read) an unlisted situation is unknown.
/// </summary>
public sealed record SituationTerms(bool Unknown, bool Complete, IReadOnlyList<SituationTerm> Covered)
{
    public static SituationTerms NotGiven(string? note) => new(true, false, []) { Note = note };

    public string? Note { get; init; }
}

/// <summary>A settlement time limit: <see cref="Months"/> after <see cref="After"/>, or unknown (no source gives it).</summary>
public sealed record TimeLimit(int? Months, string? After)
{
    public static TimeLimit UnknownLimit(string? note) => new(null, null) { Note = note };

    public bool IsUnknown => Months is null;

    public string? Note { get; init; }

    /// <summary>The last day to settle a line delivered on <paramref name="delivery"/>; null when the limit is unknown.</summary>
    public DateOnly? DueDate(DateOnly delivery) => Months is { } m ? delivery.AddMonths(m) : null;

    public override string ToString() => Months is { } m ? $"{m} months after {After}" : "unknown";
}

/// <summary>A settlement method the agreement allows for goods, services or any line, with its time limit, over <see cref="Validity"/>.</summary>
public sealed record SettlementTerm(string Method, string Lines, TimeLimit TimeLimit, Validity Validity, Citation Citation, Confidence Confidence)
{
    public string? Note { get; init; }

    public int Line { get; init; }
}

/// <summary>How an agreement is settled: its methods, or unknown when no source gives them.</summary>
public sealed record SettlementTerms(bool Unknown, IReadOnlyList<SettlementTerm> Methods)
{
    public string? Note { get; init; }
}

/// <summary>One restriction on passing supplies or services on to a third party, from the agreement or a law it rests on.</summary>
public sealed record TransferRestriction(string Restriction, Validity Validity, Citation Citation, Confidence Confidence)
{
    public string? Note { get; init; }

    public int Line { get; init; }
}

/// <summary>
/// Third-party transfer: the restrictions known, and whether the agreement's own clause is <see cref="Unknown"/>
/// (not read in any source). Both may hold: the US statute's rule is known while the Japan–US clause is not.
/// </summary>
public sealed record TransferTerms(bool Unknown, IReadOnlyList<TransferRestriction> Restrictions)
{
    public string? Note { get; init; }
}

/// <summary>
/// An agreement's logistics terms, read from <c>data/agreements/&lt;id&gt;/logistics.yaml</c>: what it covers, excludes,
/// in which situations, how it is settled and what limits onward transfer. Every known value carries its citation
/// and confidence; what no source gives is an explicit unknown.
/// </summary>
public sealed record LogisticsTerms(
    string AgreementId,
    IReadOnlyList<CategoryTerm> Categories,
    IReadOnlyList<Exclusion> Exclusions,
    SituationTerms Situations,
    SettlementTerms Settlement,
    TransferTerms ThirdPartyTransfer)
{
    public string? Notes { get; init; }

    /// <summary>The file, as shown in diagnostics.</summary>
    public string? File { get; init; }
}

/// <summary>
/// What a state's own law forbids its forces to supply under any logistics agreement
/// (<c>data/baselines/&lt;ISO3&gt;/logistics.yaml</c>): the SDF never supplies weapons. Only exclusions.
/// </summary>
public sealed record SupplierLimits(string State, IReadOnlyList<CategoryTerm> Excluded)
{
    public string? Notes { get; init; }

    public string? File { get; init; }
}
