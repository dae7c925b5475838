using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Trellis.Network;

namespace Trellis.Benchmarks;

/// <summary>
/// Issue 4 target: a yearly timeline 1945–2026 (82 snapshots) over a world-size graph with all metrics in under 2 s.
/// The history is synthetic: 195 states and several thousand bilateral agreements of every type.
/// Besides wall time (which on a shared 2-core machine mostly measures the load), each iteration prints the process CPU
/// time it used ("// CPU"), which depends far less on what else runs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class NetworkTimelineBenchmark
{
    private INetworkSource _source = null!;
    private TimeSpan _cpuBefore;

    [Params(195)]
    public int States { get; set; }

    [Params(3000, 8000)]
    public int Agreements { get; set; }

    [GlobalSetup]
    public void Setup() => _source = NetworkGraphs.History(States, Agreements);

    [IterationSetup]
    public void StartCpuClock() => _cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    [IterationCleanup]
    public void StopCpuClock() =>
        Console.WriteLine($"// CPU {States}x{Agreements}: {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore).TotalMilliseconds:F0} ms");

    [Benchmark]
    public IReadOnlyList<TimelinePoint> Yearly1945To2026() => Timeline.Yearly(_source, 1945, 2026);
}
