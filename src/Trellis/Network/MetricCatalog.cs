namespace Trellis.Network;

/// <summary>A metric that can be named on the command line: per state or per graph.</summary>
/// <param name="Name">Kebab-case name (<c>betweenness</c>, <c>degree-centralization</c>).</param>
/// <param name="IsGraph">True for a graph-level metric.</param>
/// <param name="Needs">What must be computed to read it.</param>
public sealed record MetricRef(string Name, bool IsGraph, MetricSet Needs, string Description)
{
    internal Func<StateMetrics, double>? NodeValue { get; init; }

    internal Func<GraphMetrics, double>? GraphValue { get; init; }

    /// <summary>The value for a state (a graph metric ignores the state).</summary>
    public double Of(StateMetrics? state, GraphMetrics graph) =>
        IsGraph ? GraphValue!(graph) : state is null ? 0 : NodeValue!(state);

    /// <summary>The value of a graph metric.</summary>
    public double Of(GraphMetrics graph) => GraphValue is null ? throw new InvalidOperationException($"{Name} is not a graph metric.") : GraphValue(graph);
}

/// <summary>The metrics by name, as <c>--metric</c> takes them.</summary>
public static class MetricCatalog
{
    public static IReadOnlyList<MetricRef> All { get; } =
    [
        new("degree", false, MetricSet.Degree, "number of states linked") { NodeValue = s => s.Degree },
        new("strength", false, MetricSet.Degree, "sum of link weights") { NodeValue = s => s.Strength },
        new("betweenness", false, MetricSet.Betweenness, "normalised shortest-path betweenness") { NodeValue = s => s.Betweenness },
        new("weighted-betweenness", false, MetricSet.WeightedBetweenness, "normalised betweenness on link lengths") { NodeValue = s => s.WeightedBetweenness },
        new("eigenvector", false, MetricSet.Eigenvector, "eigenvector centrality") { NodeValue = s => s.Eigenvector },
        new("harmonic-closeness", false, MetricSet.Harmonic, "harmonic closeness") { NodeValue = s => s.HarmonicCloseness },
        new("core-number", false, MetricSet.Core, "k-core number") { NodeValue = s => s.CoreNumber },
        new("clustering", false, MetricSet.Clustering, "local clustering coefficient") { NodeValue = s => s.Clustering },
        new("nodes", true, MetricSet.None, "number of states") { GraphValue = g => g.Nodes },
        new("edges", true, MetricSet.None, "number of linked pairs") { GraphValue = g => g.Edges },
        new("density", true, MetricSet.None, "share of pairs linked") { GraphValue = g => g.Density },
        new("transitivity", true, MetricSet.Clustering, "global clustering") { GraphValue = g => g.Transitivity },
        new("degree-centralization", true, MetricSet.Degree, "Freeman degree centralisation") { GraphValue = g => g.DegreeCentralization },
        new("betweenness-centralization", true, MetricSet.Betweenness, "Freeman betweenness centralisation") { GraphValue = g => g.BetweennessCentralization },
        new("modularity", true, MetricSet.Communities, "modularity of the Louvain partition") { GraphValue = g => g.Modularity },
        new("communities", true, MetricSet.Communities, "number of communities") { GraphValue = g => g.Communities },
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    public static MetricRef? Find(string? name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
