using System.Text.Json.Serialization;

namespace Trellis.Rules;

/// <summary>The plan as echoed in an assessment.</summary>
public sealed record PlanView(
    string Name,
    string? File,
    string SendingState,
    string HostState,
    string Purpose,
    bool CooperativeActivity,
    DateOnly Start,
    DateOnly End,
    int Groups,
    long Personnel)
{
    /// <summary>True for a United Nations Command activity (the UN-SOFA trigger); left out of JSON when false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool UnitedNationsCommand { get; init; }
}

/// <summary>An instrument (baseline or agreement) whose rules were applied.</summary>
/// <param name="Layer"><c>baseline</c> or <c>agreement</c>.</param>
public sealed record InstrumentView(string Id, string Layer, string Title, string? Url, bool Hypothetical);

/// <summary>An agreement between the two states whose rules were not applied, and why.</summary>
/// <param name="Reason"><c>no-rules</c> (in force, nothing encoded), <c>switched-off</c> (<c>--without</c>), <c>not-in-force</c>, <c>not-applicable</c> (its layer conditions fail), <c>other-direction</c> (it does not admit the sending state's forces into the host: the US–Japan SOFA for a Japanese plan into the United States).</param>
/// <param name="Hint">What in the plan would make it apply, when a plan field decides it (<c>cooperativeActivity</c>); else null.</param>
public sealed record SkippedAgreement(string Id, string Reason, string Detail, string? Hint = null);

/// <summary>The legal basis of an output line: the instrument, the article, a link.</summary>
public sealed record Basis(string Instrument, string Article, string? Paragraph, string Url)
{
    public static Basis Of(Citation c) => new(c.Instrument, c.Article, c.Paragraph, c.Url);
}

/// <summary>
/// A lead time as output: exactly one of <see cref="Days"/>, <see cref="WorkingDays"/> is set
/// when known; <see cref="Unknown"/> when no source gives it; <see cref="Parameter"/> names the
/// planning assumption that supplied the value, if one did.
/// </summary>
public sealed record LeadTimeView(int? Days, int? WorkingDays, bool Unknown, string? Parameter);

/// <summary>A fee as output: per unit and in total; <see cref="Unknown"/> when payable but not known.</summary>
public sealed record FeeView(decimal? Amount, string? Currency, decimal? Total, bool Unknown);

/// <summary>
/// One thing the sending state must do: file a permit request, notify, declare, be inspected,
/// pay, register, complete a regime. <see cref="Count"/> is the number of filings after multiplicity.
/// </summary>
/// <param name="Kind"><c>permit</c>, <c>notification</c>, <c>declaration</c>, <c>inspection</c>, <c>regime</c> (steps over a minimum period that cannot be shortened, e.g. vaccinations, an antibody test and a 180-day wait), <c>fee</c> or <c>registration</c>.</param>
/// <param name="Deadline">Null when the lead time is unknown: never read as the arrival day.</param>
/// <param name="Overdue">True when <paramref name="Deadline"/> is before the day the assessment was made.</param>
public sealed record Requirement(
    string Rule,
    string Instrument,
    string Kind,
    string Title,
    string Authority,
    long Count,
    string Per,
    LeadTimeView LeadTime,
    int? LeadDays,
    DateOnly? Deadline,
    bool Overdue,
    FeeView? Fee,
    Basis Basis,
    string Confidence,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> Replaces,
    string? Note);

/// <summary>
/// A rule (a requirement, prohibition or note of a lower layer) that does not apply to
/// <see cref="Elements"/> because <see cref="DisplacedBy"/> waived or replaced it.
/// </summary>
/// <param name="Kind">The displaced rule's requirement kind (<c>permit</c>...), or <c>prohibition</c>, <c>note</c>.</param>
/// <param name="Count">The filings the displacement saved (0 for prohibitions and notes).</param>
/// <param name="Basis">The basis of the displacing rule.</param>
/// <param name="Confidence">The confidence of the displacing rule.</param>
public sealed record DisplacedRequirement(
    string Rule,
    string Instrument,
    string Kind,
    string Title,
    long Count,
    IReadOnlyList<string> Elements,
    string DisplacedBy,
    string DisplacedByInstrument,
    string How,
    Basis Basis,
    string Confidence);

/// <summary>Something that cannot lawfully be brought or done under the rules applied.</summary>
public sealed record Prohibition(string Rule, string Instrument, string Title, string Reason, Basis Basis, string Confidence, IReadOnlyList<string> Elements);

