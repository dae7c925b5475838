using Trellis.Diagnostics;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

public class PlanLoaderTests
{
    private const string Head = """
        sendingState: GBR
        hostState: JPN
        purpose: exercise
        start: 2027-03-01
        end: 2027-03-10
        elements:

        """;

    private static IReadOnlyList<Diagnostic> Problems(string yaml)
    {
        var result = Fixtures.ParsePlan(yaml);
        Assert.True(result.HasErrors, "expected the plan to be rejected");
        Assert.Null(result.Value);
        Assert.All(result.Diagnostics, d => Assert.Matches(@"^plan\.yaml:\d+: error TRL\d{3}: ", d.ToString()));
        return result.Diagnostics;
    }

    [Fact]
    public void Load_PlanOverTheSizeLimit_GivesTrl009NamingTheFileTheLimitAndHowToRaiseIt()
    {
        // Issue 10 §4: a plan file larger than the limit is refused before it is read, never an exception.
        var path = Fixtures.PlanFile("gbr-exercise.yaml");

        var result = PlanLoader.Load(path, Fixtures.Registry, maxBytes: 100);

        Assert.Null(result.Value);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileTooLarge, d.Code);
        Assert.EndsWith("gbr-exercise.yaml", d.File, StringComparison.Ordinal);
        Assert.Contains("limit of 100 bytes", d.Message, StringComparison.Ordinal);
        Assert.Contains("--max-plan-mib", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DefaultSizeLimit_IsMaxPlanBytes()
    {
        Assert.Equal(256L << 20, PlanLoader.MaxPlanBytes);
        Assert.NotNull(PlanLoader.Load(Fixtures.PlanFile("gbr-exercise.yaml"), Fixtures.Registry).Value);
    }

    [Fact]
    public void Load_SamplePlan_ReadsEveryKindAndDefault()
    {
        var plan = PlanLoader.Load(Fixtures.PlanFile("gbr-exercise.yaml"), Fixtures.Registry).GetValueOrThrow();
        Assert.Equal(("GBR", "JPN", Purpose.Exercise, true), (plan.SendingState, plan.HostState, plan.Purpose, plan.CooperativeActivity));
        Assert.Equal(14, plan.DurationDays);
        var typhoons = plan.Elements.Single(e => e.Id == "typhoons");
        Assert.True(typhoons.Is(ElementFlags.StateAircraft));
        Assert.False(typhoons.Is(ElementFlags.Armed));
        Assert.Equal(8, typhoons.Units(Multiplicity.Flight));
        Assert.Equal(TravelDocuments.Passport, plan.Elements.Single(e => e.Id == "families").Documents);
        Assert.Equal(2, plan.Elements.Single(e => e.Id == "frigate").Units(Multiplicity.PortCall));
    }

    [Fact]
    public void Parse_EveryKind_IsAccepted()
    {
        var plan = Fixtures.Plan(Head + """
              - { id: p, kind: personnel, count: 1, category: contractor }
              - { id: v, kind: vehicle, count: 2, rentedInHost: true }
              - { id: a, kind: aircraft, count: 1, armed: true, servicesRequested: true }
              - { id: s, kind: vessel, count: 1, nuclearPowered: true, warship: false }
              - { id: w, kind: weapon, count: 3, category: heavy-weapons }
              - { id: m, kind: ammunition, quantity: 5000, explosive: true }
              - { id: d, kind: animal, species: dog, count: 2 }
              - { id: med, kind: medicine, substance: morphine, quantity: 40, use: personal }
              - { id: r, kind: radio, count: 4, band: UHF }
              - { id: g, kind: goods, valueUsd: 25000.5 }
              - { id: f, kind: fuel, litres: 100000 }
            """);
        Assert.Equal(11, plan.Elements.Count);
        Assert.True(plan.Elements.Single(e => e.Id == "s").Is(ElementFlags.NuclearPowered));
        Assert.False(plan.Elements.Single(e => e.Id == "s").Is(ElementFlags.Warship));
        Assert.Equal(25000.5, plan.Elements.Single(e => e.Id == "g").Amount);
        Assert.Equal(1, plan.Elements.Single(e => e.Id == "g").Units(Multiplicity.Item));
        Assert.Equal("personal", plan.Elements.Single(e => e.Id == "med").Use);
    }

    private static readonly Lazy<Trellis.Registry.AgreementRegistry> Bundled =
        new(() => Trellis.Registry.RegistryLoader.Load(Repo.Data).GetValueOrThrow());

    [Fact]
    public void Parse_ArrivesAndAt_AreReadAndThePlaceIsTheFacilityIdOrTheTextAsAKey()
    {
        var plan = PlanLoader.Parse(Head +
            "  - { id: carrier, kind: vessel, count: 1, nuclearPowered: true, arrives: 2027-03-05, at: Fleet Activities Yokosuka (Kanagawa) }\n" +
            "  - { id: sub, kind: vessel, count: 1, at: White Beach }\n" +
            "  - { id: crew, kind: personnel, count: 5, category: member, at: sasebo }\n", "plan.yaml", Bundled.Value).GetValueOrThrow();

        var carrier = plan.Elements.Single(e => e.Id == "carrier");
        Assert.Equal(new DateOnly(2027, 3, 5), carrier.Arrives);
        Assert.Equal("yokosuka", carrier.Place);
        Assert.Equal("Fleet Activities Yokosuka (Kanagawa)", carrier.At);
        Assert.Equal("white-beach", plan.Elements.Single(e => e.Id == "sub").Place);
        Assert.Null(plan.Elements.Single(e => e.Id == "sub").Arrives);
        Assert.Equal("sasebo", plan.Elements.Single(e => e.Id == "crew").Place);
    }

    [Theory]
    [InlineData("2027-02-28")]
    [InlineData("2027-03-11")]
    public void Parse_ArrivalOutsideThePlansDays_IsTrl210WithTheLine(string day)
    {
        var d = Fixtures.Single(Problems(Head + $"  - {{ id: ship, kind: vessel, count: 1, arrives: {day} }}\n"), DiagnosticCodes.ArrivalOutsideStay);
        Assert.Equal(7, d.Line);
        Assert.Contains("2027-03-01 to 2027-03-10", d.Message);
    }

    [Fact]
    public void Parse_PlaceInAnotherState_IsTrl211NamingBoth()
    {
        var result = PlanLoader.Parse(Head + "  - { id: ship, kind: vessel, count: 1, at: edca-fort-magsaysay }\n", "plan.yaml", Bundled.Value);
        var d = Assert.Single(result.Diagnostics, x => x.Code == DiagnosticCodes.PlaceInAnotherState);
        Assert.Null(result.Value);
        Assert.Contains("PHL", d.Message);
        Assert.Contains("JPN", d.Message);
    }

    [Fact]
    public void Parse_EmptyPlaceOrPartialArrival_IsReported()
    {
        Fixtures.Single(Problems(Head + "  - { id: ship, kind: vessel, count: 1, at: '' }\n"), DiagnosticCodes.InvalidValue);
        Fixtures.Single(Problems(Head + "  - { id: ship, kind: vessel, count: 1, arrives: 2027-03 }\n"), DiagnosticCodes.InvalidDate);
    }

    [Fact]
    public void Parse_UnknownField_IsReportedWithLineAndSuggestion()
    {
        var d = Fixtures.Single(Problems(Head.Replace("purpose: exercise", "purpose: exercise\ncooperativeActivty: true", StringComparison.Ordinal)),
            DiagnosticCodes.UnknownField);
        Assert.Equal(4, d.Line);
        Assert.Contains("'cooperativeActivity'", d.Message);
    }

    [Fact]
    public void Parse_UnknownElementKind_IsReportedWithSuggestion()
    {
        var d = Fixtures.Single(Problems(Head + "  - { id: a, kind: aircrafts, count: 1 }\n"), DiagnosticCodes.UnknownElementKind);
        Assert.Equal(7, d.Line);
        Assert.Contains("'aircraft'", d.Message);
    }

    [Fact]
    public void Parse_FieldOfAnotherKind_IsReported()
    {
        var d = Fixtures.Single(Problems(Head + "  - { id: v, kind: vehicle, count: 1, armed: true }\n"), DiagnosticCodes.FieldNotForKind);
        Assert.Contains("'armed' is not a field of a vehicle", d.Message);
    }

    [Fact]
    public void Parse_NegativeCount_IsReported()
    {
        var d = Fixtures.Single(Problems(Head + "  - id: p\n    kind: personnel\n    category: member\n    count: -3\n"), DiagnosticCodes.NegativeCount);
        Assert.Equal(10, d.Line);
    }

    [Fact]
    public void Parse_CountOverSanityLimit_IsReportedAsLikelyTypo()
    {
        var d = Fixtures.Single(Problems(Head + "  - { id: p, kind: personnel, category: member, count: 40000000 }\n"), DiagnosticCodes.OverSanityLimit);
        Assert.Contains("10,000,000", d.Message);
        Fixtures.Single(Problems(Head + "  - { id: p, kind: personnel, category: member, count: 99999999999999999999999 }\n"), DiagnosticCodes.OverSanityLimit);
    }

    [Fact]
    public void Parse_DuplicateElementId_NamesTheFirstLine()
    {
        var d = Fixtures.Single(Problems(Head + "  - { id: a, kind: vehicle, count: 1 }\n  - { id: a, kind: vehicle, count: 2 }\n"), DiagnosticCodes.DuplicateElementId);
        Assert.Equal(8, d.Line);
        Assert.Contains("line 7", d.Message);
    }

    [Fact]
    public void Parse_EndBeforeStart_IsReported()
    {
        var d = Fixtures.Single(Problems(Head.Replace("end: 2027-03-10", "end: 2027-02-10", StringComparison.Ordinal)), DiagnosticCodes.EndBeforeStart);
        Assert.Equal(5, d.Line);
    }

    [Theory]
    [InlineData("2027-02-30")]
    [InlineData("2027-03")]
    [InlineData("03/01/2027")]
    public void Parse_ImpossibleOrPartialDate_IsReported(string start)
    {
        var d = Fixtures.Single(Problems(Head.Replace("start: 2027-03-01", $"start: {start}", StringComparison.Ordinal)), DiagnosticCodes.InvalidDate);
        Assert.Equal(4, d.Line);
    }

    [Fact]
    public void Parse_UnknownState_SuggestsUpperCase()
    {
        var d = Fixtures.Single(Problems(Head.Replace("hostState: JPN", "hostState: jpn", StringComparison.Ordinal)), DiagnosticCodes.UnknownState);
        Assert.Contains("'JPN'", d.Message);
    }

    [Fact]
    public void Parse_SameSendingAndHost_IsReported() =>
        Fixtures.Single(Problems(Head.Replace("hostState: JPN", "hostState: GBR", StringComparison.Ordinal)), DiagnosticCodes.SameSendingAndHost);

    [Fact]
    public void Parse_UnitedNationsCommand_IsReadAndDefaultsToFalse()
    {
        Assert.False(Fixtures.Plan(Head + "  []\n").UnitedNationsCommand);
        Assert.True(Fixtures.Plan(Head.Replace("purpose: exercise", "purpose: other\nunitedNationsCommand: true", StringComparison.Ordinal) + "  []\n").UnitedNationsCommand);
    }

    [Fact]
    public void Parse_CooperativeActivityAndUnitedNationsCommand_IsTrl212()
    {
        // The RAAs and the UN-SOFA are kept apart (legal-provisions-2 §3): the planner says which the activity is.
        var yaml = Head.Replace("purpose: exercise", "purpose: exercise\ncooperativeActivity: true\nunitedNationsCommand: true", StringComparison.Ordinal) + "  []\n";
        var d = Fixtures.Single(Problems(yaml), DiagnosticCodes.UnitedNationsAndCooperative);
        Assert.Equal(5, d.Line);
    }

    [Fact]
    public void Parse_TemplateFieldInPlan_IsReported() =>
        Fixtures.Single(Problems(Head.Replace("purpose: exercise", "purpose: exercise\ndurationDays: 3", StringComparison.Ordinal)), DiagnosticCodes.TemplateMismatch);

    [Fact]
    public void Parse_UnknownDocumentAndCategory_AreReported()
    {
        var problems = Problems(Head + "  - { id: p, kind: personnel, count: 1, category: soldier, documents: [visa] }\n");
        Assert.Equal(2, problems.Count(d => d.Code == DiagnosticCodes.UnknownVocabulary));
    }

    [Fact]
    public void Parse_MalformedYaml_IsReportedWithLine()
    {
        var d = Fixtures.Single(Problems(Head + "  - { id: p, kind: personnel\n"), DiagnosticCodes.YamlSyntax);
        Assert.True(d.Line >= 7, d.ToString());
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReportedAtOnce()
    {
        var problems = Problems("""
            sendingState: XXX
            hostState: JPN
            purpose: war
            start: 2027-03-01
            end: 2027-01-01
            elements:
              - { id: a, kind: tank, count: 1 }
              - { id: b, kind: vehicle, count: -1 }
            """);
        Assert.Equal(
            [DiagnosticCodes.UnknownState, DiagnosticCodes.UnknownVocabulary, DiagnosticCodes.EndBeforeStart, DiagnosticCodes.UnknownElementKind, DiagnosticCodes.NegativeCount],
            problems.Select(d => d.Code));
    }

    [Fact]
    public void LoadTemplate_FixtureTemplate_BuildsAPlanPerPair()
    {
        var template = PlanLoader.LoadTemplate(Path.Combine(Fixtures.DataDirectory, "parameters", FrictionMatrix.TemplateFile)).GetValueOrThrow();
        var plan = template.For("GBR", "JPN", new DateOnly(2027, 1, 1));
        Assert.Equal(new DateOnly(2027, 1, 14), plan.End);
        Assert.True(plan.CooperativeActivity);
    }

    [Fact]
    public void LoadTemplate_WithStates_IsReported()
    {
        using var data = new RulesData().Write("parameters/friction-plan.yaml", "hostState: JPN\npurpose: exercise\ndurationDays: 3\nelements: []\n");
        var result = PlanLoader.LoadTemplate(Path.Combine(data.Root, "parameters", FrictionMatrix.TemplateFile));
        Fixtures.Single(result.Diagnostics, DiagnosticCodes.TemplateMismatch);
    }

    [Theory]
    [InlineData("start: 2027-03-01", "start: 0001-06-01", "end: 2027-03-10", "end: 0001-06-10", 4)] // crashed in DateOnly.AddDays (deadlines)
    [InlineData("start: 2027-03-01", "start: 1899-12-31", "end: 2027-03-10", "end: 1900-01-10", 4)]
    [InlineData("start: 2027-03-01", "start: 2027-03-01", "end: 2027-03-10", "end: 9999-12-31", 5)] // broke the ICS export
    public void Read_DateOutsideTheSupportedRange_GivesTrl025AtItsLine(string start, string newStart, string end, string newEnd, int line)
    {
        var problems = Problems(Head.Replace(start, newStart, StringComparison.Ordinal).Replace(end, newEnd, StringComparison.Ordinal)
            + "  - { id: team, kind: personnel, count: 1, category: member }\n");

        Assert.All(problems, d => Assert.Equal(DiagnosticCodes.DateOutOfRange, d.Code));
        Assert.Equal(line, problems[0].Line);
    }

    [Fact]
    public void Read_PlanAtTheBoundsOfTheSupportedRange_IsAccepted()
    {
        var text = Head.Replace("2027-03-01", "1900-01-01", StringComparison.Ordinal).Replace("2027-03-10", "2200-12-31", StringComparison.Ordinal)
            + "  - { id: team, kind: personnel, count: 1, category: member }\n";

        var result = Fixtures.ParsePlan(text);

        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal((Trellis.Registry.SupportedDates.First, Trellis.Registry.SupportedDates.Last), (result.Value!.Start, result.Value.End));
    }
}
