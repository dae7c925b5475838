using Trellis.Diagnostics;
using Trellis.Exercises;
using Trellis.Tests.Rules;

namespace Trellis.Tests.Exercises;

/// <summary>Bad exercise events get coded diagnostics naming file and line (issue 11 §2).</summary>
public class EventLoaderTests
{
    private static Trellis.Registry.AgreementRegistry Registry => EventAssessorTests.Bundled.Value.Registry;

    private static readonly string Samples = Repo.Path_("samples", "events");

    private static LoadResult<ExerciseEvent> Parse(string yaml) => EventLoader.Parse(yaml, "event.yaml", Samples, Registry);

    private const string Valid = """
        name: Test event
        hosts: [USA]
        start: 2028-06-26
        end: 2028-08-02
        participants: [USA, JPN, GBR]
        """;

    [Fact]
    public void Parse_ValidEvent_HasHostAndSendingStates()
    {
        var ev = Parse(Valid).GetValueOrThrow();
        Assert.Equal("USA", ev.HeldIn);
        Assert.Equal(["JPN", "GBR"], ev.SendingStates);
        Assert.Empty(ev.Plans);
    }

    [Fact]
    public void Parse_UnknownParticipant_IsTrl010AtItsLine()
    {
        var d = Fixtures.Single(Parse(Valid.Replace("GBR]", "XXX]", StringComparison.Ordinal)).Diagnostics, "TRL010");
        Assert.Equal(("event.yaml", 5), (d.File, d.Line));
    }

    [Fact]
    public void Parse_PlanForANonParticipant_IsTrl212()
    {
        var d = Fixtures.Single(Parse(Valid + "\nplans:\n  AUS: ../plans/jpn-exercise-in-australia.yaml\n").Diagnostics, "TRL213");
        Assert.Equal(7, d.Line);
    }

    [Fact]
    public void Parse_PlanForTheHost_IsTrl212_TheHostsForcesAreNotAssessed()
    {
        var d = Fixtures.Single(Parse(Valid + "\nplans:\n  USA: ../plans/jpn-rimpac-like-exercise-in-hawaii.yaml\n").Diagnostics, "TRL213");
        Assert.Contains("not assessed", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeldInNotAHost_IsTrl215() =>
        Fixtures.Single(Parse(Valid + "\nheldIn: JPN\n").Diagnostics, "TRL216");

    [Fact]
    public void Parse_UnknownFieldAndPartialDate_AreReported()
    {
        var result = Parse(Valid.Replace("start: 2028-06-26", "start: 2028-06", StringComparison.Ordinal) + "\nparticipant: [AUS]\n");
        Assert.Contains(result.Diagnostics, d => d.Code == "TRL002");
        Assert.Contains(result.Diagnostics, d => d.Code == "TRL020" && d.Line == 3);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Parse_EndBeforeStart_IsTrl024() =>
        Fixtures.Single(Parse(Valid.Replace("end: 2028-08-02", "end: 2028-06-01", StringComparison.Ordinal)).Diagnostics, "TRL024");

    [Fact]
    public void Assess_PlanOfAnotherState_IsTrl213()
    {
        var (_, assessor, template) = EventAssessorTests.Bundled.Value;
        var ev = Parse(Valid + "\nplans:\n  GBR: ../plans/jpn-rimpac-like-exercise-in-hawaii.yaml\n").GetValueOrThrow();
        Fixtures.Single(EventAssessor.Assess(assessor, ev, template).Diagnostics, "TRL214");
    }

    [Fact]
    public void Assess_PlanOutsideTheEventsDays_IsAWarning()
    {
        var (_, assessor, template) = EventAssessorTests.Bundled.Value;
        var ev = Parse(Valid.Replace("2028", "2030", StringComparison.Ordinal) + "\nplans:\n  JPN: ../plans/jpn-rimpac-like-exercise-in-hawaii.yaml\n").GetValueOrThrow();
        var result = EventAssessor.Assess(assessor, ev, template);
        Assert.False(result.HasErrors);
        Assert.Contains(result.Value!.Warnings, w => w.Contains("TRL217", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nichi-gou-trident", "2025")] // a start and no end
    [InlineData("talisman-sabre", "2023")]    // no dates at all
    public void FromEdition_WithoutExactDays_IsTrl214NamingIt(string id, string year)
    {
        var d = Fixtures.Single(EventLoader.FromEdition(Registry, id, year).Diagnostics, "TRL215");
        Assert.Contains($"{id} {year}", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEdition_UnknownExercise_IsTrl901WithASuggestion() =>
        Assert.Contains("rimpac", Fixtures.Single(EventLoader.FromEdition(Registry, "rimpak", "2024").Diagnostics, "TRL901").Message, StringComparison.Ordinal);

    [Fact]
    public void FromEdition_UnknownYear_IsTrl901ListingTheEditions() =>
        Assert.Contains("2024", Fixtures.Single(EventLoader.FromEdition(Registry, "rimpac", "2026").Diagnostics, "TRL901").Message, StringComparison.Ordinal);

    [Fact]
    public void FromEdition_TwoEditionsInAYear_AsksForTheName()
    {
        Fixtures.Single(EventLoader.FromEdition(Registry, "vigilant-isles", "2025").Diagnostics, "TRL900");
        Assert.Equal(new DateOnly(2025, 1, 15), EventLoader.FromEdition(Registry, "vigilant-isles", "VI24").GetValueOrThrow().Start);
    }

    [Fact]
    public void WithPlans_StateNotSending_IsTrl212() =>
        Fixtures.Single(EventLoader.WithPlans(Parse(Valid).GetValueOrThrow(), [("AUS", "x.yaml")], Registry).Diagnostics, "TRL213");

    [Fact]
    public void SampleEvent_ValidatesAgainstItsSchemaAndReferencesIt()
    {
        SchemaCheck.AssertReferences("samples/events/rimpac-like-2028.yaml", "schemas/exercise-event.schema.json");
        var errors = SchemaCheck.Errors("schemas/exercise-event.schema.json", File.ReadAllText(Path.Combine(Samples, "rimpac-like-2028.yaml")));
        Assert.True(errors is null, errors);
        Assert.False(SchemaCheck.IsValid("schemas/exercise-event.schema.json", Valid + "\nparticipant: [AUS]\n"));
    }
}
