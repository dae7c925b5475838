using BenchmarkDotNet.Attributes;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Benchmarks;

/// <summary>Issue 3 target: the friction matrix over all ordered pairs of states with a baseline in under 1 s.</summary>
[MemoryDiagnoser]
public class FrictionMatrixBenchmark
{
    private Assessor _assessor = null!;
    private PlanTemplate _template = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = RegistryLoader.Load(BenchData.DataDirectory).GetValueOrThrow();
        _assessor = new Assessor(registry, RuleBook.Load(registry).GetValueOrThrow());
        _template = PlanLoader.LoadTemplate(Path.Combine(BenchData.DataDirectory, RuleBook.ParametersFolder, FrictionMatrix.TemplateFile)).GetValueOrThrow();
    }

    [Benchmark]
    public int FrictionMatrixAllPairs() => FrictionMatrix.Compute(_assessor, _template, new DateOnly(2027, 3, 1)).Count;
}
