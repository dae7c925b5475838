using Trellis.Network;

namespace Trellis.Tests.Network;

/// <summary>
/// Trellis's metrics against NetworkX on one random weighted graph. The expected values were produced by
/// <c>tests/Trellis.Tests/Network/nx_expected.py</c> with Debian's python3-networkx 2.8.8
/// (<c>nx.gnm_random_graph(25, 60, seed=7)</c>, weights 1..3) and pasted here; rerun it to regenerate.
/// </summary>
public sealed class NetworkXAgreementTests
{
    private const double Tolerance = 1e-12;

    // "A-B-w": a link between A and B of weight w.
    private const string Edges =
"S00-S14-2 S01-S02-3 S01-S06-2 S01-S07-2 S01-S12-3 S01-S15-3 S01-S16-1 S01-S18-1 S01-S21-3 S02-S03-2 S02-S07-3 S02-S13-3 S02-S15-1 S02-S18-1 S02-S22-2 S02-S24-2 S03-S07-1 S03-S17-1 S03-S18-3 S03-S19-3 S04-S09-3 S04-S10-1 S04-S17-3 S05-S11-2 S05-S21-2 S05-S22-3 S05-S24-3 S06-S11-3 S06-S19-3 S06-S24-1 S07-S09-3 S07-S23-1 S07-S24-3 S08-S15-1 S09-S13-1 S09-S14-1 S09-S16-1 S09-S17-1 S09-S19-3 S09-S20-1 S10-S15-2 S10-S24-2 S11-S14-2 S11-S18-3 S11-S21-1 S11-S22-3 S12-S20-1 S12-S22-3 S13-S15-2 S13-S16-2 S13-S17-1 S14-S18-3 S14-S23-1 S15-S19-2 S15-S21-3 S17-S18-2 S18-S20-2 S18-S21-3 S21-S22-1 S22-S23-3";

    private static readonly double[] ExpectedBetweenness =
    [
        0.0, 0.10923089591567854, 0.09093653930610454, 0.020231037078863166, 0.021376811594202898,
        0.012104743083003952, 0.023484848484848483, 0.06395358868184955, 0.0, 0.14843583349018133,
        0.025250172532781234, 0.054136473429951676, 0.012620772946859904, 0.0324059696342305, 0.11358146684233641,
        0.13982919254658385, 0.005706521739130436, 0.025918737060041407, 0.12270139281008846, 0.030314009661835752,
        0.01953502415458937, 0.055039525691699606, 0.046552481335090025, 0.014306104523495827, 0.04785510383336469,
    ];
    private static readonly double[] ExpectedWeightedBetweenness =
    [
        0.0, 0.11699879227053142, 0.1091485507246377, 0.05208333333333333, 0.01932367149758454,
        0.05132850241545893, 0.025362318840579712, 0.06793478260869563, 0.0, 0.09314613526570051,
        0.007246376811594203, 0.11080917874396136, 0.021739130434782608, 0.05404589371980676, 0.08333333333333333,
        0.15413647342995168, 0.0, 0.023852657004830916, 0.22871376811594202, 0.059782608695652176,
        0.0, 0.11473429951690822, 0.10507246376811594, 0.0, 0.043478260869565216,
    ];
    private static readonly double[] ExpectedEigenvector =
    [
        0.02849384342553324, 0.3236669261505513, 0.3456882542135397, 0.22177166178580263, 0.08927954279022604,
        0.1546875199186074, 0.15412968402895874, 0.24753700925646377, 0.044169637517279106, 0.22742300776813337,
        0.09079694777920859, 0.2245899671521392, 0.1156383881215391, 0.20182182982298058, 0.16156283151345838,
        0.25044590114785736, 0.13278718316733298, 0.18799820857546154, 0.32566457125961296, 0.15057482322254212,
        0.11793942519428537, 0.26333313205810766, 0.21407663399815594, 0.1099055300426667, 0.1751006868742407,
    ];
    private static readonly double[] ExpectedHarmonic =
    [
        8.866666666666665, 15.666666666666666, 15.666666666666666, 13.499999999999998, 11.583333333333334,
        12.333333333333334, 12.833333333333334, 14.5, 9.283333333333333, 15.333333333333336,
        11.75, 14.0, 11.75, 13.5, 13.583333333333334,
        14.750000000000002, 12.000000000000002, 13.166666666666668, 15.666666666666666, 13.166666666666668,
        12.083333333333334, 14.5, 13.583333333333334, 11.750000000000002, 13.250000000000002,
    ];
    private static readonly double[] ExpectedCore =
    [
        1.0, 4.0, 4.0, 4.0, 3.0,
        4.0, 4.0, 4.0, 1.0, 4.0,
        3.0, 4.0, 3.0, 4.0, 3.0,
        4.0, 3.0, 4.0, 4.0, 4.0,
        3.0, 4.0, 4.0, 3.0, 4.0,
    ];
    private static readonly double[] ExpectedClustering =
    [
        0.0, 0.17857142857142858, 0.25, 0.3, 0.3333333333333333,
        0.5, 0.0, 0.2, 0.0, 0.10714285714285714,
        0.0, 0.3333333333333333, 0.0, 0.3, 0.1,
        0.14285714285714285, 0.3333333333333333, 0.3, 0.21428571428571427, 0.0,
        0.0, 0.4, 0.2, 0.0, 0.1,
    ];


    private static SimpleGraph Graph()
    {
        var links = Edges.Split(' ').Select(e => e.Split('-')).Select(p => (p[0], p[1], double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)));
        var names = Enumerable.Range(0, 25).Select(i => $"S{i:D2}");
        return SimpleGraph.Create(names, links.Select(l => (l.Item1, l.Item2, l.Item3, 1.0 / l.Item3)));
    }

    [Fact]
    public void Metrics_RandomWeightedGraph_MatchNetworkX()
    {
        var g = Graph();
        var m = NetworkMetrics.Compute(g);
        Assert.Equal(25, m.Graph.Nodes);
        Assert.Equal(60, m.Graph.Edges);
        Assert.Equal(0.2, m.Graph.Density, Tolerance);
        Assert.Equal(0.20430107526881722, m.Graph.Transitivity, Tolerance);
        Assert.Equal(2, m.Of("S00")!.Strength);
        for (var i = 0; i < 25; i++)
        {
            var s = m.States[i];
            Assert.Equal($"S{i:D2}", s.State);
            Assert.Equal(ExpectedBetweenness[i], s.Betweenness, Tolerance);
            Assert.Equal(ExpectedWeightedBetweenness[i], s.WeightedBetweenness, Tolerance);
            Assert.Equal(ExpectedEigenvector[i], s.Eigenvector, 1e-12);
            Assert.Equal(ExpectedHarmonic[i], s.HarmonicCloseness, Tolerance);
            Assert.Equal(ExpectedCore[i], s.CoreNumber);
            Assert.Equal(ExpectedClustering[i], s.Clustering, Tolerance);
        }
    }

    [Fact]
    public void Betweenness_Parallel_EqualsSequential()
    {
        var g = Graph();
        var (one, h1) = Centrality.BetweennessAndHarmonic(g, maxThreads: 1);
        var w1 = Centrality.WeightedBetweenness(g, maxThreads: 1);
        var (two, h2) = Centrality.BetweennessAndHarmonic(g, maxThreads: 2);
        var w2 = Centrality.WeightedBetweenness(g, maxThreads: 2);
        for (var i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i], two[i], 1e-15);
            Assert.Equal(h1[i], h2[i], 1e-15);
            Assert.Equal(w1[i], w2[i], 1e-15);
        }
    }
}
