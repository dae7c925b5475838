using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Trellis.Network;

namespace Trellis.Benchmarks;

/// <summary>
/// Issue 4 target: ranking every absent pair of a 170-state graph (about 14,000 pairs) by a betweenness-based metric
/// in under 30 s on 2 cores. Each candidate recomputes Brandes betweenness on the graph with one more link.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class NetworkCandidatesBenchmark
{
    private AgreementGraph _graph = null!;

    [Params(170)]
    public int Nodes { get; set; }

    [Params(400)]
    public int Ties { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var g = NetworkGraphs.Random(Nodes, Ties, seed: 3);
        var ties = g.Edges().Select(e => new Tie(g.Names[e.U], g.Names[e.V], $"t{e.U}-{e.V}", "raa", Trellis.Registry.Layer.Access, false));
        _graph = AgreementGraph.FromTies(ties, new DateOnly(2026, 1, 1));
    }

    [Benchmark]
    public IReadOnlyList<Candidate> RankAllPairsByBetweenness() =>
        Candidates.Rank(_graph, new CandidateQuery { Metric = MetricCatalog.Find("betweenness")!, Top = 20 });

    [Benchmark]
    public IReadOnlyList<Candidate> RankAllPairsByBetweennessCentralization() =>
        Candidates.Rank(_graph, new CandidateQuery { Metric = MetricCatalog.Find("betweenness-centralization")!, Top = 20 });
}
