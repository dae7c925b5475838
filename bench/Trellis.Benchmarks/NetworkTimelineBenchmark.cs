using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Trellis.Network;

namespace Trellis.Benchmarks;

/// <summary>
/// Issue 4 target: a yearly timeline 1945–2026 (82 snapshots) over a world-size graph with all metrics in under 2 s.
/// The history is synthetic: 195 states and several thousand bilateral agreements of every type.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class NetworkTimelineBenchmark
{
    private INetworkSource _source = null!;

    [Params(195)]
    public int States { get; set; }

    [Params(3000, 8000)]
    public int Agreements { get; set; }

    [GlobalSetup]
    public void Setup() => _source = NetworkGraphs.History(States, Agreements);

    [Benchmark]
    public IReadOnlyList<TimelinePoint> Yearly1945To2026() => Timeline.Yearly(_source, 1945, 2026);
}
