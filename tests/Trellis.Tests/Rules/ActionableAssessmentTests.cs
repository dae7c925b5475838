using System.Text.Json;
using Trellis.Diagnostics;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

/// <summary>
/// Issue 13, "An assessment a planner can act on": an unknown stays unknown in every total,
/// summary, comparison and calendar; the day of the assessment decides what is overdue and
/// what can no longer be done; counts never overflow silently; nothing is left out in silence.
/// </summary>
public class ActionableAssessmentTests
{
    private static string Text(Assessment a)
    {
        var o = new StringWriter { NewLine = "\n" };
        AssessmentExports.WriteText(o, a);
        return o.ToString();
    }

    private static ActivityPlan RadiosAndTeam() => Fixtures.GbrInJapan("2027-03-01",
        "{ id: radios, kind: radio, count: 2 }",
        "{ id: team, kind: personnel, count: 4, category: member, documents: [passport] }");

    [Fact]
    public void Summary_AnUnknownLeadTime_MakesLongestAndSubmitByUnknownAndKeepsTheKnownOnesLabelled()
    {
        var s = Fixtures.Assessor.Assess(RadiosAndTeam()).Summary;

        Assert.Null(s.LongestLeadDays);
        Assert.Equal(30, s.LongestKnownLeadDays);
        Assert.Equal(1, s.UnknownLeadTimes);
        Assert.Null(s.LatestSafeSubmission);
        Assert.Equal(new DateOnly(2027, 1, 29), s.LatestSafeSubmissionKnownOnly); // 30 days back is Saturday 2027-01-30
    }

    [Fact]
    public void Text_UnknownLeadTimes_LeadsWithSubmitByCannotBeComputed()
    {
        var text = Text(Fixtures.Assessor.Assess(RadiosAndTeam()));

        var headline = text.Split('\n').First(l => l.StartsWith("Submit by:", StringComparison.Ordinal));
        Assert.Equal("Submit by: cannot be computed — 1 filing has an unknown lead time (listed below); the filings with known lead times must be in by 2027-01-29", headline);
        Assert.True(text.IndexOf(headline, StringComparison.Ordinal) < text.IndexOf("Immigration Services Agency", StringComparison.Ordinal), "the headline comes before the requirements");
        Assert.Contains("longest lead time unknown (1 unknown lead time(s); longest known 30 days); submit by: cannot be computed (known lead times only: 2027-01-29)", text);
    }

    [Fact]
    public void Summary_OnlyUnknownLeadTimes_IsNeverZeroDaysNorTheArrivalDay()
    {
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: radios, kind: radio, count: 2 }"));

