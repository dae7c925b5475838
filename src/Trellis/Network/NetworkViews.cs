using Trellis.Registry;

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

/// <summary>The names used in the network JSON: the selected layers, and a day.</summary>
public static class NetworkViews
{
    /// <summary>The selected layers' names, in layer order (all of them when <see cref="GraphOptions.Layers"/> is null).</summary>
    public static IReadOnlyList<string> LayerNames(GraphOptions options) =>
        (options.Layers ?? Enum.GetValues<Layer>().ToHashSet()).Order().Select(l => l.ToName()).ToArray();

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One line of a timeline: a state's values (or the graph's, with <c>State</c> null) per year.</summary>
public sealed record TimelineSeries(string? State, IReadOnlyList<double> Values);

/// <summary>The documented JSON of <c>trellis network timeline --format json</c>.</summary>
public sealed record TimelineView(string Metric, string Day, string Source, IReadOnlyList<string> Layers, IReadOnlyList<int> Years, IReadOnlyList<TimelineSeries> Series)
{
    /// <summary>How many states a state metric follows when none are chosen: the highest in the last year.</summary>
    public const int DefaultStates = 5;

    /// <summary>
    /// The timeline of <paramref name="metric"/> over <paramref name="points"/>: the graph's value for a graph metric;
    /// for a state metric, one series per state in <paramref name="states"/>, or, when none are given, for the
    /// <see cref="DefaultStates"/> highest in the last year.
    /// </summary>
    public static TimelineView From(IReadOnlyList<TimelinePoint> points, MetricRef metric, IReadOnlyCollection<string> states,
        int month, int day, string source, GraphOptions options)
    {
        IReadOnlyList<TimelineSeries> series;
        if (metric.IsGraph)
        {
            series = [new TimelineSeries(null, points.Select(p => metric.Of(p.Metrics.Graph)).ToArray())];
        }
        else
        {
            var wanted = states.Distinct().ToList();
            if (wanted.Count == 0)
            {
                var final = points[^1].Metrics;
                wanted = final.States.OrderByDescending(s => metric.Of(s, final.Graph)).ThenBy(s => s.State, StringComparer.Ordinal)
                    .Take(DefaultStates).Select(s => s.State).ToList();
            }

            series = wanted.Select(s => new TimelineSeries(s, points.Select(p => metric.Of(p.Metrics.Of(s), p.Metrics.Graph)).ToArray())).ToArray();
        }

        return new TimelineView(metric.Name, $"{month:D2}-{day:D2}", source, NetworkViews.LayerNames(options), points.Select(p => p.Year).ToArray(), series);
    }
}

/// <summary>How one state's metrics change in <c>trellis network whatif</c>.</summary>
public sealed record StateChangeView(string State, StateMetricsView? Before, StateMetricsView? After, StateDeltaView Delta)
{
    public static StateChangeView From(StateChange s) => new(
        s.State,
        s.Before is null ? null : StateMetricsView.Of(s.Before),
        s.After is null ? null : StateMetricsView.Of(s.After),
        new StateDeltaView(s.DegreeDelta, s.StrengthDelta, s.BetweennessDelta, s.WeightedBetweennessDelta, s.EigenvectorDelta,
            s.HarmonicClosenessDelta, s.CoreNumberDelta, s.ClusteringDelta));
}

public sealed record StateDeltaView(int Degree, double Strength, double Betweenness, double WeightedBetweenness, double Eigenvector,
    double HarmonicCloseness, int CoreNumber, double Clustering);

/// <summary>How the graph's metrics change in <c>trellis network whatif</c>.</summary>
public sealed record GraphChangeView(GraphMetricsView Before, GraphMetricsView After, GraphDeltaView Delta)
{
    public static GraphChangeView From(GraphMetrics before, GraphMetrics after) => new(
        GraphMetricsView.Of(before),
        GraphMetricsView.Of(after),
        new GraphDeltaView(after.Nodes - before.Nodes, after.Edges - before.Edges, after.Density - before.Density, after.Transitivity - before.Transitivity,
            after.DegreeCentralization - before.DegreeCentralization, after.BetweennessCentralization - before.BetweennessCentralization));
}

public sealed record GraphDeltaView(int Nodes, int Edges, double Density, double Transitivity, double DegreeCentralization, double BetweennessCentralization);

/// <summary>The documented JSON of <c>trellis network whatif --format json</c>: only states whose metrics change are listed.</summary>
public sealed record WhatIfView(string AsOf, IReadOnlyList<string> Layers, IReadOnlyList<string> Added, IReadOnlyList<string> Removed,
    IReadOnlyList<StateChangeView> States, GraphChangeView Graph)
{
    public static WhatIfView From(WhatIfResult result, GraphOptions options) => new(
        NetworkViews.Day(result.Day),
        NetworkViews.LayerNames(options),
        result.Added.Select(a => a.Id).ToArray(),
        result.Removed.Select(a => a.Id).ToArray(),
        result.States.Where(s => s.Changed).Select(StateChangeView.From).ToArray(),
        GraphChangeView.From(result.Before.Graph, result.After.Graph));
}

/// <summary>The documented JSON of <c>trellis network candidates --format json</c>.</summary>
public sealed record CandidatesView(string AsOf, string Source, IReadOnlyList<string> Layers, string Type, string Metric, string? Focus, int PairsScored,
    IReadOnlyList<Candidate> Candidates)
{
    public static CandidatesView From(IReadOnlyList<Candidate> ranked, int pairsScored, CandidateQuery query, DateOnly day, string source, GraphOptions options) => new(
        NetworkViews.Day(day), source, NetworkViews.LayerNames(options), query.Type, query.Metric.Name, query.Focus, pairsScored, ranked);
}

/// <summary>One row of the documented JSON of <c>trellis network hubs --format json</c>.</summary>
public sealed record HubRow(string Day, string Hub, IReadOnlyList<string> Spokes, int SpokePairs, int LinkedPairs, double? Interconnection,
    IReadOnlyList<string> HubsAmongSpokes, IReadOnlyList<SpokeBetweenness> SpokeBetweenness)
{
    public static HubRow From(HubReport r) =>
        new(NetworkViews.Day(r.Day), r.Hub, r.Spokes, r.SpokePairs, r.LinkedPairs, r.Interconnection, r.HubsAmongSpokes, r.SpokeBetweenness);
}

/// <summary>The documented JSON of <c>trellis network hubs --format json</c>.</summary>
public sealed record HubsView(string Hub, double Threshold, string Source, IReadOnlyList<string> Layers, IReadOnlyList<HubRow> Series)
{
    public static HubsView From(IEnumerable<HubReport> reports, string hub, double threshold, string source, GraphOptions options) =>
        new(hub, threshold, source, NetworkViews.LayerNames(options), reports.Select(HubRow.From).ToArray());
}
