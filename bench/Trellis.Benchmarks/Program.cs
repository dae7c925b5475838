using BenchmarkDotNet.Running;
using Trellis.Benchmarks;

// Run one scenario: dotnet run -c Release --project bench/Trellis.Benchmarks -- --filter '*RegistryLoad*'
// The benchmark processes run elsewhere; they find the repository through TRELLIS_ROOT.
Environment.SetEnvironmentVariable("TRELLIS_ROOT", BenchData.Root);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
