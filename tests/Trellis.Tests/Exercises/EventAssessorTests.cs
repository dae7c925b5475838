using Trellis.Exercises;
using Trellis.Registry;
using Trellis.Rules;
using Trellis.Tests.Rules;

namespace Trellis.Tests.Exercises;

/// <summary>Issue 11 §2 and issue 14 §3: an exercise edition from the bundled registry assessed per sending state.</summary>
public class EventAssessorTests
{
    internal static readonly Lazy<(AgreementRegistry Registry, Assessor Assessor, PlanTemplate Template)> Bundled = new(() =>
    {
        var registry = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        var assessor = new Assessor(registry, RuleBook.Load(registry).GetValueOrThrow(), new FixedClock(new DateOnly(2024, 3, 1)));
        var template = PlanLoader.LoadTemplate(Path.Combine(Repo.Data, RuleBook.ParametersFolder, FrictionMatrix.TemplateFile)).GetValueOrThrow();
        return (registry, assessor, template);
    });

    private static readonly Lazy<EventAssessment> Rimpac2024 = new(() =>
    {
        var (registry, assessor, template) = Bundled.Value;
        var ev = EventLoader.FromEdition(registry, "rimpac", "2024").GetValueOrThrow();
        return EventAssessor.Assess(assessor, ev, template).GetValueOrThrow();
    });

    private static EventParticipant Of(string sending) => Rimpac2024.Value.Participants.Single(p => p.Sending == sending);

    [Fact]
    public void Rimpac2024_UnitedStatesIsHost_AndIsNotAssessed()
    {
        var r = Rimpac2024.Value;
        Assert.True(r.HostHasBaseline);
        Assert.Equal("USA", r.Event.HeldIn);
        Assert.DoesNotContain(r.Participants, p => p.Sending == "USA");
        Assert.Equal("host", Assert.Single(r.NotAssessed, n => n.State == "USA").Reason);
        Assert.Equal(16, r.Participants.Count); // 17 participants less the host
        Assert.All(r.Participants, p => Assert.Equal("USA", p.Assessment.Plan.HostState));
    }

    [Fact]
    public void Rimpac2024_Japan_GetsTheUsBaselineOnly()
    {
        var jpn = Of("JPN");
        Assert.True(jpn.NoAgreement);
        Assert.Empty(jpn.Agreements);
        Assert.Equal(["baseline-usa"], jpn.Assessment.Instruments.Select(i => i.Id));
        Assert.Contains(jpn.Skipped, s => s.Id == "jpn-usa-sofa" && s.Reason == "other-direction");
        Assert.Equal(jpn.BaselineFilings, jpn.Filings);
        Assert.Contains("JPN", Rimpac2024.Value.WithoutAgreement);
    }

    [Fact]
    public void Rimpac2024_UnitedKingdom_GetsTheNatoSofa()
    {
        var gbr = Of("GBR");
        Assert.False(gbr.NoAgreement);
        Assert.Contains("nato-sofa", gbr.Agreements);
        Assert.True(gbr.Filings < gbr.BaselineFilings);
        Assert.DoesNotContain("GBR", Rimpac2024.Value.WithoutAgreement);
    }

    [Fact]
    public void Rimpac2024_ParticipantWithNoAgreement_IsFlagged()
    {
        var ind = Of("IND");
        Assert.True(ind.NoAgreement);
        Assert.StartsWith("No agreement applies to India in the United States", ind.Note, StringComparison.Ordinal);
        Assert.Contains("IND", Rimpac2024.Value.WithoutAgreement);
        Assert.Equal("phl-usa-vfa-counterpart", Assert.Single(Of("PHL").Agreements));
    }

    [Fact]
    public void Rimpac2024_UnknownLeadTimes_LeaveTheLongestUnknown_NeverZero()
    {
        Assert.All(Rimpac2024.Value.Participants.Where(p => p.Assessment.Summary.UnknownLeadTimes > 0), p => Assert.Null(p.LongestLeadDays));
        Assert.Contains(Rimpac2024.Value.Participants, p => p.LongestLeadDays is null);
    }

    [Fact]
    public void Rimpac2024_TemplatePlans_RunOverTheEditionsDays()
    {
        var aus = Of("AUS");
        Assert.Equal("template", aus.Plan);
        Assert.Equal(new DateOnly(2024, 6, 27), aus.Start);
        Assert.Equal(new DateOnly(2024, 8, 1), aus.End);
        Assert.Equal(new DateOnly(2024, 6, 27), aus.Assessment.LawDate);
    }

    [Fact]
    public void Assess_OwnPlanForJapan_IsAssessedInsteadOfTheTemplate()
    {
        var (registry, assessor, template) = Bundled.Value;
        var ev = EventLoader.Load(Repo.Path_("samples", "events", "rimpac-like-2028.yaml"), registry).GetValueOrThrow();
        var r = EventAssessor.Assess(assessor, ev, template).GetValueOrThrow();
        var jpn = r.Participants.Single(p => p.Sending == "JPN");
        Assert.Equal("file", jpn.Plan);
        Assert.Contains("destroyer", jpn.Assessment.Requirements.SelectMany(q => q.Elements));
        Assert.Equal(new DateOnly(2028, 6, 26), jpn.Start);
        Assert.All(r.Participants.Where(p => p.Sending != "JPN"), p => Assert.Equal("template", p.Plan));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Assess_HostWithoutBaseline_SaysSoAndAssessesNothing()
    {
        var (registry, assessor, template) = Bundled.Value;
        var ev = EventLoader.FromEdition(registry, "malabar", "2025");
        Assert.Contains(ev.Diagnostics, d => d.Code == "TRL218"); // several hosts, none named: the first (IND)
        var r = EventAssessor.Assess(assessor, ev.GetValueOrThrow(), template).GetValueOrThrow();
        Assert.False(r.HostHasBaseline);
        Assert.Contains("no baseline for India", r.NoBaseline, StringComparison.Ordinal);
        Assert.Empty(r.Participants);
        Assert.Contains(r.NotAssessed, n => n.Reason == "no-baseline");
    }

    [Fact]
    public void FromEdition_HeldInACoHost_AssessesTheOtherHostsForces()
    {
        var (registry, assessor, template) = Bundled.Value;
        var ev = EventLoader.FromEdition(registry, "balikatan", "2025", heldIn: "PHL");
        Assert.DoesNotContain(ev.Diagnostics, d => d.Code == "TRL218");
        var r = EventAssessor.Assess(assessor, ev.GetValueOrThrow(), template).GetValueOrThrow();
        Assert.Contains(r.Participants, p => p.Sending == "USA");
        Assert.DoesNotContain(r.Participants, p => p.Sending == "PHL");
    }
}
