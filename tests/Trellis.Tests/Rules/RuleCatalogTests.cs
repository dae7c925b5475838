using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

/// <summary>The rule catalogue over the bundled data: rules by id, displacement, examples, article texts, baselines by topic.</summary>
public class RuleCatalogTests
{
    private static readonly Lazy<(AgreementRegistry Registry, RuleCatalog Catalog)> Bundled = new(() =>
    {
        var registry = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        return (registry, RuleCatalog.Load(registry, RuleBook.Load(registry).GetValueOrThrow()));
    });

    private static RuleCatalog Catalog => Bundled.Value.Catalog;

    [Fact]
    public void Find_UnknownId_IsNull() => Assert.Null(Catalog.Find("jpn.entry.no-such-rule"));

    [Fact]
    public void Displacement_VisaExemption_DisplacesTheBaselineVisaBothWays()
    {
        var visa = Catalog.Find("jpn.entry.visa")!;
        var exemption = Catalog.Find("aus-jpn-raa.entry.visa-exemption")!;

        Assert.Contains(exemption, Catalog.DisplacedBy(visa));
        Assert.Contains(visa, Catalog.Displaces(exemption));
        Assert.Equal(LayerKind.Baseline, Catalog.LayerOf(visa).Kind);
        Assert.Equal("aus-jpn-raa", Catalog.LayerOf(exemption).Instrument);
    }

    [Fact]
    public void ExamplesOf_RuleInExpectations_ListsTheExampleWithAPlanThatParses()
    {
        var examples = Catalog.ExamplesOf("aus-jpn-raa.entry.visa-exemption");

        var example = Assert.Single(examples, e => e.Id == "aus-jpn-raa/members-with-documents-need-no-visa");
        var plan = PlanLoader.Parse(example.PlanYaml, "plan.yaml", Bundled.Value.Registry);
        Assert.False(plan.HasErrors, string.Join(Environment.NewLine, plan.Diagnostics));
        Assert.Equal("JPN", plan.Value!.HostState);
        Assert.Same(example, Catalog.Example(example.Id));
    }

    [Fact]
    public void ExamplesOf_RuleOnlyConsidered_LeavesOutExamplesWhereItDidNotApply()
    {
        var examples = Catalog.ExamplesOf("jpn.aircraft.state-aircraft-permit").Select(e => e.Id).ToArray();

        Assert.Contains("aus-jpn-raa/without-the-agreement-in-japan", examples);
        Assert.DoesNotContain("aus-jpn-raa/members-with-documents-need-no-visa", examples);
    }

    [Fact]
    public void ExamplesOf_RuleNamedNowhere_IsEmpty() => Assert.Empty(Catalog.ExamplesOf("jpn.entry.no-such-rule"));

    [Fact]
    public void Example_UnknownOrTraversingId_IsNull()
    {
        Assert.Null(Catalog.Example("aus-jpn-raa/no-such-example"));
        Assert.Null(Catalog.Example("../../etc/passwd"));
    }

    [Fact]
    public void ArticleText_BaselineRule_KeepsTheTableRowsThatNameIt()
    {
        var text = Catalog.ArticleText(Catalog.Find("jpn.entry.visa")!);

        Assert.NotNull(text);
        Assert.Contains("| `jpn.entry.visa` |", text);
        Assert.DoesNotContain("| `jpn.entry.passport` |", text);
    }

    [Fact]
    public void ArticleText_AgreementRule_IsTheParagraphThatNamesIt()
    {
        var text = Catalog.ArticleText(Catalog.Find("aus-jpn-raa.status.agreed-in-advance")!);

        Assert.NotNull(text);
        Assert.Contains("`aus-jpn-raa.status.agreed-in-advance`", text);
        Assert.StartsWith("## ", text);
    }

    [Fact]
    public void BaselineByTopic_Japan_GroupsRulesBySecondPartOfTheirId()
    {
        var topics = Catalog.BaselineByTopic("JPN")!;

        Assert.Contains(topics.Single(g => g.Key == "entry"), r => r.Id == "jpn.entry.visa");
        Assert.All(topics, g => Assert.All(g, r => Assert.Equal(g.Key, RuleCatalog.TopicOf(r))));
        Assert.Null(Catalog.BaselineByTopic("ZZZ"));
    }

    [Fact]
    public void ExplanationOf_Requirement_IsTheSameTextAsTheFullExplanation()
    {
        var example = Catalog.Example("aus-jpn-raa/members-with-documents-need-no-visa")!.Example;
        var assessment = new Assessor(Bundled.Value.Registry, Catalog.Book).Assess(example.Plan, example.Options);
        var full = Explanation.Render(assessment);

        Assert.NotEmpty(assessment.Requirements);
        foreach (var requirement in assessment.Requirements)
        {
            var why = Explanation.Of(assessment, requirement)!;
            Assert.Contains(why.Heading + "\n" + string.Concat(why.Lines.Select(l => "  " + l + "\n")), full);
            Assert.Contains(why.Lines, l => l.StartsWith("=> ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ExplanationOf_DisplacingRule_SaysWhatItDisplacedAndHow()
    {
        var example = Catalog.Example("aus-jpn-raa/members-with-documents-need-no-visa")!.Example;
        var assessment = new Assessor(Bundled.Value.Registry, Catalog.Book).Assess(example.Plan, example.Options);
        var displaced = assessment.Displaced[0];
        var line = new Requirement(displaced.DisplacedBy, displaced.DisplacedByInstrument, "permit", "", "", 0, "plan",
            new LeadTimeView(null, null, true, null), null, null, false, null, displaced.Basis, displaced.Confidence, [], [], null);

        var why = Explanation.Of(assessment, line)!;

        Assert.Contains(why.Displaced, d => d.StartsWith(displaced.Rule + " (", StringComparison.Ordinal));
    }

    [Fact]
    public void ExplanationOf_AssessmentWithoutTrace_IsNull()
    {
        var example = Catalog.Example("aus-jpn-raa/members-with-documents-need-no-visa")!.Example;
        var assessment = new Assessor(Bundled.Value.Registry, Catalog.Book).Assess(example.Plan, example.Options with { Explain = false });

        Assert.Null(Explanation.Of(assessment, assessment.Requirements[0]));
    }
}
