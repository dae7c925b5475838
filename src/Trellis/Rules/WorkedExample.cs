using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Rules;

/// <summary>
/// A worked example (docs/rules-format.md §5): a sentence, a plan, a date and what must come
/// out. The legal test suite of an agreement; its explanation is kept as a golden file beside it.
/// </summary>
public sealed record WorkedExample(string Name, string File, ActivityPlan Plan)
{
    public DateOnly? AsOf { get; init; }

    /// <summary>
    /// The day the assessment is made (<c>today</c>). When the example does not say, 365 days
    /// before the plan's start: planned in good time, so nothing is overdue, and no clock makes
    /// the golden explanation change from one day to the next.
    /// </summary>
    public DateOnly? Today { get; init; }

    /// <summary>The day the example's assessment is made: <see cref="Today"/>, else 365 days before the plan's start.</summary>
    public DateOnly MadeOn => Today ?? Plan.Start.AddDays(-365);

    /// <summary>Expected <see cref="Summary.Feasible"/>, when the example states it.</summary>
    public bool? Feasible { get; init; }

    /// <summary>Expected <see cref="Summary.Overdue"/>, when the example states it.</summary>
    public int? Overdue { get; init; }

    public IReadOnlyList<string> Without { get; init; } = [];

    /// <summary>Expected requirements: rule id and count.</summary>
    public IReadOnlyList<(string Rule, long Count)> Requirements { get; init; } = [];

    /// <summary>Expected displacements: displaced rule id and the rule that displaced it.</summary>
    public IReadOnlyList<(string Rule, string By)> Displaced { get; init; } = [];

    public IReadOnlyList<string> Prohibited { get; init; } = [];

    public int? Unknowns { get; init; }

    /// <summary>True when the expected lists need only be contained in the result.</summary>
    public bool Partial { get; init; }

    /// <summary>The golden explanation file: <c>name.explain.txt</c> beside <c>name.yaml</c>.</summary>
    public string GoldenFile => Path.Combine(Path.GetDirectoryName(File) ?? "", Path.GetFileNameWithoutExtension(File) + ".explain.txt");

    public AssessOptions Options => new() { AsOf = AsOf, Without = Without, Explain = true, Today = MadeOn };

    public override string ToString() => Name;
}

/// <summary>The outcome of running a worked example.</summary>
/// <param name="Failures">Each difference from what the example expects, in words; empty when it passes.</param>
/// <param name="Explanation">The explanation text, to compare with the golden file.</param>
public sealed record ExampleOutcome(IReadOnlyList<string> Failures, string Explanation, Assessment Assessment)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>Finds, reads and runs worked examples.</summary>
public static class WorkedExamples
{
    /// <summary>Every <c>agreements/*/examples/*.yaml</c> under <paramref name="dataDirectory"/>, in path order.</summary>
    public static IReadOnlyList<string> Find(string dataDirectory)
    {
        var diagnostics = new List<Diagnostic>();
        return Find(dataDirectory, diagnostics);
    }

