namespace Trellis.Network;

/// <summary>One yearly snapshot of a timeline.</summary>
public sealed record TimelinePoint(int Year, DateOnly Day, NetworkMetrics Metrics);

/// <summary>Yearly snapshots of a source on a fixed day of the year.</summary>
public static class Timeline
{
    /// <summary>
    /// The metrics on <paramref name="month"/>-<paramref name="day"/> of every year from <paramref name="from"/> to
    /// <paramref name="to"/> inclusive (29 February reads as 28 February in common years). Years are computed in
    /// parallel; the result is in year order and identical to a sequential run. A year whose graph is the same as an
    /// earlier year's (same nodes, links, weights and lengths, to the bit) shares that year's metrics, which depend on
    /// nothing else.
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
        var count = to - from + 1;
        var days = new DateOnly[count];
        var graphs = new SimpleGraph[count];
        ForEachLatestFirst(count, i =>
        {
            days[i] = DayOf(from + i, month, day);
            graphs[i] = AgreementGraph.At(source, days[i], graph).Simple;
        });

        var sameAs = SameGraphs(graphs);
        var distinct = Enumerable.Range(0, count).Where(i => sameAs[i] == i).ToArray();
        var computed = new NetworkMetrics[count];
        ForEachLatestFirst(distinct.Length, k => computed[distinct[k]] = NetworkMetrics.Compute(graphs[distinct[k]], perYear));

        var points = new TimelinePoint[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = new TimelinePoint(from + i, days[i], computed[sameAs[i]]);
        }

        return points;
    }

    /// <summary>For each graph, the index of the first graph equal to it (itself when there is none before it).</summary>
    private static int[] SameGraphs(SimpleGraph[] graphs)
    {
        var sameAs = new int[graphs.Length];
        var bySize = new Dictionary<(int Nodes, int Edges), List<int>>();
        for (var i = 0; i < graphs.Length; i++)
        {
            sameAs[i] = i;
            var key = (graphs[i].NodeCount, graphs[i].EdgeCount);
            if (!bySize.TryGetValue(key, out var earlier))
            {
                bySize.Add(key, [i]);
                continue;
            }

            foreach (var j in earlier)
            {
                if (Same(graphs[i], graphs[j]))
                {
                    sameAs[i] = j;
                    break;
                }
            }

            if (sameAs[i] == i)
            {
                earlier.Add(i);
            }
        }

        return sameAs;
    }

    private static bool Same(SimpleGraph a, SimpleGraph b)
    {
        for (var v = 0; v < a.NodeCount; v++)
        {
            if (!string.Equals(a.Names[v], b.Names[v], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return a.EdgeU.AsSpan().SequenceEqual(b.EdgeU)
            && a.EdgeV.AsSpan().SequenceEqual(b.EdgeV)
            && SameBits(a.EdgeWeight, b.EdgeWeight)
            && SameBits(a.EdgeLength, b.EdgeLength);
    }

    private static bool SameBits(double[] a, double[] b) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(b));

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