        Assert.Null(a.Summary.LongestKnownLeadDays);
        Assert.Null(a.Summary.LatestSafeSubmissionKnownOnly);
        var text = Text(a);
        Assert.Contains("Submit by: cannot be computed — 1 filing has an unknown lead time (listed below); no filing has a known lead time", text);
        Assert.DoesNotContain("lead time 0 days", text);
        Assert.DoesNotContain("2027-03-01;", text);
    }

    [Fact]
    public void Compare_KnownPermitReplacedByClearanceWithUnknownLeadTime_IsNoSaving()
    {
        using var data = new RulesData();
        var rules = Path.Combine(data.Root, "agreements/gbr-jpn-raa/rules.yaml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("leadTime: { parameter: raa.clearance-lead-time }", "leadTime: { unknown: true }", StringComparison.Ordinal));
        var registry = data.Registry();
        var assessor = new Assessor(registry, data.Book().GetValueOrThrow(), new FixedClock(Fixtures.Today));

        var a = assessor.Compare(Fixtures.GbrInJapan("2027-03-01", "{ id: jets, kind: aircraft, count: 4 }"));

        Assert.Equal(10, a.Baseline!.LongestLeadDays);
        Assert.Null(a.Summary.LongestLeadDays);
        Assert.Null(a.Delta!.LongestLeadDays);
        var change = Assert.Single(a.Delta.LeadTimes);
        Assert.Equal(("jpn.aircraft.state-aircraft-permit", "gbr-jpn-raa.aircraft.clearance", "10 days", "unknown", 10, (int?)null, (int?)null),
            (change.Rule, change.By, change.From, change.To, change.FromDays, change.ToDays, change.ChangeDays));
        var text = Text(a);
        Assert.Contains("Lead time of jpn.aircraft.state-aircraft-permit, replaced by gbr-jpn-raa.aircraft.clearance: 10 days → unknown", text);
        Assert.DoesNotContain("longest lead time -", text);
    }

    [Fact]
    public void Compare_KnownLeadTimesOnBothSides_GiveTheChangeInDays()
    {
        var a = Fixtures.Assessor.Compare(Fixtures.GbrInJapan("2027-03-01", "{ id: jets, kind: aircraft, count: 1 }"));

        Assert.Equal(-3, a.Delta!.LongestLeadDays);
        var change = Assert.Single(a.Delta.LeadTimes);
        Assert.Equal(("10 days", "7 days (assumed: raa.clearance-lead-time)", -3), (change.From, change.To, change.ChangeDays));
    }

    [Fact]
    public void Compare_AgreementRemovesEveryRequirement_IsAKnownChangeFromNoLeadTime()
    {
        var a = Fixtures.Assessor.Compare(Fixtures.GbrInJapan("2027-03-01",
            "{ id: team, kind: personnel, count: 4, category: member, documents: [military-id, movement-order] }"));

        Assert.Empty(a.Requirements);
        Assert.Null(a.Summary.LongestLeadDays);
        Assert.Equal(-30, a.Delta!.LongestLeadDays);
    }

    [Fact]
    public void Json_SummaryAndRequirements_CarryTheNewFieldsWithNullForUnknown()
    {
        var a = Fixtures.Assessor.Assess(RadiosAndTeam(), new AssessOptions { Today = new DateOnly(2027, 2, 1) });
        using var doc = JsonDocument.Parse(Json.Serialize(a));
        var root = doc.RootElement;
        var s = root.GetProperty("summary");

        Assert.Equal("2027-02-01", root.GetProperty("madeOn").GetString());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("longestLeadDays").ValueKind);
        Assert.Equal(30, s.GetProperty("longestKnownLeadDays").GetInt32());
        Assert.Equal(1, s.GetProperty("unknownLeadTimes").GetInt32());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("latestSafeSubmission").ValueKind);
        Assert.Equal("2027-01-29", s.GetProperty("latestSafeSubmissionKnownOnly").GetString());
        Assert.Equal(1, s.GetProperty("overdue").GetInt32());
        Assert.True(s.GetProperty("feasible").GetBoolean());
        Assert.Equal(0, s.GetProperty("infeasibleReasons").GetArrayLength());
        var visa = root.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "jpn.entry.visa");
        Assert.True(visa.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public void Today_DeadlinePassed_IsOverdueAndTheTextLeadsWithIt()
    {
        var a = Fixtures.Assessor.Assess(RadiosAndTeam(), new AssessOptions { Today = new DateOnly(2027, 2, 1) });

        Assert.True(a.Requirements.Single(r => r.Rule == "jpn.entry.visa").Overdue);
        Assert.False(a.Requirements.Single(r => r.Rule == "jpn.radio.licence").Overdue); // unknown deadline: not known to be overdue
        Assert.Equal(1, a.Summary.Overdue);
        Assert.True(a.Summary.Feasible); // a late permit request may still be granted
        var text = Text(a);
        Assert.Contains("1 filing is already past its deadline (assessment made on 2027-02-01", text);
        Assert.Contains("Visa for each person entering Japan [OVERDUE]", text);
    }

    [Fact]
    public void Today_Default_IsTheAssessorsClock()
    {
        var a = Fixtures.Assessor.Assess(RadiosAndTeam());
        Assert.Equal(Fixtures.Today, a.MadeOn);
        Assert.Equal(0, a.Summary.Overdue);
    }

    [Fact]
    public void Today_AfterTheStart_MakesThePlanInfeasibleWithTheReason()
    {
        var a = Fixtures.Assessor.Assess(RadiosAndTeam(), new AssessOptions { Today = new DateOnly(2027, 3, 2) });

        Assert.False(a.Summary.Feasible);
        Assert.Contains(a.Summary.InfeasibleReasons, r => r.Contains("starts on 2027-03-01, before the day of this assessment (2027-03-02)", StringComparison.Ordinal));
        Assert.StartsWith("Not feasible: the activity starts on 2027-03-01", AssessmentExports.Headlines(a)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_CountsTimesPortCallsOverflow_IsCodedDiagnosticNamingTheElement()
    {
        // Issue 13: 100,000 vessel groups of 10,000,000 with 10,000,000 port calls each printed "fee ×-8446744073709551616".
        var elements = Enumerable.Range(0, 100_000)
            .Select(i => new PlanElement($"ships-{i}", ElementKind.Vessel, 10_000_000) { PortCalls = 10_000_000, Flags = ElementFlags.Warship })
            .ToArray();
        var plan = new ActivityPlan("GBR", "JPN", Purpose.Exercise, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 1), elements) { CooperativeActivity = true };

        var ex = Assert.Throws<DiagnosticException>(() => Fixtures.Assessor.Assess(plan));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(DiagnosticCodes.CountOverflow, d.Code);
        Assert.Contains("at element 'ships-", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Units_CountTimesEntriesOverflow_Throws()
    {
        var e = new PlanElement("jets", ElementKind.Aircraft, long.MaxValue / 2) { Entries = 3 };
        Assert.Throws<OverflowException>(() => e.Units(Multiplicity.Flight));
    }

    [Fact]
    public void Assess_KindTheBaselineDoesNotCover_IsACoverageUnknownAndATextLine()
    {
        // The fixture baseline of Japan has no rule for animals.
        var a = Fixtures.Assessor.Assess(Fixtures.GbrInJapan("2027-03-01", "{ id: dogs, kind: animal, count: 2, species: dog }"));

        var u = Assert.Single(a.Unknowns, u => u.Field == "coverage");
        Assert.Equal(("baseline-jpn", "dogs", "animal"), (u.Rule, u.Element, u.ElementKind));
        Assert.Equal("not researched: animals in Japan — settle by hand", u.Message);
        Assert.Contains("Not researched: animals in Japan — settle by hand (dogs)", Text(a));
    }

    [Fact]
    public void CheckPlan_HostWithoutBaseline_SaysNothingCanBeAssessedAndListsTheAgreementsInForce()
    {
        var plan = Fixtures.Plan("""
            sendingState: GBR
            hostState: FRA
            purpose: exercise
            start: 2027-03-01
            end: 2027-03-01
            elements: []
            """);

        var d = Assert.Single(Fixtures.Assessor.CheckPlan(plan));
        Assert.Equal(DiagnosticCodes.NoBaseline, d.Code);
        Assert.StartsWith("Trellis has no baseline for France: nothing can be assessed", d.Message, StringComparison.Ordinal);
        Assert.Contains("No agreement between the United Kingdom and France is in force on 2027-03-01", d.Message, StringComparison.Ordinal);
        Assert.Empty(Fixtures.Assessor.CheckPlan(Fixtures.GbrInJapan("2027-03-01")));
    }

    [Fact]
    public void Assess_NoCooperativeActivity_SaysWhichAgreementWouldApply()
    {
        var plan = Fixtures.Plan("""
            sendingState: GBR
            hostState: JPN
            purpose: exercise
            start: 2027-03-01
            end: 2027-03-01
            elements:
              - { id: team, kind: personnel, count: 3, category: member, documents: [military-id, movement-order] }
            """);
        var a = Fixtures.Assessor.Assess(plan);

        var skipped = Assert.Single(a.Skipped, s => s.Id == "gbr-jpn-raa");
        Assert.EndsWith("would apply if this is a mutually decided cooperative activity (`cooperativeActivity: true`)", skipped.Hint, StringComparison.Ordinal);
        Assert.Contains(AssessmentExports.Headlines(a), l => l.EndsWith("would apply if this is a mutually decided cooperative activity (`cooperativeActivity: true`)", StringComparison.Ordinal));
    }
}
