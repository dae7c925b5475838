namespace Trellis.Network;

/// <summary>
/// One state in the documented JSON of <c>trellis network metrics</c>. The first eight fields are those of the
/// issue's contract, in its order; the last three were added after them.
/// </summary>
public sealed record StateMetricsView(
    string State,
    int Degree,
    double Strength,
    double Betweenness,
    double Eigenvector,
    double HarmonicCloseness,
    int CoreNumber,
    double Clustering,
    double WeightedBetweenness,
    int Community,
    double CommunityStability)
{
    public static StateMetricsView Of(StateMetrics s) => new(s.State, s.Degree, s.Strength, s.Betweenness, s.Eigenvector,
        s.HarmonicCloseness, s.CoreNumber, s.Clustering, s.WeightedBetweenness, s.Community, s.CommunityStability);
}

/// <summary>The graph object in the documented JSON of <c>trellis network metrics</c>; the first six fields are the contract's.</summary>
public sealed record GraphMetricsView(
    int Nodes,
    int Edges,
    double Density,
    double Transitivity,
    double DegreeCentralization,
    double BetweennessCentralization,
    double DegreeCentralizationMax,
    double BetweennessCentralizationMax,
    int Communities,
    double Modularity,
    double CommunityStability)
{
    public static GraphMetricsView Of(GraphMetrics g) => new(g.Nodes, g.Edges, g.Density, g.Transitivity, g.DegreeCentralization,
        g.BetweennessCentralization, g.DegreeCentralizationMax, g.BetweennessCentralizationMax, g.Communities, g.Modularity, g.CommunityStability);
}

/// <summary>The documented JSON of <c>trellis network metrics --format json</c> (see <c>docs/network.md</c>).</summary>
public sealed record MetricsView(string AsOf, string Source, IReadOnlyList<string> Layers, IReadOnlyList<StateMetricsView> States, GraphMetricsView Graph)
{
    public static MetricsView Of(NetworkMetrics m, DateOnly asOf, string source, IReadOnlyList<string> layers) => new(
        asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        source,
        layers,
        m.States.Select(StateMetricsView.Of).ToArray(),
        GraphMetricsView.Of(m.Graph));
}
