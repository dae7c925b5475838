using Trellis.Diagnostics;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

public class RuleBookTests
{
    private const string RaaHead = """
        instrument: gbr-jpn-raa
        hosts: [GBR, JPN]
        url: https://www.mofa.go.jp/
        rules:

        """;

    private static string Rule(string id, string when, string effect) =>
        $"  - id: {id}\n    title: t\n    citation: {{ article: Art. 1 }}\n    confidence: high\n    when: {when}\n    {effect}\n\n";

    private static IReadOnlyList<Diagnostic> Problems(RulesData data)
    {
        var result = data.Book();
        Assert.True(result.HasErrors, "expected the rule book to be rejected");
        Assert.All(result.Diagnostics.Where(d => d.Severity == Severity.Error), d => Assert.Matches(@":\d+: error TRL\d{3}: ", d.ToString()));
        return result.Diagnostics;
    }

    [Fact]
    public void Load_Fixture_HasLayersParametersAndCalendars()
    {
        var book = Fixtures.Book;
        Assert.Equal(["baseline-gbr", "baseline-jpn", "gbr-jpn-raa"], book.Layers.Select(l => l.Instrument));
        Assert.Equal(["GBR", "JPN"], book.BaselineStates);
        Assert.NotNull(book.Parameters.Find("raa.clearance-lead-time"));
        Assert.True(book.HasHolidays("JPN"));
        Assert.Equal(["gbr-jpn-raa.entry.visa-exemption"], book.DisplacersOf("jpn.entry.visa").Select(r => r.Id));
    }

