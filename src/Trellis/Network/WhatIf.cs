using Trellis.Registry;

namespace Trellis.Network;

/// <summary>A state's metrics before and after a change; a side is null when the state is not a node there.</summary>
public sealed record StateChange(string State, StateMetrics? Before, StateMetrics? After)
{
    public int DegreeDelta => (After?.Degree ?? 0) - (Before?.Degree ?? 0);

    public double StrengthDelta => (After?.Strength ?? 0) - (Before?.Strength ?? 0);

    public double BetweennessDelta => (After?.Betweenness ?? 0) - (Before?.Betweenness ?? 0);

    public double WeightedBetweennessDelta => (After?.WeightedBetweenness ?? 0) - (Before?.WeightedBetweenness ?? 0);

    public double EigenvectorDelta => (After?.Eigenvector ?? 0) - (Before?.Eigenvector ?? 0);

    public double HarmonicClosenessDelta => (After?.HarmonicCloseness ?? 0) - (Before?.HarmonicCloseness ?? 0);

    public int CoreNumberDelta => (After?.CoreNumber ?? 0) - (Before?.CoreNumber ?? 0);

    public double ClusteringDelta => (After?.Clustering ?? 0) - (Before?.Clustering ?? 0);

    /// <summary>True when any metric other than the community label changed by more than rounding.</summary>
    public bool Changed =>
        Before is null != After is null || DegreeDelta != 0 || CoreNumberDelta != 0 ||
        Math.Abs(StrengthDelta) > 1e-12 || Math.Abs(BetweennessDelta) > 1e-12 || Math.Abs(WeightedBetweennessDelta) > 1e-12 ||
        Math.Abs(EigenvectorDelta) > 1e-12 || Math.Abs(HarmonicClosenessDelta) > 1e-12 || Math.Abs(ClusteringDelta) > 1e-12;
}

/// <summary>The outcome of a what-if: the snapshot with and without the changes.</summary>
public sealed record WhatIfResult(
    DateOnly Day,
    IReadOnlyList<Agreement> Added,
    IReadOnlyList<Agreement> Removed,
    NetworkMetrics Before,
    NetworkMetrics After,
    IReadOnlyList<StateChange> States);

/// <summary>
/// What-if on the registry: add agreements (hypothetical drafts, or registry agreements not yet in force) and remove
/// agreements, then compare every metric. An added agreement counts as in force on the day whatever its dates say
/// — that is the question asked; a removed one is left out entirely.
/// </summary>
public static class WhatIf
{
    public static WhatIfResult Run(AgreementRegistry registry, IEnumerable<Agreement> add, IEnumerable<Agreement> remove, DateOnly day,
        GraphOptions? graph = null, MetricOptions? metrics = null)
    {
        graph ??= GraphOptions.Default;
        var added = add.ToArray();
        var removed = remove.ToArray();
        var source = new RegistrySource(registry);
        var beforeTies = source.TiesOn(day, graph.Policy);
        var removedIds = removed.Select(a => a.Id).Concat(added.Select(a => a.Id)).ToHashSet(StringComparer.Ordinal);
        var afterTies = beforeTies.Where(t => !removedIds.Contains(t.AgreementId))
            .Concat(added.SelectMany(a => RegistrySource.TiesOf(a, graph.Policy)))
            .ToArray();
        var untied = graph.IncludeUntied ? source.Nodes : null;
        var before = AgreementGraph.FromTies(beforeTies, day, graph, untied).Metrics(metrics);
        var after = AgreementGraph.FromTies(afterTies, day, graph, untied).Metrics(metrics);
        var states = before.States.Select(s => s.State).Union(after.States.Select(s => s.State), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(s => new StateChange(s, before.Of(s), after.Of(s)))
            .ToArray();
        return new WhatIfResult(day, added, removed, before, after, states);
    }
}
