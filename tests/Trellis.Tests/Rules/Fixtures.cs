using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

/// <summary>The fixture registry under tests/Trellis.Tests/Rules/fixtures/data, loaded once.</summary>
internal static class Fixtures
{
    private static readonly Lazy<(AgreementRegistry Registry, RuleBook Book)> Loaded = new(() =>
    {
        var registry = RegistryLoader.Load(DataDirectory).GetValueOrThrow();
        var book = RuleBook.Load(registry).GetValueOrThrow();
        return (registry, book);
    });

    public static string Root => Path.Combine(Repo.Root, "tests", "Trellis.Tests", "Rules", "fixtures");

    public static string DataDirectory => Path.Combine(Root, "data");

    public static string PlanFile(string name) => Path.Combine(Root, "plans", name);

    public static AgreementRegistry Registry => Loaded.Value.Registry;

    public static RuleBook Book => Loaded.Value.Book;

    /// <summary>The day the fixture assessor's clock says it is: well before the fixture plans of 2027.</summary>
    public static readonly DateOnly Today = new(2026, 11, 2);

    public static Assessor Assessor => new(Registry, Book, new FixedClock(Today));

    /// <summary>Parses a plan given as YAML text against the fixture registry; fails the test on any diagnostic.</summary>
    public static ActivityPlan Plan(string yaml)
    {
        var result = PlanLoader.Parse(yaml, "plan.yaml", Registry);
        Assert.True(!result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Value!;
    }

    /// <summary>A plan of GBR forces in Japan from <paramref name="start"/> with the given element lines.</summary>
    public static ActivityPlan GbrInJapan(string start, params string[] elements) => Plan($"""
        sendingState: GBR
        hostState: JPN
        purpose: exercise
        cooperativeActivity: true
        start: {start}
        end: {start}
        elements:
        {string.Join("\n", elements.Select(e => "  - " + e))}
        """);

    public static LoadResult<ActivityPlan> ParsePlan(string yaml) => PlanLoader.Parse(yaml, "plan.yaml", Registry);

    public static Diagnostic Single(IEnumerable<Diagnostic> diagnostics, string code)
    {
        var all = diagnostics.ToArray();
        var matching = all.Where(d => d.Code == code).ToArray();
        Assert.True(matching.Length == 1, $"expected one {code}, got:{Environment.NewLine}{string.Join(Environment.NewLine, all)}");
        return matching[0];
    }
}

/// <summary>A clock stopped at noon UTC of one day, in UTC: the tests' "today".</summary>
internal sealed class FixedClock(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>A throwaway copy of the fixture data folder, for tests that change rule files.</summary>
internal sealed class RulesData : IDisposable
{
    public RulesData()
    {
        Root = Path.Combine(Path.GetTempPath(), "trellis-rules-" + Guid.NewGuid().ToString("N"));
        Copy(Fixtures.DataDirectory, Root);
    }

    public string Root { get; }

    public RulesData Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public RulesData Delete(string relative)
    {
        File.Delete(Path.Combine(Root, relative));
        return this;
    }

    public AgreementRegistry Registry() => RegistryLoader.Load(Root).GetValueOrThrow();

    public LoadResult<RuleBook> Book() => RuleBook.Load(Registry());

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