    [Fact]
    public void Load_DisplacingARuleThatDoesNotExist_IsReportedWithSuggestion()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml",
            RaaHead + Rule("gbr-jpn-raa.entry.x", "{ kind: personnel }", "waive: [jpn.entry.visas]"));
        var d = Fixtures.Single(Problems(data), DiagnosticCodes.UnknownDisplacedRule);
        Assert.Contains("'jpn.entry.visa'", d.Message);
        Assert.Equal(5, d.Line);
        Assert.EndsWith(Path.Combine("gbr-jpn-raa", "rules.yaml"), d.File);
    }

    [Fact]
    public void Load_TwoRulesOfOneLayerDisplacingTheSameRuleWithOverlappingConditions_IsAnUnorderedConflictNamingBoth()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.entry.a", "{ kind: personnel, category: member }", "waive: [jpn.entry.visa]") +
            Rule("gbr-jpn-raa.entry.b", "{ kind: personnel, documents: { has: [passport] } }", "waive: [jpn.entry.visa]"));
        var d = Fixtures.Single(Problems(data), DiagnosticCodes.UnorderedConflict);
        Assert.Equal(12, d.Line);
        Assert.Contains("gbr-jpn-raa.entry.a", d.Message);
        Assert.Contains("rules.yaml:5", d.Message);
    }

    [Theory]
    [InlineData("{ kind: personnel, category: member }", "{ kind: personnel, category: dependant }")]
    [InlineData("{ kind: personnel, documents: { has: [passport] } }", "{ kind: personnel, documents: { missing: [passport] } }")]
    [InlineData("{ kind: aircraft, armed: true }", "{ kind: aircraft, armed: false }")]
    [InlineData("{ kind: personnel, purpose: exercise }", "{ kind: personnel, purpose: [training, transit] }")]
    public void Load_TwoRulesWithExclusiveConditions_AreNoConflict(string first, string second)
    {
        var kind = first.Contains("aircraft", StringComparison.Ordinal) ? "jpn.aircraft.state-aircraft-permit" : "jpn.entry.visa";
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.x.a", first, $"waive: [{kind}]") + Rule("gbr-jpn-raa.x.b", second, $"waive: [{kind}]"));
        var result = data.Book();
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
    }

    [Fact]
    public void Load_TwoAgreementsOfOnePairDisplacingTheSameRule_AreAConflictUntilOneProvails()
    {
        using var data = new RulesData()
            .Write("agreements/gbr-jpn-logistics/rules.yaml", """
                instrument: gbr-jpn-logistics
                hosts: [GBR, JPN]
                url: https://www.mofa.go.jp/
                rules:
                  - id: gbr-jpn-logistics.entry.x
                    title: t
                    citation: { article: Art. 1 }
                    confidence: high
                    when: { kind: personnel }
                    waive: [jpn.entry.visa]
                """);
        var d = Fixtures.Single(Problems(data), DiagnosticCodes.UnorderedConflict);
        Assert.Contains("prevails", d.Message);

        data.Write("agreements/gbr-jpn-raa/rules.yaml",
            File.ReadAllText(Path.Combine(data.Root, "agreements/gbr-jpn-raa/rules.yaml")).Replace("when: { cooperativeActivity: true }",
                "when: { cooperativeActivity: true }\nprevails: [gbr-jpn-logistics]", StringComparison.Ordinal));
        var ordered = data.Book();
        Assert.False(ordered.HasErrors, string.Join(Environment.NewLine, ordered.Diagnostics));
        Assert.True(ordered.Value!.Prevails("gbr-jpn-raa", "gbr-jpn-logistics"));
    }

    [Fact]
    public void Load_AgreementsOfDifferentPairs_NeverConflict()
    {
        using var data = new RulesData().Write("agreements/jpn-usa-sofa/rules.yaml", """
            instrument: jpn-usa-sofa
            hosts: [JPN]
            url: https://www.mofa.go.jp/
            rules:
              - id: jpn-usa-sofa.entry.x
                title: t
                citation: { article: Art. IX }
                confidence: high
                when: { kind: personnel }
                waive: [jpn.entry.visa]
            """);
        var result = data.Book();
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
    }

    [Fact]
    public void Load_DisplacingTheBaselineOfANonParty_IsReported()
    {
        using var data = new RulesData().Write("agreements/jpn-usa-sofa/rules.yaml", """
            instrument: jpn-usa-sofa
            hosts: [JPN]
            url: https://www.mofa.go.jp/
            rules:
              - id: jpn-usa-sofa.aircraft.x
                title: t
                citation: { article: Art. V }
                confidence: high
                when: { kind: aircraft }
                waive: [gbr.aircraft.diplomatic-flight-clearance]
            """);
        var d = Fixtures.Single(Problems(data), DiagnosticCodes.DisplacementNotLower);
        Assert.Contains("GBR is not a party", d.Message);
    }

    [Fact]
    public void Load_DisplacingAnotherAgreementWithoutPrevails_IsReported()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-logistics/rules.yaml", """
            instrument: gbr-jpn-logistics
            hosts: [GBR, JPN]
            url: https://www.mofa.go.jp/
            rules:
              - id: gbr-jpn-logistics.x
                title: t
                citation: { article: Art. 1 }
                confidence: high
                when: { kind: personnel }
                waive: [gbr-jpn-raa.entry.visa-exemption]
            """);
        Assert.Contains("prevails: [gbr-jpn-raa]", Fixtures.Single(Problems(data), DiagnosticCodes.DisplacementNotLower).Message);
    }

    [Fact]
    public void Load_PrevailsCycle_IsReported()
    {
        using var data = new RulesData()
            .Write("agreements/gbr-jpn-logistics/rules.yaml", "instrument: gbr-jpn-logistics\nhosts: [GBR, JPN]\nprevails: [gbr-jpn-raa]\nrules: []\n")
            .Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead.Replace("rules:", "prevails: [gbr-jpn-logistics]\nrules: []", StringComparison.Ordinal));
        Assert.Equal(2, Problems(data).Count(d => d.Code == DiagnosticCodes.BadPrevails));
    }

    /// <summary>Issue 13 §5: an agreement's rules apply only in the direction it admits forces.</summary>
    [Theory]
    [InlineData("hosts: [FRA]", "not a party")]
    [InlineData("hosts: [USA]", "hosts no forces")]
    [InlineData("hosts: [JPN, JPN]", "listed twice")]
    public void Load_AgreementLayerHostThatReceivesNoForces_IsReported(string hosts, string message)
    {
        using var data = new RulesData()
            .Write("agreements/jpn-usa-sofa/agreement.yaml",
                File.ReadAllText(Path.Combine(Fixtures.DataDirectory, "agreements/jpn-usa-sofa/agreement.yaml")) + "visitingForces: [USA]\n")
            .Write("agreements/jpn-usa-sofa/rules.yaml", $"instrument: jpn-usa-sofa\nurl: https://www.mofa.go.jp/\n{hosts}\nrules: []\n");
        Assert.Contains(message, Fixtures.Single(Problems(data), DiagnosticCodes.BadLayerHost).Message);
    }

    [Fact]
    public void Load_AgreementLayerWithoutHosts_IsReported()
    {
        using var data = new RulesData().Write("agreements/jpn-usa-sofa/rules.yaml", "instrument: jpn-usa-sofa\nurl: https://www.mofa.go.jp/\nrules: []\n");
        Assert.Contains("hosts", Fixtures.Single(Problems(data), DiagnosticCodes.MissingField).Message);
    }

    [Fact]
    public void Load_BaselineWithHosts_IsReported()
    {
        using var data = new RulesData().Write("baselines/GBR/rules.yaml",
            File.ReadAllText(Path.Combine(Fixtures.DataDirectory, "baselines/GBR/rules.yaml")).Replace("rules:", "hosts: [GBR]\nrules:", StringComparison.Ordinal));
        Fixtures.Single(Problems(data), DiagnosticCodes.BadLayerHost);
    }

    [Fact]
    public void Load_RuleIdWithoutLayerPrefix_IsReported()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml",
            RaaHead + Rule("raa.entry.x", "{ kind: personnel }", "inform: { topic: other, text: x }"));
        Assert.Contains("'gbr-jpn-raa.'", Fixtures.Single(Problems(data), DiagnosticCodes.RuleIdConvention).Message);
    }

    [Fact]
    public void Load_DuplicateRuleId_NamesTheFirst()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.a", "{ kind: personnel }", "inform: { topic: other, text: x }") +
            Rule("gbr-jpn-raa.a", "{ kind: personnel }", "inform: { topic: other, text: y }"));
        Assert.Contains("rules.yaml:5", Fixtures.Single(Problems(data), DiagnosticCodes.DuplicateRuleId).Message);
    }

    [Fact]
    public void Load_RuleWithTwoEffects_IsReported()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.a", "{ kind: personnel }", "inform: { topic: other, text: x }\n    waive: [jpn.entry.visa]"));
        Fixtures.Single(Problems(data), DiagnosticCodes.EffectCount);
    }

    [Fact]
    public void Load_PerPersonOnAircraft_IsAMultiplicityMismatch()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.a", "{ kind: aircraft }", "require: { kind: notification, authority: MOD, leadTime: { days: 1 }, per: person }"));
        Fixtures.Single(Problems(data), DiagnosticCodes.MultiplicityMismatch);
    }

    [Fact]
    public void Load_PlaceThatIsNotAKey_IsReportedWithTheKeyToWrite()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.a", "{ kind: vessel, at: [yokosuka, White Beach] }", "inform: { topic: other, text: x }"));
        var d = Fixtures.Single(Problems(data), DiagnosticCodes.InvalidValue);
        Assert.Contains("'white-beach'", d.Message);
    }

    [Fact]
    public void Load_ConditionTheKindDoesNotHave_IsReported()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.a", "{ kind: vehicle, nuclearPowered: true }", "inform: { topic: other, text: x }") +
            Rule("gbr-jpn-raa.b", "{ armed: true }", "inform: { topic: other, text: x }"));
        Assert.Equal(2, Problems(data).Count(d => d.Code == DiagnosticCodes.ConditionNotApplicable));
    }

    [Fact]
    public void Load_UnknownParameter_IsReportedWithSuggestion()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.a", "{ kind: aircraft }", "require: { kind: notification, authority: MOD, leadTime: { parameter: raa.clearance-leadtime }, per: flight }"));
        Assert.Contains("'raa.clearance-lead-time'", Fixtures.Single(Problems(data), DiagnosticCodes.UnknownParameter).Message);
    }

    [Fact]
    public void Load_CitationWithoutUrlAnywhere_IsReported()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml",
            RaaHead.Replace("url: https://www.mofa.go.jp/\n", "", StringComparison.Ordinal) + Rule("gbr-jpn-raa.a", "{ kind: personnel }", "inform: { topic: other, text: x }"));
        Fixtures.Single(Problems(data), DiagnosticCodes.MissingCitationUrl);
    }

    [Fact]
    public void Load_InstrumentNotMatchingFolder_IsReported()
    {
        using var data = new RulesData().Write("baselines/GBR/rules.yaml", "instrument: baseline-uk\nrules: []\n");
        Assert.Contains("baseline-gbr", Fixtures.Single(Problems(data), DiagnosticCodes.LayerMismatch).Message);
    }

    [Fact]
    public void Load_UnknownFieldInRule_IsReportedWithSuggestion()
    {
        using var data = new RulesData().Write("agreements/gbr-jpn-raa/rules.yaml", RaaHead +
            Rule("gbr-jpn-raa.a", "{ kind: personnel }", "inform: { topic: other, text: x }\n    confidance: high"));
        Assert.Contains("'confidence'", Fixtures.Single(Problems(data), DiagnosticCodes.UnknownField).Message);
    }

    [Fact]
    public void Load_DuplicateParameter_IsReported()
    {
        using var data = new RulesData().Write("parameters/more.yaml",
            File.ReadAllText(Path.Combine(Fixtures.DataDirectory, "parameters", "lead-times.yaml")));
        Fixtures.Single(Problems(data), DiagnosticCodes.DuplicateParameter);
    }

    [Fact]
    public void WithOverrides_UnknownName_IsReportedWithSuggestion()
    {
        using var data = new RulesData().Write("org.yaml", """
            parameters:
              - { name: raa.clearance-leadtime, label: x, leadTime: { days: 1 }, basis: y }
            """);
        var result = Fixtures.Book.Parameters.WithOverrides(Path.Combine(data.Root, "org.yaml"));
        Assert.Contains("'raa.clearance-lead-time'", Fixtures.Single(result.Diagnostics, DiagnosticCodes.UnknownParameterOverride).Message);
    }

    [Fact]
    public void Condition_IsExclusiveWith_KnowsDocumentsHasAgainstMissing()
    {
        var has = new Condition { KindMask = 1, DocumentsHas = TravelDocuments.Passport | TravelDocuments.MilitaryId };
        var missingOne = new Condition { KindMask = 1, DocumentsMissing = TravelDocuments.Passport };
        var missingEither = new Condition { KindMask = 1, DocumentsMissing = TravelDocuments.Passport | TravelDocuments.MovementOrder };
        Assert.True(has.IsExclusiveWith(missingOne));
        Assert.True(missingOne.IsExclusiveWith(has));
        Assert.False(has.IsExclusiveWith(missingEither));
    }

    [Fact]
    public void Condition_IsExclusiveWith_UnitedNationsCommandAgainstCooperativeActivity()
    {
        // No plan is both (TRL212), so the UN-SOFA layer never conflicts with an RAA layer.
        var unc = new Condition { UnitedNationsCommand = true };
        Assert.True(unc.IsExclusiveWith(new Condition { CooperativeActivity = true }));
        Assert.True(new Condition { CooperativeActivity = true }.IsExclusiveWith(unc));
        Assert.True(unc.IsExclusiveWith(new Condition { UnitedNationsCommand = false }));
        Assert.False(unc.IsExclusiveWith(new Condition { CooperativeActivity = false }));
        Assert.False(unc.IsExclusiveWith(Condition.Always));
    }
}
