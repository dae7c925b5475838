using Trellis.Geo;
using Trellis.Registry;

namespace Trellis.Network.Reports;

/// <summary>The facilities within the radius that a party can use with the agreement and cannot without it.</summary>
/// <param name="WithCount">Facilities within the radius the state can use with the agreement.</param>
/// <param name="WithoutCount">Facilities within the radius the state can use without it.</param>
/// <param name="Gained">Those it can use only with it, nearest first.</param>
public sealed record ReachGain(string State, int WithCount, int WithoutCount, IReadOnlyList<ReachFacility> Gained);

/// <summary>What one agreement adds on a day: the network with it against the network without it, and the facilities it opens.</summary>
/// <param name="InForce">
/// Whether the agreement is in force on the day. When it is, "without" leaves it out (what-if remove); when it is not,
/// the network "with" it adds it as if in force (what-if add). Either way the gain is with minus without. Reach counts
/// only agreements in force on the day (<see cref="Reach"/>), so an agreement not yet in force opens no facility.
/// </param>
/// <param name="OtherTies">
/// The ids of the other agreements that tie its parties to each other on the day (selected layers): when there are
/// any, the pair was already linked, so its degree and the link count do not change — only the tie's strength does.
/// </param>
/// <param name="Parties">The parties' metrics with and without it, in the agreement's party order.</param>
/// <param name="Hub">The hub's metrics with and without it.</param>
public sealed record AgreementGain(
    Agreement Agreement,
    DateOnly Day,
    bool InForce,
    IReadOnlyList<string> OtherTies,
    GraphMetrics Without,
    GraphMetrics With,
    IReadOnlyList<StateChange> Parties,
    StateChange Hub,
    ReachQuery Reach,
    IReadOnlyList<ReachGain> ReachGains)
{
    /// <summary>True when another agreement already tied the parties.</summary>
    public bool PairAlreadyTied => OtherTies.Count > 0;
}

/// <summary>
/// The gain of an agreement through the existing what-if (<see cref="WhatIf"/>) and reach (<see cref="Reach"/>)
/// machinery: nothing is computed here that those do not compute; this only asks them the two questions and takes
/// the difference.
/// </summary>
public static class AgreementGains
{
    public static AgreementGain Of(AgreementRegistry registry, Agreement agreement, DateOnly day, GeoPoint point, double radiusKm,
        GraphOptions? options = null, string hub = HubAndSpokes.DefaultHub)
    {
        options ??= GraphOptions.Default;
        var inForce = agreement.IsInForceOn(day, options.Policy);
        var run = inForce ? WhatIf.Run(registry, [], [agreement], day, options) : WhatIf.Run(registry, [agreement], [], day, options);

        // WhatIf's Before is the registry as it is: the "with" side when the agreement is in force, the "without" side otherwise.
        StateChange Gain(string state)
        {
            var change = run.States.FirstOrDefault(s => s.State == state) ?? new StateChange(state, null, null);
            return inForce ? new StateChange(state, change.After, change.Before) : change;
        }

        var without = inForce ? run.After.Graph : run.Before.Graph;
        var with = inForce ? run.Before.Graph : run.After.Graph;
        var others = new RegistrySource(registry).TiesOn(day, options.Policy)
            .Where(t => t.AgreementId != agreement.Id && options.Keeps(t.Layer) && agreement.IsBetween(t.A, t.B))
            .Select(t => t.AgreementId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        var query = new ReachQuery(point, radiusKm, day);
        var withRegistry = inForce ? registry : registry.With([agreement]);
        var withoutRegistry = inForce ? registry.With([], [agreement.Id]) : registry;
        var reach = agreement.Parties.Select(p =>
        {
            var yes = Reach.Compute(withRegistry, query with { State = p }).States.Single().Facilities;
            var no = Reach.Compute(withoutRegistry, query with { State = p }).States.Single().Facilities.Select(f => f.Facility.Id).ToHashSet(StringComparer.Ordinal);
            return new ReachGain(p, yes.Count, no.Count, yes.Where(f => !no.Contains(f.Facility.Id)).ToArray());
        }).ToArray();

        return new AgreementGain(agreement, day, inForce, others, without, with, agreement.Parties.Select(Gain).ToArray(), Gain(hub), query, reach);
    }
}