    /// <summary>
    /// Every <c>agreements/*/examples/*.yaml</c> and <c>baselines/*/examples/*.yaml</c>, folders so named included (loading one reports TRL008), with a
    /// TRL008 diagnostic for an <c>examples</c> that is a file rather than a folder.
    /// </summary>
    public static IReadOnlyList<string> Find(string dataDirectory, ICollection<Diagnostic> diagnostics)
    {
        var agreements = Path.Combine(dataDirectory, RegistryLoader.AgreementsFolder);
        if (DataFile.KindOf(agreements) != PathKind.Folder)
        {
            return [];
        }

        // A baseline's own law (the UK's Visiting Forces Act for a Commonwealth force) has its examples beside it.
        var baselines = Path.Combine(dataDirectory, RuleLoader.BaselinesFolder);
        var baselineFolders = DataFile.KindOf(baselines) == PathKind.Folder ? Directory.EnumerateDirectories(baselines) : [];
        return Directory.EnumerateDirectories(agreements)
            .Concat(baselineFolders)
            .Select(d => Path.Combine(d, ExamplesFolder))
            .SelectMany(d => RegistryLoader.FilesIn(d, ".yaml", diagnostics))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The folder of worked examples inside an agreement's folder.</summary>
    public const string ExamplesFolder = "examples";

    /// <summary>
    /// Finds and reads every worked example under the registry's data folder (what <c>trellis validate</c> checks):
    /// each example's plan, date, and rule and agreement ids. Running them is the test suite's job.
    /// </summary>
    public static LoadResult<IReadOnlyList<WorkedExample>> LoadAll(AgreementRegistry registry, RuleBook book)
    {
        var diagnostics = new List<Diagnostic>();
        var examples = new List<WorkedExample>();
        if (registry.DataDirectory is { } data)
        {
            foreach (var path in Find(data, diagnostics))
            {
                var loaded = Load(path, registry, book);
                diagnostics.AddRange(loaded.Diagnostics);
                if (loaded.Value is { } example)
                {
                    examples.Add(example);
                }
            }
        }

        return new(diagnostics.Any(d => d.Severity == Severity.Error) ? null : examples, diagnostics);
    }

    /// <summary>Reads one example, checking rule and agreement ids against the registry and the rule book.</summary>
    public static LoadResult<WorkedExample> Load(string path, AgreementRegistry registry, RuleBook book)
    {
        var diagnostics = new List<Diagnostic>();
        var file = RegistryLoader.Display(path);
        var f = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "a worked example");
        if (f is null)
        {
            return new(null, diagnostics);
        }

        f.AllowOnly("name", "plan", "asOf", "today", "without", "expect");
        var name = f.String("name", required: true)?.Trim();
        ActivityPlan? plan = null;
        switch (f.Find("plan"))
        {
            case null:
                f.Missing("plan");
                break;
            case YamlScalar { Value: { } relative }:
                var planPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path) ?? "", relative));
                var loaded = PlanLoader.Load(planPath, registry);
                diagnostics.AddRange(loaded.Diagnostics);
                plan = loaded.Value;
                break;
            case var node:
                plan = PlanLoader.Read(node, file, registry, diagnostics);
                break;
        }

        var asOf = f.Date("asOf");
        if (asOf is { IsExact: false })
        {
            f.Add(DiagnosticCodes.InvalidDate, $"'asOf' needs a full date (YYYY-MM-DD), not '{asOf}'", f.LineOf("asOf"));
        }
        else if (asOf is { } day && SupportedDates.OutOfRange(day.First, "'asOf'") is { } outside)
        {
            f.Add(DiagnosticCodes.DateOutOfRange, outside, f.LineOf("asOf"));
        }

        var today = f.Date("today");
        if (today is { IsExact: false })
        {
            f.Add(DiagnosticCodes.InvalidDate, $"'today' needs a full date (YYYY-MM-DD), not '{today}'", f.LineOf("today"));
        }

        var without = new List<string>();
        foreach (var (id, line) in f.StringList("without"))
        {
            if (registry.FindAgreement(id) is null)
            {
                f.Add(DiagnosticCodes.InvalidExample, $"'without' names '{id}', which is not an agreement in the registry", line);
            }

            without.Add(id);
        }

        var requirements = new List<(string, long)>();
        var displaced = new List<(string, string)>();
        var prohibited = new List<string>();
        int? unknowns = null;
        int? overdue = null;
        bool? feasible = null;
        var partial = false;
        var expect = f.Mapping("expect", "'expect'", required: true);
        if (expect is not null)
        {
            expect.AllowOnly("requirements", "displaced", "prohibited", "unknowns", "overdue", "feasible", "partial");
            foreach (var r in expect.Mappings("requirements", "an expected requirement"))
            {
                r.AllowOnly("rule", "count");
                var rule = RuleId(r, "rule", book);
                var count = r.Long("count", required: true, min: 0);
                if (rule is not null && count is not null)
                {
                    requirements.Add((rule, count.Value));
                }
            }

            foreach (var d in expect.Mappings("displaced", "an expected displacement"))
            {
                d.AllowOnly("rule", "by");
                var rule = RuleId(d, "rule", book);
                var by = RuleId(d, "by", book);
                if (rule is not null && by is not null)
                {
                    displaced.Add((rule, by));
                }
            }

            foreach (var (id, line) in expect.StringList("prohibited"))
            {
                if (book.FindRule(id) is null)
                {
                    expect.Add(DiagnosticCodes.InvalidExample, UnknownRule(id, book), line);
                }

                prohibited.Add(id);
            }

            unknowns = expect.Int("unknowns", min: 0);
            overdue = expect.Int("overdue", min: 0);
            feasible = expect.Bool("feasible");
            partial = expect.Bool("partial") ?? false;
        }

        if (diagnostics.Any(d => d.Severity == Severity.Error) || name is null || plan is null)
        {
            return new(null, diagnostics);
        }

        if (plan.Name.Length == 0)
        {
            plan = plan with { Name = name };
        }

        return new(new WorkedExample(name, path, plan)
        {
            AsOf = asOf?.First,
            Today = today?.First,
            Overdue = overdue,
            Feasible = feasible,
            Without = without,
            Requirements = requirements,
            Displaced = displaced,
            Prohibited = prohibited,
            Unknowns = unknowns,
            Partial = partial,
        }, diagnostics);
    }

    /// <summary>Runs <paramref name="example"/> and lists every difference from what it expects.</summary>
    public static ExampleOutcome Run(WorkedExample example, Assessor assessor)
    {
        var a = assessor.Assess(example.Plan, example.Options);
        var failures = new List<string>();

        var actual = a.Requirements.GroupBy(r => r.Rule, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
        foreach (var (rule, count) in example.Requirements)
        {
            if (!actual.TryGetValue(rule, out var got))
            {
                failures.Add($"expected requirement {rule} ×{count}, but it is not required");
            }
            else if (got != count)
            {
                failures.Add($"expected requirement {rule} ×{count}, got ×{got}");
            }
        }

        if (!example.Partial)
        {
            var expected = example.Requirements.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
            failures.AddRange(actual.Where(x => !expected.Contains(x.Key)).Select(x => $"unexpected requirement {x.Key} ×{x.Value}"));
        }

        var displaced = a.Displaced.Select(d => (d.Rule, d.DisplacedBy)).Distinct().ToHashSet();
        failures.AddRange(example.Displaced.Where(d => !displaced.Contains(d)).Select(d => $"expected {d.Rule} displaced by {d.By}, but it is not"));
        if (!example.Partial)
        {
            var expected = example.Displaced.ToHashSet();
            failures.AddRange(displaced.Where(d => !expected.Contains(d)).Order().Select(d => $"unexpected: {d.Rule} displaced by {d.DisplacedBy}"));
        }

        var prohibited = a.Prohibitions.Select(p => p.Rule).ToHashSet(StringComparer.Ordinal);
        failures.AddRange(example.Prohibited.Where(p => !prohibited.Contains(p)).Select(p => $"expected prohibition {p}, but it does not apply"));
        if (!example.Partial)
        {
            failures.AddRange(prohibited.Where(p => !example.Prohibited.Contains(p, StringComparer.Ordinal)).Order(StringComparer.Ordinal)
                .Select(p => $"unexpected prohibition {p}"));
        }

        if (example.Unknowns is { } n && n != a.Summary.Unknowns)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"expected {n} unknown(s), got {a.Summary.Unknowns}: {string.Join("; ", a.Unknowns.Select(u => $"{u.Rule} ({u.Field})"))}"));
        }

        if (example.Overdue is { } o && o != a.Summary.Overdue)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"expected {o} overdue requirement(s), got {a.Summary.Overdue}"));
        }

        if (example.Feasible is { } feasible && feasible != a.Summary.Feasible)
        {
            failures.Add($"expected the plan {(feasible ? "feasible" : "not feasible")}, but it is {(a.Summary.Feasible ? "feasible" : "not: " + string.Join("; ", a.Summary.InfeasibleReasons))}");
        }

        return new ExampleOutcome(failures, Explanation.Render(a), a);
    }

    private static string? RuleId(YamlFields f, string key, RuleBook book)
    {
        var id = f.String(key, required: true);
        if (id is not null && book.FindRule(id) is null)
        {
            f.Add(DiagnosticCodes.InvalidExample, UnknownRule(id, book), f.LineOf(key));
        }

        return id;
    }

    private static string UnknownRule(string id, RuleBook book) =>
        $"no rule has the id '{id}'." + (YamlFields.Suggest(id, book.RuleIds) is { } s ? $" Did you mean '{s}'?" : "");
}
