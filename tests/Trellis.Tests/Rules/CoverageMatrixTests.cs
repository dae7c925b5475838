using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

public sealed class CoverageMatrixTests
{
    private static readonly Citation Cite = new("Test Act", "Art. 1", null, "https://example.org/act");

    private static Rule Require(string id, ElementKind kind, LeadTime lead, Confidence confidence) =>
        new(id, id, Cite, confidence, new Condition { KindMask = 1u << (int)kind }, EffectKind.Require)
        {
            Require = new RequireSpec("permit", "Ministry", lead, Multiplicity.Group, null),
        };

    private static CoverageCell Cell(IReadOnlyList<CoverageCell> row, ElementKind kind) => row[(int)kind];

    [Fact]
    public void Of_GradesEachKindByItsRules()
    {
        var baseline = new RuleLayer("baseline-xxx", LayerKind.Baseline,
        [
            Require("radio-known", ElementKind.Radio, new LeadTime(LeadTimeKind.WorkingDays, 10), Confidence.High),
            Require("aircraft-unknown", ElementKind.Aircraft, LeadTime.Unknown, Confidence.High),
            Require("vessel-known-low", ElementKind.Vessel, new LeadTime(LeadTimeKind.Days, 5), Confidence.Low),
            new Rule("plan-wide", "plan-wide", Cite, Confidence.High, Condition.Always, EffectKind.Inform) { Topic = "jurisdiction", Text = "t" },
        ]) { Host = "XXX" };

        var row = CoverageMatrix.Of(baseline);

        Assert.Equal(RulesVocabulary.ElementKinds.Count, row.Count);
        Assert.Equal((CoverageLevel.Researched, 1, Confidence.High), (Cell(row, ElementKind.Radio).Level, Cell(row, ElementKind.Radio).Rules, Cell(row, ElementKind.Radio).Lowest));
        Assert.Equal((CoverageLevel.Partly, 1, 0), (Cell(row, ElementKind.Aircraft).Level, Cell(row, ElementKind.Aircraft).UnknownLeadTimes, Cell(row, ElementKind.Aircraft).LowConfidence));
        Assert.Equal((CoverageLevel.Partly, 0, 1), (Cell(row, ElementKind.Vessel).Level, Cell(row, ElementKind.Vessel).UnknownLeadTimes, Cell(row, ElementKind.Vessel).LowConfidence));
        // A plan-wide rule (no kind) researches no element kind: animals stay not researched.
        Assert.Equal((CoverageLevel.NotResearched, 0, (Confidence?)null), (Cell(row, ElementKind.Animal).Level, Cell(row, ElementKind.Animal).Rules, Cell(row, ElementKind.Animal).Lowest));
        Assert.Equal("partly: 1 unknown lead time", CoverageMatrix.Cell(Cell(row, ElementKind.Aircraft)));
        Assert.Equal("not researched", CoverageMatrix.Cell(Cell(row, ElementKind.Animal)));
    }

    [Fact]
    public void Compute_NotResearchedCells_AreExactlyTheKindsAssessRaisesCoverageUnknownsFor()
    {
        var cells = CoverageMatrix.Compute(Fixtures.Book);
        var elements = string.Join("\n", RulesVocabulary.ElementKinds.Select(k => $"  - {{ id: e-{k}, kind: {k}, {Fields(k)} }}"));
        foreach (var host in Fixtures.Book.BaselineStates)
        {
            var plan = Fixtures.Plan($"""
                sendingState: {(host == "GBR" ? "JPN" : "GBR")}
                hostState: {host}
                purpose: exercise
                start: 2027-03-01
                end: 2027-03-01
                elements:
                {elements}
                """);
            var unknownKinds = Fixtures.Assessor.Assess(plan).Unknowns.Where(u => u.Field == "coverage").Select(u => u.ElementKind!).Order().ToArray();
            var notResearched = cells.Where(c => c.Host == host && c.Level == CoverageLevel.NotResearched).Select(c => c.Kind).Order().ToArray();
            Assert.Equal(notResearched, unknownKinds);
        }
    }

    private static string Fields(string kind) => kind switch
    {
        "personnel" => "count: 1, category: member",
        "animal" => "count: 1, species: dog",
        "ammunition" => "quantity: 1",
        "medicine" => "quantity: 1",
        "goods" => "valueUsd: 1",
        "fuel" => "litres: 1",
        _ => "count: 1",
    };

    [Fact]
    public void AssessDocs_CarryTheMatrixOfTheBundledData()
    {
        var registry = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        var book = RuleBook.Load(registry).GetValueOrThrow();
        var expected = CoverageMatrix.Markdown(CoverageMatrix.Compute(book));
        var doc = File.ReadAllText(Repo.Path_("docs", "assess.md")).ReplaceLineEndings("\n");
        const string begin = "<!-- coverage:begin (trellis coverage --format markdown) -->\n", end = "<!-- coverage:end -->";
        var from = doc.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(from >= 0, "docs/assess.md has no coverage matrix markers");
        var to = doc.IndexOf(end, from, StringComparison.Ordinal);
        Assert.Equal(expected, doc[(from + begin.Length)..to]);
    }
}