/// <summary>Information for the planner: jurisdiction, claims, taxes and the like.</summary>
public sealed record Note(string Rule, string Instrument, string Topic, string Title, string Text, Basis Basis, string Confidence);

/// <summary>A value the output needs and no source gives: needs manual input.</summary>
/// <param name="Rule">The rule concerned; for <c>baseline</c> and <c>coverage</c>, the host's baseline id.</param>
/// <param name="Field"><c>leadTime</c>, <c>fee</c>, <c>baseline</c>, <c>coverage</c> (the host's baseline has no rule for an element's kind: not researched) or <c>conflict</c>.</param>
/// <param name="Element">For <c>coverage</c>: the plan element not covered; else null.</param>
/// <param name="ElementKind">For <c>coverage</c>: that element's kind; else null.</param>
public sealed record Unknown(string Rule, string Field, string Message, string? Element = null, string? ElementKind = null);

/// <summary>A planning assumption used in the output (a parameter, or the holiday calendar).</summary>
/// <param name="Source">The file the value came from.</param>
/// <param name="Confidence">How far the value can be relied on; a requirement resting on it is never more confident.</param>
public sealed record Assumption(string Name, string Label, string Value, string Basis, string? Source, IReadOnlyList<string> Rules, string Confidence = "low");

public sealed record FeeTotal(string Currency, decimal Amount);

/// <summary>The red tape in numbers. An unknown stays unknown: no total reads a missing lead time as zero.</summary>
/// <param name="Filings">The sum of the requirements' counts.</param>
/// <param name="Authorities">Distinct authorities that receive filings.</param>
/// <param name="LongestLeadDays">The longest lead time in calendar days; null when any requirement's lead time is unknown (then the longest is not known), or when there are no requirements.</param>
/// <param name="LongestKnownLeadDays">The longest of the known lead times; null when none is known. Not the longest lead time when <paramref name="UnknownLeadTimes"/> is above 0.</param>
/// <param name="UnknownLeadTimes">Requirement lines whose lead time is unknown (each is also in <see cref="Assessment.Unknowns"/>).</param>
/// <param name="LatestSafeSubmission">The earliest deadline, moved back to a working day of the host: submitting everything by then meets every deadline. Null when any lead time is unknown (then no such day can be computed) or when there are no deadlines.</param>
/// <param name="LatestSafeSubmissionKnownOnly">The same day computed from the known deadlines only: the filings with known lead times must be in by then. Not a safe day for the others.</param>
/// <param name="Overdue">Requirement lines whose deadline is before <see cref="Assessment.MadeOn"/>.</param>
/// <param name="Feasible">False when something can no longer be done in time at all (see <paramref name="InfeasibleReasons"/>); an overdue permit alone does not make a plan infeasible, as a late request may still be granted.</param>
/// <param name="InfeasibleReasons">Why the plan is not feasible, one sentence each; empty when it is.</param>
/// <param name="Unknowns">Values that need manual input.</param>
/// <param name="Prohibitions">Prohibited items.</param>
/// <param name="Fees">Known fees per currency.</param>
public sealed record Summary(
    long Filings,
    int Authorities,
    int? LongestLeadDays,
    int? LongestKnownLeadDays,
    int UnknownLeadTimes,
    DateOnly? LatestSafeSubmission,
    DateOnly? LatestSafeSubmissionKnownOnly,
    int Overdue,
    bool Feasible,
    IReadOnlyList<string> InfeasibleReasons,
    int Unknowns,
    int Prohibitions,
    IReadOnlyList<FeeTotal> Fees);

/// <summary>
/// How the lead time of a lower layer's requirement changed where an agreement replaced it:
/// <c>10 days → unknown</c>. <see cref="ChangeDays"/> is null unless both are known, so an unknown
/// lead time is never counted as a saving.
/// </summary>
/// <param name="Rule">The replaced rule (of the baseline alone).</param>
/// <param name="By">The replacing rule.</param>
/// <param name="From">The replaced rule's lead time in words (<c>10 days</c>, <c>unknown</c>).</param>
/// <param name="To">The replacing rule's lead time in words.</param>
/// <param name="FromDays">The replaced rule's lead time in calendar days; null when unknown.</param>
/// <param name="ToDays">The replacing rule's lead time in calendar days; null when unknown.</param>
/// <param name="ChangeDays"><paramref name="ToDays"/> minus <paramref name="FromDays"/>; null when either is unknown.</param>
public sealed record LeadTimeChange(string Rule, string By, string From, string To, int? FromDays, int? ToDays, int? ChangeDays);

