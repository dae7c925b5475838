using System.Diagnostics;
using System.Text;
using CsCheck;
using Trellis.Diagnostics;
using Xunit.Abstractions;

namespace Trellis.Tests.Fuzz;

/// <summary>
/// Runs a loader on generated inputs (CsCheck: in-process, shrinking, seeded) and fails on anything but
/// "a value, or coded error diagnostics": an exception escaping the loader, a case running past
/// <see cref="CaseLimit"/> (a hang), or allocating more than <see cref="AllocationLimit"/> of its input.
/// On CI each target runs a fixed number of cases within <see cref="Budget"/>; <c>TRELLIS_FUZZ_ITERATIONS=N</c>
/// runs N cases per target with no time budget (docs/reliability.md, bench/results/fuzz-*.md), and
/// <c>TRELLIS_FUZZ_SEED</c> replays the seed a failure printed.
/// </summary>
internal static class Fuzzer
{
    /// <summary>A case still running after this is a hang.</summary>
    public static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    private static readonly long? LongRun =
        long.TryParse(Environment.GetEnvironmentVariable("TRELLIS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : null;

    /// <summary>Wall time one target may take in the normal test run; the long run has none.</summary>
    public static TimeSpan Budget => LongRun is null ? TimeSpan.FromSeconds(15) : TimeSpan.MaxValue;

    /// <summary>The most a case may allocate: 200 times its input, plus 16 MiB.</summary>
    public static long AllocationLimit(long inputBytes) => 200 * inputBytes + (16L << 20);

    /// <summary>
    /// Samples <paramref name="gen"/> (<paramref name="iterations"/> cases on CI, the long run's count otherwise)
    /// and checks every case's outcome; returns what happened, also written to the test output.
    /// </summary>
    public static FuzzCounts Run<T>(string target, Gen<T> gen, Func<T, Outcome> run, long iterations, ITestOutputHelper output,
        Func<T, string>? print = null)
    {
        var counts = new FuzzCounts(target);
        var clock = Stopwatch.StartNew();
        var budget = Budget;
        gen.Sample(input =>
        {
            if (clock.Elapsed > budget)
            {
                counts.OverBudget++;
                return;
            }

            var outcome = RunOne(() => run(input));
            counts.Add(outcome);
        }, seed: Environment.GetEnvironmentVariable("TRELLIS_FUZZ_SEED"), iter: LongRun ?? iterations, threads: 1, print: print);

        output.WriteLine(counts.ToString());
        if (Environment.GetEnvironmentVariable("TRELLIS_FUZZ_REPORT") is { Length: > 0 } report)
        {
            lock (typeof(Fuzzer))
            {
                File.AppendAllText(report, counts + "\n");
            }
        }

        return counts;
    }

    /// <summary>The lines of <paramref name="mutated"/> that differ from <paramref name="original"/> (for printing a failing case).</summary>
    public static string Excerpt(byte[] mutated, byte[] original)
    {
        var a = Encoding.UTF8.GetString(original).Split('\n');
        var b = Encoding.UTF8.GetString(mutated).Split('\n');
        var first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        var from = Math.Max(0, first - 2);
        return $"from line {from + 1}:\n" + string.Join("\n", b.Skip(from).Take(6)).Replace("\r", "\\r", StringComparison.Ordinal);
    }

    /// <summary>Runs one case on a thread of its own, so that a hang is caught and its allocation is measured alone.</summary>
    private static Outcome RunOne(Func<Outcome> run)
    {
        Outcome? outcome = null;
        long allocated = 0;
        Exception? escaped = null;
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                outcome = run();
            }
            catch (Exception ex)
            {
                escaped = ex;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 16 << 20) { IsBackground = true };
        thread.Start();
        if (!thread.Join(CaseLimit))
        {
            throw new FuzzFailure($"hang: the case did not end within {CaseLimit.TotalSeconds:0} s");
        }

        if (escaped is not null)
        {
            throw new FuzzFailure($"internal error: {escaped.GetType().Name} escaped the loader: {escaped.Message}", escaped);
        }

        if (allocated > AllocationLimit(outcome!.InputBytes))
        {
            throw new FuzzFailure($"allocation: {allocated:N0} bytes for an input of {outcome.InputBytes:N0} (limit {AllocationLimit(outcome.InputBytes):N0})");
        }

        if (!outcome.HasValue && !outcome.Diagnostics.Any(d => d.Severity == Severity.Error))
        {
            throw new FuzzFailure("no value and no error: the loader gave up silently");
        }

        foreach (var d in outcome.Diagnostics)
        {
            if (!DiagnosticCatalogue.Codes.Contains(d.Code))
            {
                throw new FuzzFailure($"the diagnostic code '{d.Code}' is not in DiagnosticCodes: {d}");
            }
        }

        return outcome;
    }
}

/// <summary>How a case ended: with a value or not, its diagnostics, and the size of its input (for the allocation bound).</summary>
internal sealed record Outcome(bool HasValue, IReadOnlyList<Diagnostic> Diagnostics, long InputBytes)
{
    public static Outcome Of<T>(LoadResult<T> result, long inputBytes) where T : class => new(result.Value is not null, result.Diagnostics, inputBytes);
}

/// <summary>A fuzz case that failed; CsCheck shrinks the input and prints the seed that reproduces it.</summary>
internal sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a fuzz run did: cases, values, cases refused with diagnostics, and the codes seen.</summary>
internal sealed class FuzzCounts(string target)
{
    public string Target { get; } = target;

    public long Cases { get; private set; }

    public long Values { get; private set; }

    public long Refused { get; private set; }

    public long OverBudget { get; set; }

    public SortedDictionary<string, long> Codes { get; } = new(StringComparer.Ordinal);

    public void Add(Outcome outcome)
    {
        Cases++;
        if (outcome.HasValue)
        {
            Values++;
        }
        else
        {
            Refused++;
        }

        foreach (var code in outcome.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Code).Distinct())
        {
            Codes[code] = Codes.GetValueOrDefault(code) + 1;
        }
    }

    public override string ToString() =>
        $"{Target}: {Cases:N0} cases, {Values:N0} values, {Refused:N0} refused with diagnostics, 0 internal errors, 0 hangs" +
        (OverBudget > 0 ? $", {OverBudget:N0} not run (time budget)" : "") +
        $"; codes: {string.Join(", ", Codes.Select(c => $"{c.Key}×{c.Value:N0}"))}";
}

/// <summary>Every code in <see cref="DiagnosticCodes"/>.</summary>
internal static class DiagnosticCatalogue
{
    public static IReadOnlySet<string> Codes { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(string))
        .Select(f => (string)f.GetValue(null)!)
        .ToHashSet(StringComparer.Ordinal);
}
