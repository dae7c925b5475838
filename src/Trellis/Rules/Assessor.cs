using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Rules;

/// <summary>
/// Evaluates activity plans against the host's baseline and the agreements in force between the
/// two states (docs/rules-format.md §2, "Displacement, layers and conflicts"). Thread-safe; one
/// instance serves many plans.
/// </summary>
public sealed partial class Assessor
{
    private readonly AgreementRegistry _registry;
    private readonly RuleBook _book;
    private readonly TimeProvider _clock;

    /// <param name="clock">Tells the day an assessment is made when <see cref="AssessOptions.Today"/> does not; default <see cref="TimeProvider.System"/>.</param>
    public Assessor(AgreementRegistry registry, RuleBook book, TimeProvider? clock = null)
    {
        _registry = registry;
        _book = book;
        _clock = clock ?? TimeProvider.System;
    }

    public AgreementRegistry Registry => _registry;

    public RuleBook Book => _book;

    /// <summary>Today by the assessor's clock, in its local time zone: the default day an assessment is made.</summary>
    public DateOnly Today => _clock.Today();

    /// <summary>
    /// Problems that stop <paramref name="plan"/> from being assessed at all: a host without a
    /// baseline (<see cref="DiagnosticCodes.NoBaseline"/>; the message lists the agreements in
    /// force between the two states on the law date). The CLI and the API refuse such a plan
    /// rather than print an assessment of nothing.
    /// </summary>
    public IReadOnlyList<Diagnostic> CheckPlan(ActivityPlan plan, AssessOptions? options = null)
    {
        if (_book.Baseline(plan.HostState) is not null)
        {
            return [];
        }

        var lawDate = options?.AsOf ?? plan.Start;
        var inForce = _registry.AgreementsOf(plan.SendingState)
            .Where(a => a.IsBetween(plan.SendingState, plan.HostState) && AppliesOn(a, lawDate))
            .Select(a => $"{a.Id} ({a.ShortName ?? a.Title}" +
                         (a.AdmitsForcesOf(plan.SendingState) && (_book.LayerOf(a.Id) is not { } l || l.IsFor(plan.SendingState, plan.HostState))
                             ? ")"
                             : $"; not for this plan: {DirectionOf(a, _book.LayerOf(a.Id))})"))
            .ToArray();
        var host = StateName(plan.HostState);
        var sending = StateName(plan.SendingState);
        return
        [
            Diagnostic.Error(DiagnosticCodes.NoBaseline,
                $"Trellis has no baseline for {host}: nothing can be assessed (its domestic requirements for foreign forces are not encoded, " +
                $"and an agreement only changes them). " +
                (inForce.Length == 0
                    ? $"No agreement between {sending} and {host} is in force on {lawDate:yyyy-MM-dd}."
                    : $"In force between {sending} and {host} on {lawDate:yyyy-MM-dd}: {string.Join(", ", inForce)}.") +
                $" Baselines exist for {string.Join(", ", _book.BaselineStates.Order(StringComparer.Ordinal))}.",
                plan.File),
        ];
    }

    /// <summary>
    /// Why <paramref name="agreement"/> does not apply in a plan's direction, in words: "it admits the forces of the
    /// United States into Japan only".
    /// </summary>
    internal string DirectionOf(Agreement agreement, RuleLayer? layer)
    {
        var forces = agreement.VisitingForces ?? agreement.Parties;
        var hosts = agreement.Territory ?? layer?.Hosts ?? agreement.Parties;
        var into = hosts.Where(h => forces.Any(f => !string.Equals(f, h, StringComparison.Ordinal))).Select(StateName).ToArray();
        return $"it admits the forces of {Join(forces.Select(StateName))} into {Join(into)} only";

        static string Join(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
        }
    }

    /// <summary>The name of a state for sentences (<c>France</c>, <c>the Philippines</c>), its ISO3 when the registry does not know it.</summary>
    internal string StateName(string iso3) => _registry.FindState(iso3)?.Name is { } name ? RulesVocabulary.StateInSentence(name) : iso3;

    /// <summary>
    /// Problems with <paramref name="options"/>: agreements in <c>Without</c> that do not exist, named as the
    /// caller's <paramref name="option"/> (the CLI's <c>--without</c>, the web's <c>without</c> parameter), with
    /// <paramref name="listing"/>, where the caller lists the agreements.
    /// </summary>
    public IReadOnlyList<Diagnostic> Check(AssessOptions options, string option = "--without", string listing = "trellis agreements")
    {
        var result = new List<Diagnostic>();
        foreach (var id in options.Without)
        {
            if (_registry.FindAgreement(id) is null)
            {
                var hint = _registry.AgreementHint(id, $" List them with: {listing}");
                result.Add(Diagnostic.Error(DiagnosticCodes.UnknownAgreement, $"{option} names '{id}', which is not an agreement in the registry.{hint}", option));
            }
        }

        return result;
    }

    /// <summary>
    /// Assesses <paramref name="plan"/>. Throws <see cref="DiagnosticException"/> when the options
    /// name an agreement that does not exist (see <see cref="Check"/>).
    /// </summary>
    public Assessment Assess(ActivityPlan plan, AssessOptions? options = null)
    {
        options ??= new AssessOptions();
        if (options.Without.Count > 0 && Check(options) is { Count: > 0 } problems)
        {
            throw new DiagnosticException(problems);
        }

        return new Evaluation(this, plan, options).Run();
    }

    /// <summary>
    /// Assesses <paramref name="plan"/> and the host's baseline alone, and reports the difference
    /// (<see cref="Assessment.Baseline"/>, <see cref="Assessment.Delta"/>).
    /// </summary>
    public Assessment Compare(ActivityPlan plan, AssessOptions? options = null)
    {
        options ??= new AssessOptions();
        options = options with { Today = options.Today ?? Today };
        var current = Assess(plan, options);
        var baseline = Assess(plan, options with { BaselineOnly = true, Explain = false });
        return current with { Baseline = baseline.Summary, Delta = DeltaOf(current, baseline) };
    }

    /// <summary>
    /// True when <paramref name="agreement"/> counts as in force on <paramref name="day"/>: in force by
    /// its dates, or a hypothetical agreement without an entry-into-force date that has not ended.
    /// </summary>
    public static bool AppliesOn(Agreement agreement, DateOnly day) =>
        agreement.IsInForceOn(day) ||
        (agreement.Hypothetical && agreement.InForce is null && (agreement.Ended is not { } end || !end.IsOnOrBefore(day)));
}
