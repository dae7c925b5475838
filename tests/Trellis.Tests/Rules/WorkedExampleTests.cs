using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

/// <summary>
/// The legal test suite: every data/agreements/*/examples/*.yaml must give what it expects and
/// the exact golden explanation beside it. Set TRELLIS_UPDATE_GOLDEN=1 to rewrite golden files.
/// </summary>
public class WorkedExampleTests
{
    private static readonly Lazy<Assessor> Bundled = new(() =>
    {
        var registry = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        return new Assessor(registry, RuleBook.Load(registry).GetValueOrThrow());
    });

    private static bool Update => Golden.Update;

    public static TheoryData<string> BundledExamples()
    {
        var data = new TheoryData<string>();
        foreach (var path in WorkedExamples.Find(Repo.Data))
        {
            data.Add(Path.GetRelativePath(Repo.Root, path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BundledExamples))]
    public void WorkedExample_BundledData_GivesExpectedResultAndGoldenExplanation(string example) =>
        Check(Path.Combine(Repo.Root, example), Bundled.Value);

    /// <summary>The theory above passes vacuously on no data; this fails when the examples are not where they should be.</summary>
    [Fact]
    public void WorkedExamples_BundledData_AreFound()
    {
        var examples = WorkedExamples.Find(Repo.Data);
        Assert.True(examples.Count >= 10, $"found {examples.Count} worked examples under {Repo.Data}/agreements/*/examples/: the legal test suite is missing");
    }

    [Fact]
    public void WorkedExample_FixtureExamples_PassWithTheirGoldenExplanations()
    {
        var examples = WorkedExamples.Find(Fixtures.DataDirectory);
        Assert.Equal(2, examples.Count);
        foreach (var path in examples)
        {
            Check(path, Fixtures.Assessor);
        }
    }

    [Fact]
    public void WorkedExample_WrongExpectation_ListsEveryDifference()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/examples/wrong.yaml", """
            name: A deliberately wrong example
            plan:
              sendingState: GBR
              hostState: JPN
              purpose: exercise
              cooperativeActivity: true
              start: 2027-03-01
              end: 2027-03-02
              elements:
                - { id: team, kind: personnel, count: 10, category: member, documents: [military-id, movement-order] }
                - { id: guns, kind: weapon, count: 1 }
            without: [gbr-jpn-raa]
            expect:
              requirements:
                - { rule: jpn.entry.visa, count: 9 }
              displaced:
                - { rule: jpn.entry.visa, by: gbr-jpn-raa.entry.visa-exemption }
              unknowns: 1
            """);
        var registry = data.Registry();
        var book = RuleBook.Load(registry).GetValueOrThrow();
        var example = WorkedExamples.Load(Path.Combine(data.Root, "agreements/gbr-jpn-raa/examples/wrong.yaml"), registry, book).GetValueOrThrow();
        var outcome = WorkedExamples.Run(example, new Assessor(registry, book));

        Assert.False(outcome.Passed);
        Assert.Equal(
        [
            "expected requirement jpn.entry.visa ×9, got ×10",
            "expected jpn.entry.visa displaced by gbr-jpn-raa.entry.visa-exemption, but it is not",
            "unexpected prohibition jpn.weapons.possession",
            "expected 1 unknown(s), got 0: ",
        ], outcome.Failures);
    }

    [Fact]
    public void WorkedExample_UnknownRuleId_IsADiagnostic()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/examples/bad.yaml", """
            name: Names a rule that does not exist
            plan: ../../../../plans/none.yaml
            expect:
              requirements:
                - { rule: jpn.entry.vissa, count: 1 }
            """);
        var registry = data.Registry();
        var result = WorkedExamples.Load(Path.Combine(data.Root, "agreements/gbr-jpn-raa/examples/bad.yaml"), registry, RuleBook.Load(registry).GetValueOrThrow());
        Assert.Contains(result.Diagnostics, d => d.Code == Trellis.Diagnostics.DiagnosticCodes.InvalidExample && d.Message.Contains("'jpn.entry.visa'", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Code == Trellis.Diagnostics.DiagnosticCodes.MissingFile);
    }

    private static void Check(string path, Assessor assessor)
    {
        var loaded = WorkedExamples.Load(path, assessor.Registry, assessor.Book);
        Assert.True(!loaded.HasErrors, string.Join(Environment.NewLine, loaded.Diagnostics));
        var example = loaded.Value!;
        var outcome = WorkedExamples.Run(example, assessor);
        Assert.True(outcome.Passed, $"{example.Name} ({path}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", outcome.Failures));

        var golden = example.GoldenFile;
        if (Update)
        {
            File.WriteAllText(golden, outcome.Explanation);
            return;
        }

        Assert.True(File.Exists(golden), $"no golden explanation {golden}: run the tests with TRELLIS_UPDATE_GOLDEN=1 to write it, then review it");
        var expected = File.ReadAllText(golden).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != outcome.Explanation)
        {
            var e = expected.Split('\n');
            var a = outcome.Explanation.Split('\n');
            var i = 0;
            while (i < e.Length && i < a.Length && e[i] == a[i])
            {
                i++;
            }

            Assert.Fail($"the explanation of {path} differs from {golden} at line {i + 1}:{Environment.NewLine}" +
                        $"  golden: {(i < e.Length ? e[i] : "(end)")}{Environment.NewLine}  actual: {(i < a.Length ? a[i] : "(end)")}{Environment.NewLine}" +
                        "If the change is intended, run the tests with TRELLIS_UPDATE_GOLDEN=1 and review the diff.");
        }
    }
}