/// <summary>
/// What the agreements change: this assessment minus the host's baseline alone. Negative
/// numbers are red tape removed.
/// </summary>
/// <param name="LongestLeadDays">The change of the longest lead time; null when either side has an unknown lead time (or none).</param>
/// <param name="LeadTimes">Per replaced requirement, its lead time before and after.</param>
/// <param name="ProhibitedWithout">Prohibitions of the baseline alone that the agreements lift.</param>
/// <param name="Removed">Rule ids required under the baseline alone and not now.</param>
/// <param name="Added">Rule ids required now and not under the baseline alone.</param>
public sealed record Delta(
    long Filings,
    int Authorities,
    int? LongestLeadDays,
    int Unknowns,
    IReadOnlyList<FeeTotal> Fees,
    IReadOnlyList<LeadTimeChange> LeadTimes,
    IReadOnlyList<Prohibition> ProhibitedWithout,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Added);

/// <summary>
/// The outcome of assessing a plan: requirements with deadlines and legal basis, what was
/// displaced and by what, prohibitions, notes, unknowns, assumptions and a summary. JSON shape
/// documented in docs/assess.md.
/// </summary>
public sealed record Assessment
{
    public required PlanView Plan { get; init; }

    /// <summary>The day on which agreements had to be in force (plan start, or as-of).</summary>
    public required DateOnly LawDate { get; init; }

    /// <summary>The day the assessment was made (<c>--today</c>, else the clock): deadlines before it are overdue.</summary>
    public required DateOnly MadeOn { get; init; }

    public required IReadOnlyList<InstrumentView> Instruments { get; init; }

    public required IReadOnlyList<SkippedAgreement> Skipped { get; init; }

    /// <summary>Sorted by deadline (unknown last), then authority, then rule.</summary>
    public required IReadOnlyList<Requirement> Requirements { get; init; }

    public required IReadOnlyList<DisplacedRequirement> Displaced { get; init; }

    public required IReadOnlyList<Prohibition> Prohibitions { get; init; }

    public required IReadOnlyList<Note> Notes { get; init; }

    public required IReadOnlyList<Unknown> Unknowns { get; init; }

    public required IReadOnlyList<Assumption> Assumptions { get; init; }

    public required Summary Summary { get; init; }

    /// <summary>With a comparison: the summary of the host's baseline alone.</summary>
    public Summary? Baseline { get; init; }

    /// <summary>With a comparison: this assessment minus the baseline alone.</summary>
    public Delta? Delta { get; init; }

    /// <summary>The explanation trace, when asked for; rendered by <see cref="Explanation"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<RuleTrace>? Trace { get; init; }
}

/// <summary>What happened to one rule in one evaluation: the explanation of an output line.</summary>
public sealed record RuleTrace(Rule Rule, string Instrument)
{
    /// <summary>Why the rule did not match at all (not law on the day, plan condition, no element); null when it matched.</summary>
    public string? NotApplicable { get; init; }

    /// <summary>Elements matched, with their units under the rule's multiplicity.</summary>
    public IReadOnlyList<(string Element, long Units)> Matched { get; init; } = [];

    /// <summary>Elements of the rule's kinds that did not match, with the first condition they failed.</summary>
    public IReadOnlyList<(string Element, string Reason)> NotMatched { get; init; } = [];

    /// <summary>Parts displaced: by which rule, which elements (empty for a plan rule).</summary>
    public IReadOnlyList<(string By, IReadOnlyList<string> Elements)> DisplacedBy { get; init; } = [];

    /// <summary>For waive and replace: which rules this one displaced, for which elements.</summary>
    public IReadOnlyList<(string Target, IReadOnlyList<string> Elements)> Displacing { get; init; } = [];

    /// <summary>The output line this rule produced, in words; null when none.</summary>
    public string? Outcome { get; init; }
}

/// <summary>Options of one assessment.</summary>
public sealed record AssessOptions
{
    /// <summary>The law date: agreements must be in force on it. Default: the plan's start.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Agreement ids switched off.</summary>
    public IReadOnlyList<string> Without { get; init; } = [];

    /// <summary>Apply the host's baseline alone (no agreement).</summary>
    public bool BaselineOnly { get; init; }

    /// <summary>Record the explanation trace.</summary>
    public bool Explain { get; init; }

    /// <summary>The day the assessment is made: deadlines before it are overdue. Default: today by the assessor's <see cref="TimeProvider"/> (local date).</summary>
    public DateOnly? Today { get; init; }
}
