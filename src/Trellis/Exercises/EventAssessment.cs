using Trellis.Rules;

namespace Trellis.Exercises;

/// <summary>The event as echoed in its assessment.</summary>
/// <param name="ExerciseId">The registry exercise (<c>rimpac</c>); null for an event file.</param>
/// <param name="EditionYear">The edition's year; null for an event file.</param>
/// <param name="File">The event file; null for a registry edition.</param>
/// <param name="End">The event's last day (inclusive).</param>
public sealed record EventView(
    string Name,
    string? ExerciseId,
    int? EditionYear,
    string? File,
    IReadOnlyList<string> Hosts,
    string HeldIn,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<string> Participants,
    string? Notes)
{
    public static EventView Of(ExerciseEvent e) =>
        new(e.Name, e.ExerciseId, e.EditionYear, e.File, e.Hosts, e.HeldIn, e.Start, e.End, e.Participants, string.IsNullOrWhiteSpace(e.Notes) ? null : e.Notes);
}

/// <summary>A participant whose forces are not assessed, and why.</summary>
/// <param name="Reason"><c>host</c> (the event is held in it: its forces are at home) or <c>no-baseline</c> (the host has no baseline: nothing can be assessed).</param>
public sealed record NotAssessed(string State, string Reason, string Detail);

/// <summary>
/// One sending state's part of an event: its plan assessed against the host's baseline and the agreements in force
/// between the two on the plan's start. The figures are those of <see cref="Rules.Summary"/>; an unknown stays unknown.
/// </summary>
/// <param name="Plan"><c>file</c> (the state's own plan) or <c>template</c> (the standard plan, <c>data/parameters/friction-plan.yaml</c>, over the event's days).</param>
/// <param name="PlanFile">The plan file, for <c>file</c>; else null.</param>
/// <param name="LongestLeadDays">The longest lead time in calendar days; null when any lead time is unknown (never read as zero), or when nothing is to be filed.</param>
/// <param name="LongestKnownLeadDays">The longest of the known lead times; not the longest when <paramref name="Unknowns"/> includes lead times.</param>
/// <param name="Agreements">The agreements whose rules applied, by id.</param>
/// <param name="NoAgreement">True when no agreement applied: the host's baseline alone.</param>
/// <param name="BaselineFilings">Filings under the host's baseline alone, for comparison.</param>
/// <param name="Skipped">Agreements between the two states that did not apply, and why.</param>
/// <param name="Note">What applied, in a sentence.</param>
/// <param name="Assessment">The whole assessment, as <c>trellis assess PLAN --compare --format json</c> writes it.</param>
public sealed record EventParticipant(
    string Sending,
    string Plan,
    string? PlanFile,
    string PlanName,
    DateOnly Start,
    DateOnly End,
    long Filings,
    int Authorities,
    int? LongestLeadDays,
    int? LongestKnownLeadDays,
    int Unknowns,
    int Prohibitions,
    IReadOnlyList<string> Agreements,
    bool NoAgreement,
    long BaselineFilings,
    IReadOnlyList<SkippedAgreement> Skipped,
    string Note,
    Assessment Assessment);

/// <summary>
/// The combined picture of an exercise event: per sending state what it must file, which agreements apply to it and
/// where none does. JSON shape documented in docs/exercises.md.
/// </summary>
/// <param name="HostHasBaseline">False when Trellis has no baseline for the state the event is held in: then nothing is assessed, and <paramref name="NoBaseline"/> says so.</param>
/// <param name="NoBaseline">The TRL209 message when the host has no baseline; else null.</param>
/// <param name="MadeOn">The day the assessment was made: deadlines before it are overdue.</param>
/// <param name="NotAssessed">Participants whose forces are not assessed (the host; all of them when the host has no baseline).</param>
/// <param name="Participants">The sending states' assessments, in the event's order.</param>
/// <param name="WithoutAgreement">The sending states to which no agreement applies (the host's baseline alone).</param>
/// <param name="Warnings">Warnings about the input, one line each (<c>file:line: warning TRLnnn: ...</c>).</param>
public sealed record EventAssessment(
    EventView Event,
    bool HostHasBaseline,
    string? NoBaseline,
    DateOnly MadeOn,
    IReadOnlyList<NotAssessed> NotAssessed,
    IReadOnlyList<EventParticipant> Participants,
    IReadOnlyList<string> WithoutAgreement,
    IReadOnlyList<string> Warnings);
