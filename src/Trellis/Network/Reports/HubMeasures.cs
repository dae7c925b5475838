namespace Trellis.Network.Reports;

/// <summary>One state's hub measures in one yearly snapshot.</summary>
/// <param name="Betweenness">Normalised betweenness in the whole graph (selected layers); 0 when the state has no tie that day.</param>
/// <param name="BetweennessWithoutHub">
/// Normalised betweenness in the graph without the hub and its agreements (<see cref="HubAndSpokes"/>); null when the
/// state is not a spoke of the hub that day.
/// </param>
/// <param name="TiesAmongSpokes">How many other spokes of the hub it is linked to without the hub; null when it is not a spoke.</param>
/// <param name="IsHubAmongSpokes">True when <paramref name="BetweennessWithoutHub"/> exceeds the threshold.</param>
public sealed record HubMeasure(int Year, DateOnly Day, string State, double Betweenness, double? BetweennessWithoutHub, int? TiesAmongSpokes,
    bool IsHubAmongSpokes);

/// <summary>The hub's spokes and how far they are linked to each other without it, in one yearly snapshot.</summary>
/// <param name="Interconnection">Share of spoke pairs linked without the hub; null when there are fewer than two spokes.</param>
public sealed record SpokeInterconnection(int Year, DateOnly Day, int Spokes, int SpokePairs, int LinkedPairs, double? Interconnection,
    IReadOnlyList<string> HubsAmongSpokes);

/// <summary>The yearly series of the report's first two questions.</summary>
/// <param name="Years">The snapshot years, first to last.</param>
/// <param name="Days">The snapshot day of each year (the as-of day's month and day; the last is the as-of day).</param>
/// <param name="Measures">Per state followed, per year: in state then year order.</param>
public sealed record HubSeries(string Hub, double Threshold, IReadOnlyList<int> Years, IReadOnlyList<DateOnly> Days,
    IReadOnlyList<HubMeasure> Measures, IReadOnlyList<SpokeInterconnection> Interconnection)
{
    /// <summary>The measures of <paramref name="state"/>, in year order.</summary>
    public IReadOnlyList<HubMeasure> Of(string state) => Measures.Where(m => m.State == state).ToArray();
}

/// <summary>
/// The hub measures over time: for each state followed, its betweenness in the whole graph and without the hub, and its
/// ties among the hub's spokes; for the spokes together, their interconnection without the hub. Snapshots are on the
/// same month and day of every year (29 February reads as 28 February in common years).
/// </summary>
public static class HubMeasures
{
    public static HubSeries Yearly(INetworkSource source, IReadOnlyList<string> states, int from, int to, int month, int day,
        GraphOptions? options = null, string hub = HubAndSpokes.DefaultHub, double threshold = HubAndSpokes.DefaultThreshold)
    {
        options ??= GraphOptions.Default;
        var points = Timeline.Yearly(source, from, to, month, day, options, new MetricOptions { Metrics = MetricSet.Betweenness });
        var hubs = HubAndSpokes.Yearly(source, from, to, month, day, options, hub, threshold);
        var measures = new List<HubMeasure>();
        foreach (var state in states)
        {
            for (var i = 0; i < points.Count; i++)
            {
                var spoke = hubs[i].SpokeBetweenness.FirstOrDefault(s => s.State == state);
                measures.Add(new HubMeasure(points[i].Year, points[i].Day, state, points[i].Metrics.Of(state)?.Betweenness ?? 0,
                    spoke?.Betweenness, hubs[i].TiesAmongSpokes.TryGetValue(state, out var ties) ? ties : null, spoke?.IsHub ?? false));
            }
        }

        var interconnection = hubs.Select((r, i) => new SpokeInterconnection(points[i].Year, r.Day, r.Spokes.Count, r.SpokePairs, r.LinkedPairs,
            r.Interconnection, r.HubsAmongSpokes)).ToArray();
        return new HubSeries(hub, threshold, points.Select(p => p.Year).ToArray(), points.Select(p => p.Day).ToArray(), measures, interconnection);
    }
}
