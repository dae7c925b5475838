using System.Globalization;
using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Benchmarks;

/// <summary>Graphs for the network benchmarks: seeded random graphs, or the edge list named by TRELLIS_BENCH_GRAPH.</summary>
public static class NetworkGraphs
{
    /// <summary>
    /// The graph bench/network/compare.py times NetworkX and igraph on, when it names one in TRELLIS_BENCH_GRAPH (a CSV
    /// edge list source,target,weight); otherwise <see cref="Random"/> of the same size.
    /// </summary>
    public static SimpleGraph ForComparison(int n, int m) =>
        Environment.GetEnvironmentVariable("TRELLIS_BENCH_GRAPH") is { Length: > 0 } file ? FromCsv(file) : Random(n, m);

    /// <summary>
    /// A G(n, m) random graph (m distinct links drawn uniformly with a seeded generator), integer weights 1..3 and
    /// lengths 1/weight; nodes are named N000… so that name order is number order.
    /// </summary>
    public static SimpleGraph Random(int n, int m, int seed = 42)
    {
        var random = new Random(seed);
        var links = new HashSet<(int, int)>();
        var max = (long)n * (n - 1) / 2;
        if (m > max)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"{n} nodes have only {max} pairs.");
        }

        while (links.Count < m)
        {
            var u = random.Next(n);
            var v = random.Next(n);
            if (u != v)
            {
                links.Add(u < v ? (u, v) : (v, u));
            }
        }

        var names = Enumerable.Range(0, n).Select(i => "N" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        return SimpleGraph.Create(names, links.Select(l =>
        {
            var w = 1 + random.Next(3);
            return (l.Item1, l.Item2, (double)w, 1.0 / w);
        }));
    }

    /// <summary>Reads source,target,weight rows.</summary>
    public static SimpleGraph FromCsv(string file)
    {
        var rows = File.ReadAllLines(file).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return SimpleGraph.Create([], rows.Select(r =>
        {
            var w = r.Length > 2 ? double.Parse(r[2], CultureInfo.InvariantCulture) : 1;
            return (r[0], r[1], w, 1.0 / w);
        }));
    }

    /// <summary>
    /// A world-size agreement history: <paramref name="states"/> states and <paramref name="agreements"/> bilateral agreements
    /// of random types entering into force between 1945 and 2026, a quarter of them ended later; seeded.
    /// </summary>
    public static INetworkSource History(int states, int agreements, int seed = 7)
    {
        var random = new Random(seed);
        var types = Enum.GetValues<AgreementType>();
        var names = Enumerable.Range(0, states).Select(i => "S" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        var ties = new List<Tie>(agreements);
        for (var i = 0; i < agreements; i++)
        {
            var a = random.Next(states);
            var b = random.Next(states - 1);
            b = b >= a ? b + 1 : b;
            var type = types[random.Next(types.Length)];
            var start = new DateOnly(1945, 1, 1).AddDays(random.Next(82 * 365));
            DateOnly? end = random.Next(4) == 0 ? start.AddDays(365 + random.Next(30 * 365)) : null;
            ties.Add(new Tie(names[a], names[b], "a" + i.ToString(CultureInfo.InvariantCulture), type.ToName(), type.LayerOf(), false) { Start = start, End = end });
        }

        return new ListSource(names, ties);
    }

    private sealed class ListSource(IReadOnlyList<string> nodes, List<Tie> ties) : INetworkSource
    {
        public string Name => "synthetic";

        public IReadOnlyList<string> Nodes => nodes;

        public IReadOnlyList<Trellis.Diagnostics.Diagnostic> Diagnostics => [];

        public string? NameOf(string node) => null;

        public IReadOnlyList<Tie> TiesOn(DateOnly day, PartialDatePolicy policy) =>
            ties.Where(t => t.Start <= day && (t.End is null || t.End > day)).ToArray();

        public IReadOnlyList<Tie> AllTies(PartialDatePolicy policy) => ties;
    }
}
