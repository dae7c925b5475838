using System.Diagnostics;
using System.Globalization;

namespace Trellis.Cli;

/// <summary>
/// With <c>TRELLIS_TRACE_STARTUP=1</c>, marks the phases of one run (command tree, parse, registry, source,
/// work, output) and prints them to standard error when the run ends: milliseconds since the process started
/// (as the operating system records it) and since the previous mark. Off, each mark is one field read.
/// </summary>
internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("TRELLIS_TRACE_STARTUP") is "1";
    private static readonly List<(string Phase, double Ms)> Marks = [];
    private static DateTime processStart;
    private static Stopwatch? clock;
    private static double atMain;

    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        if (clock is null)
        {
            clock = Stopwatch.StartNew();
            processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
            atMain = (DateTime.UtcNow - processStart).TotalMilliseconds;
        }

        Marks.Add((phase, atMain + clock.Elapsed.TotalMilliseconds));
    }

    public static void Print(TextWriter error)
    {
        if (!Enabled)
        {
            return;
        }

        Mark("end");
        var previous = 0.0;
        foreach (var (phase, ms) in Marks)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trellis: startup {ms,8:0.0} ms  +{ms - previous,7:0.0} ms  {phase}"));
            previous = ms;
        }
    }
}
