namespace Trellis.Web.Tests;

/// <summary>
/// What the tests need from the machine, and the rule for when it is missing: on CI (<c>CI=true</c>)
/// a test that cannot run fails; on a developer's machine it is skipped with the reason.
/// </summary>
internal static class TestEnvironment
{
    /// <summary>A PostgreSQL connection string whose user may create databases; <c>.ci/run</c> sets it.</summary>
    public const string PostgresVariable = "TRELLIS_TEST_POSTGRES";

    /// <summary>The Chromium the browser tests drive; Debian's package <c>chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("TRELLIS_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public static string RepoRoot { get; } = FindRoot();

    public static string Data => Path.Combine(RepoRoot, "data");

    /// <summary>Where screenshots go: <c>$TRELLIS_SCREENSHOTS</c>, else <c>screenshots/</c> beside the test assembly.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("TRELLIS_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trellis.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is not null)
        {
            return dir.FullName;
        }

        var built = typeof(TestEnvironment).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "TrellisRepoRoot")?.Value;
        return built is not null && File.Exists(Path.Combine(built, "Trellis.slnx")) ? built
            : throw new InvalidOperationException("Trellis.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test on a real PostgreSQL: skipped without <c>TRELLIS_TEST_POSTGRES</c> locally, run (and failing) on CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestEnvironment.Postgres is null && !TestEnvironment.OnCi)
        {
            Skip = $"{TestEnvironment.PostgresVariable} is not set (a PostgreSQL connection string); .ci/run sets it, and on CI this test fails without it";
        }
    }
}

/// <summary>A test in Chromium: skipped when it is not installed locally, run (and failing) on CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(TestEnvironment.ChromiumPath) && !TestEnvironment.OnCi)
        {
            Skip = $"{TestEnvironment.ChromiumPath} is not installed (apt-get install chromium); on CI this test fails without it";
        }
    }
}
