using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Tests.Network;

/// <summary>
/// Pins every number a timeline produces (each state metric, community number and stability, each graph metric) to
/// goldens computed before the timeline was optimised (issue 4: the 2 s target), so that a faster timeline is proven to
/// give bit-for-bit the same output. Numbers are written with "R" (round-trip) formatting, so equal text means equal bits.
/// Set TRELLIS_UPDATE_GOLDEN=1 to rewrite the goldens on purpose after a change that is meant to change results.
/// </summary>
public sealed class TimelineGoldenTests
{
    private static string Fixture(string name) => Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", name);

    private static bool Rewrite => Golden.Update;

    [Fact]
    public void Timeline_SmallSyntheticHistory_MatchesTheGoldenFileExactly()
    {
        var points = Timeline.Yearly(History(20, 120), 1945, 2026);
        var actual = Render(points);
        var path = Fixture("timeline-golden-20x120.txt");
        if (Rewrite)
        {
            File.WriteAllText(path, actual);
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    /// <summary>Per year, the SHA-256 of the rendered snapshot, for world-size histories and non-default options.</summary>
    [Theory]
    [InlineData("world-3000", 195, 3000)]
    [InlineData("world-8000", 195, 8000)]
    [InlineData("untied-layers-july", 120, 1500)]
    [InlineData("seed-runs", 120, 1500)]
    public void Timeline_WorldSizeSyntheticHistory_MatchesTheGoldenHashesExactly(string name, int states, int agreements)
    {
        var source = History(states, agreements);
        var points = name switch
        {
            "untied-layers-july" => Timeline.Yearly(source, 1945, 2026, 7, 1,
                new GraphOptions { IncludeUntied = true, Layers = new HashSet<Layer> { Layer.Alliance, Layer.Access, Layer.Arrangement } }),
            "seed-runs" => Timeline.Yearly(source, 1945, 2026, 2, 29, metrics: new MetricOptions { CommunitySeed = 17, CommunityRuns = 4 }),
            _ => Timeline.Yearly(source, 1945, 2026),
        };
        var actual = string.Concat(points.Select(p => $"{p.Year} {Hash(Render([p]))}\n"));
        var path = Fixture($"timeline-golden-{name}.sha256");
        if (Rewrite)
        {
            File.WriteAllText(path, actual);
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Timeline_IsTheSameSnapshotBySnapshot()
    {
        // The timeline may share work between years; each year must still equal the snapshot computed on its own.
        var source = History(120, 1500);
        var points = Timeline.Yearly(source, 1945, 2026);
        foreach (var year in new[] { 1945, 1950, 1980, 2003, 2026 })
        {
            var alone = AgreementGraph.At(source, new DateOnly(year, 1, 1)).Metrics();
            Assert.Equal(Render([new TimelinePoint(year, new DateOnly(year, 1, 1), alone)]), Render([points[year - 1945]]));
        }
    }

    [Fact]
    public void Timeline_SparseHistory_EveryYearIsItsOwnSnapshot()
    {
        // Few agreements: many years have the same graph as an earlier year and share its metrics.
        var source = History(30, 40);
        var points = Timeline.Yearly(source, 1945, 2026, 3, 15);
        Assert.True(points.Select(p => p.Metrics).Distinct().Count() < points.Count, "some years should repeat an earlier graph");
        foreach (var p in points)
        {
            var alone = AgreementGraph.At(source, p.Day).Metrics();
            Assert.Equal(Render([new TimelinePoint(p.Year, p.Day, alone)]), Render([p]));
        }
    }

    /// <summary>Every number of every point, one line per graph and per state, in round-trip format.</summary>
    internal static string Render(IEnumerable<TimelinePoint> points)
    {
        var text = new StringBuilder();
        foreach (var p in points)
        {
            var g = p.Metrics.Graph;
            text.Append(CultureInfo.InvariantCulture,
                $"{p.Year} {p.Day:yyyy-MM-dd} graph {g.Nodes} {g.Edges} {R(g.Density)} {R(g.Transitivity)} {R(g.DegreeCentralization)} " +
                $"{R(g.BetweennessCentralization)} {R(g.DegreeCentralizationMax)} {R(g.BetweennessCentralizationMax)} {g.Communities} " +
                $"{R(g.Modularity)} {R(g.CommunityStability)}\n");
            foreach (var s in p.Metrics.States)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{p.Year} {s.State} {s.Degree} {R(s.Strength)} {R(s.Betweenness)} {R(s.WeightedBetweenness)} {R(s.Eigenvector)} " +
                    $"{R(s.HarmonicCloseness)} {s.CoreNumber} {R(s.Clustering)} {s.Community} {R(s.CommunityStability)}\n");
            }
        }

        return text.ToString();
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static readonly (string Name, Layer Layer)[] Types =
    [
        ("mutual-defence", Layer.Alliance), ("sofa", Layer.Access), ("vfa", Layer.Access), ("raa", Layer.Access),
        ("access", Layer.Access), ("logistics", Layer.Logistics), ("information", Layer.Information),
        ("equipment", Layer.Industrial), ("codevelopment", Layer.Industrial), ("arrangement", Layer.Arrangement),
        ("cooperation", Layer.Arrangement),
    ];

    /// <summary>
    /// The synthetic history of the timeline benchmark (bench/Trellis.Benchmarks/NetworkGraphs.History), with the type
    /// table written out so that a new agreement type does not move the goldens.
    /// </summary>
    internal static INetworkSource History(int states, int agreements, int seed = 7)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, states).Select(i => "S" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        var ties = new List<Tie>(agreements);
        for (var i = 0; i < agreements; i++)
        {
            var a = random.Next(states);
            var b = random.Next(states - 1);
            b = b >= a ? b + 1 : b;
            var (type, layer) = Types[random.Next(Types.Length)];
            var start = new DateOnly(1945, 1, 1).AddDays(random.Next(82 * 365));
            DateOnly? end = random.Next(4) == 0 ? start.AddDays(365 + random.Next(30 * 365)) : null;
            ties.Add(new Tie(names[a], names[b], "a" + i.ToString(CultureInfo.InvariantCulture), type, layer, false) { Start = start, End = end });
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
