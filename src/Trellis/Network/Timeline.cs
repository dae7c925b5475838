namespace Trellis.Network;

/// <summary>One yearly snapshot of a timeline.</summary>
public sealed record TimelinePoint(int Year, DateOnly Day, NetworkMetrics Metrics);

/// <summary>Yearly snapshots of a source on a fixed day of the year.</summary>
public static class Timeline
{
    /// <summary>
    /// The metrics on <paramref name="month"/>-<paramref name="day"/> of every year from <paramref name="from"/> to
    /// <paramref name="to"/> inclusive (29 February reads as 28 February in common years). Years are computed in
    /// parallel; the result is in year order and identical to a sequential run.
    /// </summary>
    public static IReadOnlyList<TimelinePoint> Yearly(
        INetworkSource source, int from, int to, int month = 1, int day = 1,
        GraphOptions? graph = null, MetricOptions? metrics = null)
    {
        if (to < from)
        {
            throw new ArgumentException($"The timeline runs from {from} to {to}: the end year must not be before the start year.", nameof(to));
        }

        graph ??= GraphOptions.Default;
        var perYear = (metrics ?? MetricOptions.Default) with { MaxThreads = 1 };
        var points = new TimelinePoint[to - from + 1];
        ForEachLatestFirst(points.Length, i =>
        {
            var year = from + i;
            var date = DayOf(year, month, day);
            var snapshot = AgreementGraph.At(source, date, graph);
            points[i] = new TimelinePoint(year, date, snapshot.Metrics(perYear));
        });
        return points;
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every index on every core, one index at a time and the last first: late years have
    /// the largest graphs, so handing them out first keeps the cores evenly loaded.
    /// </summary>
    internal static void ForEachLatestFirst(int count, Action<int> body)
    {
        var indices = Enumerable.Range(0, count).Reverse().ToArray();
        var partitioner = System.Collections.Concurrent.Partitioner.Create(indices, loadBalance: true);
        Parallel.ForEach(partitioner, body);
    }

    /// <summary>The given day in <paramref name="year"/>; 29 February becomes 28 February in a common year.</summary>
    public static DateOnly DayOf(int year, int month, int day) =>
        new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
}
