using BenchmarkDotNet.Attributes;
using Trellis.Registry;

namespace Trellis.Benchmarks;

/// <summary>Issue 2 target: loading the whole bundled registry takes well under 100 ms.</summary>
[MemoryDiagnoser]
public class RegistryLoadBenchmark
{
    private string _data = "";

    [GlobalSetup]
    public void Setup() => _data = BenchData.DataDirectory;

    [Benchmark]
    public AgreementRegistry LoadBundledRegistry()
    {
        var result = RegistryLoader.Load(_data);
        return result.Value ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }
}
