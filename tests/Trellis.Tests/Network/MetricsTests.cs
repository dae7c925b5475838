using Trellis.Network;

namespace Trellis.Tests.Network;

/// <summary>Metrics on small graphs whose values are worked out by hand in the comments.</summary>
public sealed class MetricsTests
{
    private static SimpleGraph Graph(string links, params string[] isolated) =>
        SimpleGraph.Create(isolated, links.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('-')).Select(p => (p[0], p[1], 1.0, 1.0)));

    [Fact]
    public void Path_OfFourNodes_HasHandComputedMetrics()
    {
        // A-B-C-D. B lies on A-C and A-D; C on A-D and B-D: 2 pairs each of (n-1)(n-2)/2 = 3 → 2/3.
        var m = NetworkMetrics.Compute(Graph("A-B B-C C-D"));
        Assert.Equal([1, 2, 2, 1], m.States.Select(s => s.Degree));
        Assert.Equal(0, m.Of("A")!.Betweenness);
        Assert.Equal(2.0 / 3, m.Of("B")!.Betweenness, 1e-15);
        Assert.Equal(2.0 / 3, m.Of("C")!.Betweenness, 1e-15);
        // Harmonic closeness of A: 1/1 + 1/2 + 1/3; of B: 1 + 1 + 1/2.
        Assert.Equal(1 + 0.5 + (1.0 / 3), m.Of("A")!.HarmonicCloseness, 1e-15);
        Assert.Equal(2.5, m.Of("B")!.HarmonicCloseness, 1e-15);
        Assert.All(m.States, s => Assert.Equal(1, s.CoreNumber));
        Assert.All(m.States, s => Assert.Equal(0, s.Clustering));
        Assert.Equal(0.5, m.Graph.Density, 1e-15); // 3 of 6 pairs
        Assert.Equal(0, m.Graph.Transitivity);
        // Degree centralisation: Σ(2 - d) = 2 over (n-1)(n-2) = 6.
        Assert.Equal(2.0 / 6, m.Graph.DegreeCentralization, 1e-15);
        // Betweenness centralisation: Σ(2/3 - b) = 4/3 over n-1 = 3.
        Assert.Equal(4.0 / 9, m.Graph.BetweennessCentralization, 1e-15);
        // Eigenvector of a path P4: (1, φ, φ, 1) normalised, φ = golden ratio.
        var phi = (1 + Math.Sqrt(5)) / 2;
        var norm = Math.Sqrt(2 + (2 * phi * phi));
        Assert.Equal(phi / norm, m.Of("B")!.Eigenvector, 1e-5);
        Assert.Equal(1 / norm, m.Of("A")!.Eigenvector, 1e-5);
    }

    [Fact]
    public void Star_IsMaximallyCentralised()
    {
        var m = NetworkMetrics.Compute(Graph("H-A H-B H-C H-D H-E"));
        Assert.Equal(1, m.Of("H")!.Betweenness, 1e-15);
        Assert.Equal(1, m.Graph.DegreeCentralization, 1e-15);
        Assert.Equal(1, m.Graph.BetweennessCentralization, 1e-15);
        Assert.Equal(5 * 4, m.Graph.DegreeCentralizationMax); // (n-1)(n-2)
        Assert.Equal(5 * 5 * 4 / 2.0, m.Graph.BetweennessCentralizationMax); // (n-1)²(n-2)/2
    }

    [Fact]
    public void TriangleWithPendant_HasHandComputedCohesion()
    {
        // A-B-C triangle, D hangs on C.
        var m = NetworkMetrics.Compute(Graph("A-B B-C A-C C-D"));
        Assert.Equal(2, m.Of("A")!.CoreNumber);
        Assert.Equal(2, m.Of("C")!.CoreNumber);
        Assert.Equal(1, m.Of("D")!.CoreNumber);
        Assert.Equal(1, m.Of("A")!.Clustering);
        Assert.Equal(1.0 / 3, m.Of("C")!.Clustering, 1e-15); // 1 triangle of 3 possible
        // 3 × 1 triangle over triples: A 1, B 1, C 3, D 0 → 3/5.
        Assert.Equal(0.6, m.Graph.Transitivity, 1e-15);
        // C lies on A-D and B-D: 2 of 3 pairs.
        Assert.Equal(2.0 / 3, m.Of("C")!.Betweenness, 1e-15);
    }

    [Fact]
    public void DisconnectedGraph_HarmonicCountsReachableNodesOnly()
    {
        var m = NetworkMetrics.Compute(Graph("A-B C-D", "E"));
        Assert.Equal(5, m.Graph.Nodes);
        Assert.Equal(1, m.Of("A")!.HarmonicCloseness);
        Assert.Equal(0, m.Of("E")!.HarmonicCloseness);
        Assert.Equal(0, m.Of("E")!.CoreNumber);
        Assert.Equal(0.2, m.Graph.Density, 1e-15);
    }

    [Fact]
    public void WeightedBetweenness_FollowsShorterLengths()
    {
        // A-B-C direct path has lengths 1+1; the detour A-D-C has 0.25+0.25: all A–C paths go through D.
        var g = SimpleGraph.Create([], [("A", "B", 1, 1), ("B", "C", 1, 1), ("A", "D", 4, 0.25), ("D", "C", 4, 0.25)]);
        var m = NetworkMetrics.Compute(g);
        Assert.Equal(0.5 / 3, m.Of("B")!.Betweenness, 1e-15); // unweighted: half of A–C
        Assert.Equal(0, m.Of("B")!.WeightedBetweenness);
        // Weighted, D carries A–C (0.5 against 2) and nothing else: B–C and A–B are direct, B–D splits over A and C.
        Assert.Equal(1.0 / 3, m.Of("D")!.WeightedBetweenness, 1e-15);
        Assert.Equal(8, m.Of("D")!.Strength);
    }

    [Fact]
    public void EmptyAndEdgelessGraphs_GiveZeros()
    {
        var empty = NetworkMetrics.Compute(Graph(""));
        Assert.Equal(0, empty.Graph.Nodes);
        Assert.Equal(0, empty.Graph.Density);
        var edgeless = NetworkMetrics.Compute(Graph("", "A", "B", "C"));
        Assert.Equal(3, edgeless.Graph.Nodes);
        Assert.All(edgeless.States, s => Assert.Equal(0, s.Betweenness));
        Assert.Equal(0, edgeless.Graph.DegreeCentralization);
    }

    [Fact]
    public void Louvain_TwoCliquesJoinedByOneLink_FindsThemOnEverySeed()
    {
        var g = Graph("A-B A-C A-D B-C B-D C-D E-F E-G E-H F-G F-H G-H D-E");
        var p = Communities.Detect(g, seed: 1, runs: 10);
        Assert.Equal(2, p.Count);
        Assert.Equal(p.Membership[0], p.Membership[3]);
        Assert.NotEqual(p.Membership[0], p.Membership[4]);
        Assert.Equal(1, p.MeanStability, 1e-15);
        // Modularity of the two cliques: 2 × (6/13 − (13/26)²) = 12/13 − 1/2.
        Assert.Equal((12.0 / 13) - 0.5, p.Modularity, 1e-12);
    }

    [Fact]
    public void Louvain_SameSeed_SamePartitionWhateverTheInputOrder()
    {
        var links = "A-B B-C C-A C-D D-E E-F F-D F-G G-H H-I I-G A-I B-E".Split(' ');
        var forward = Graph(string.Join(' ', links));
        var backward = Graph(string.Join(' ', links.Reverse().Select(l => string.Join('-', l.Split('-').Reverse()))));
        for (var seed = 1; seed <= 5; seed++)
        {
            Assert.Equal(Communities.Louvain(forward, seed), Communities.Louvain(backward, seed));
        }

        Assert.Equal(Communities.Detect(forward, 3, 7), Communities.Detect(backward, 3, 7), new PartitionComparer());
    }

    [Fact]
    public void WithEdge_EqualsGraphBuiltWithTheLink()
    {
        var g = Graph("A-B B-C C-D D-E");
        var added = g.WithEdge(g.IndexOf("A"), g.IndexOf("E"), 1, 1);
        var built = Graph("A-B B-C C-D D-E A-E");
        Assert.Equal(NetworkMetrics.Compute(built).States.Select(s => s.Betweenness), NetworkMetrics.Compute(added).States.Select(s => s.Betweenness));
        Assert.True(added.HasEdge(0, 4));
        Assert.False(g.HasEdge(0, 4));
    }

    [Fact]
    public void Candidates_OnAPath_RankTheClosingLinkByCentralisationDrop()
    {
        var graph = AgreementGraph.FromTies(
            [Tie("A", "B"), Tie("B", "C"), Tie("C", "D"), Tie("D", "E")], new DateOnly(2026, 1, 1));
        var query = new CandidateQuery { Metric = MetricCatalog.Find("betweenness-centralization")!, Top = 0 };
        var ranked = Candidates.Rank(graph, query);
        Assert.Equal(6, ranked.Count); // 10 pairs, 4 linked
        // Closing the ring A–E makes every node equal: centralisation falls to 0, the largest drop, so it ranks last.
        Assert.Equal(("A", "E"), (ranked[^1].A, ranked[^1].B));
        Assert.Equal(0, ranked[^1].After, 1e-15);
        var focused = Candidates.Rank(graph, new CandidateQuery { Metric = MetricCatalog.Find("degree")!, Focus = "C", Top = 3 });
        Assert.Equal(["A-C", "C-E"], focused.Where(c => c.Score > 0).Select(c => $"{c.A}-{c.B}"));
    }

    private static Tie Tie(string a, string b) => new(a, b, $"{a}-{b}", "raa", Trellis.Registry.Layer.Access, false);

    private sealed class PartitionComparer : IEqualityComparer<Partition>
    {
        public bool Equals(Partition? x, Partition? y) =>
            x is not null && y is not null && x.Membership.SequenceEqual(y.Membership) && x.Stability.SequenceEqual(y.Stability) && x.Seed == y.Seed;

        public int GetHashCode(Partition obj) => obj.Count;
    }
}
