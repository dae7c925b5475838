using Ical.Net;
using Trellis.Rules;

namespace Trellis.Tests.Rules;

public class AssessmentExportsTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 28, 9, 30, 15, TimeSpan.Zero);

    private static Assessment Compared() =>
        Fixtures.Assessor.Compare(PlanLoader.Load(Fixtures.PlanFile("gbr-exercise.yaml"), Fixtures.Registry).GetValueOrThrow(), new AssessOptions());

    [Fact]
    public void Ics_ParsesBackWithOneEventPerRequirementPlusTheActivity()
    {
        var a = Compared();
        var calendar = Calendar.Load(AssessmentExports.Ics(a, Stamp))!;

        var deadlines = a.Requirements.Where(r => r.Deadline is not null).ToArray();
        Assert.Equal(a.Requirements.Count + 1, calendar.Events.Count);
        foreach (var r in deadlines)
        {
            var e = Assert.Single(calendar.Events, e => e.Uid == $"{r.Rule}-gbr-jpn-20270301@trellis");
            Assert.Equal(r.Deadline, e.Start!.Date);
            Assert.False(e.Start.HasTime);
            Assert.Contains(r.Basis.Url, e.Description, StringComparison.Ordinal);
            Assert.Contains(r.Basis.Article, e.Description, StringComparison.Ordinal);
        }

        Assert.All(calendar.Events, e => Assert.Equal(new DateTime(2026, 11, 28, 9, 30, 15, DateTimeKind.Utc), e.DtStamp!.AsUtc));
        var activity = Assert.Single(calendar.Events, e => e.Uid == "activity-gbr-jpn-20270301@trellis");
        Assert.All(a.Requirements.Where(r => r.Deadline is null), r => Assert.Contains(r.Title, activity.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void Ics_UnknownLeadTime_IsAnEventOnTheArrivalDayTitledUnknown_NotASilentDeadline()
    {
        // Issue 13: a filing whose lead time no source gives must show in the calendar, on the arrival day, as unknown.
        var a = Compared();
        var calendar = Calendar.Load(AssessmentExports.Ics(a, Stamp))!;

        var unknown = a.Requirements.Where(r => r.Deadline is null).ToArray();
        Assert.NotEmpty(unknown);
        foreach (var r in unknown)
        {
            var e = Assert.Single(calendar.Events, e => e.Uid == $"{r.Rule}-gbr-jpn-20270301@trellis");
            Assert.Equal(a.Plan.Start, e.Start!.Date);
            Assert.StartsWith("Lead time unknown: ", e.Summary, StringComparison.Ordinal);
            Assert.Contains("the deadline is unknown", e.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ics_IsRfc5545_CrlfFoldedWithUidAndDtstampInEveryEvent()
    {
        var ics = AssessmentExports.Ics(Compared(), Stamp);

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        var lines = ics.Split("\r\n");
        Assert.DoesNotContain(lines, l => l.Contains('\n', StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75, $"unfolded line: {l}"));
        Assert.Contains("PRODID:-//Trellis//Assessment//EN", lines);
        var events = ics.Split("BEGIN:VEVENT").Skip(1).ToArray();
        Assert.All(events, e =>
        {
            Assert.Contains("\r\nUID:", e, StringComparison.Ordinal);
            Assert.Contains("\r\nDTSTAMP:20261128T093015Z\r\n", e, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Markdown_HasHeadingAndEveryRequirementsCitationAndLeadTimeUnderItsAuthority()
    {
        var a = Compared();
        var md = AssessmentExports.Markdown(a);

        Assert.StartsWith("# Fixture exercise in Japan\n", md, StringComparison.Ordinal);
        Assert.Contains("Sending state **GBR**, host state **JPN**", md, StringComparison.Ordinal);
        Assert.Contains("2027-03-01 to 2027-03-14 (inclusive). Law date **2027-03-01**.", md, StringComparison.Ordinal);
        foreach (var group in AssessmentExports.ByAuthority(a))
        {
            var section = md.IndexOf($"\n### {group.Key}\n", StringComparison.Ordinal);
            Assert.True(section > 0, $"no section for {group.Key}");
            foreach (var r in group)
            {
                var item = md.IndexOf($"- [ ] **{AssessmentExports.Day(r.Deadline)}** {r.Kind} ×{r.Count} ({r.Per}): {r.Title}", section, StringComparison.Ordinal);
                Assert.True(item > section, $"{r.Rule} is not listed under {group.Key}");
                var lines = md[item..].Split('\n').Skip(1).TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal)).ToArray();
                Assert.Contains(lines, l => l.Contains($"lead time {AssessmentExports.LeadTime(r)}; rule `{r.Rule}`", StringComparison.Ordinal));
                Assert.Contains(lines, l => l.Contains($"[{r.Basis.Instrument}, {r.Basis.Article}", StringComparison.Ordinal) && l.Contains($"(<{r.Basis.Url}>)", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Markdown_Compared_ListsWhatTheAgreementsRemovedAndTheUnknownsToResolve()
    {
        var a = Compared();
        var md = AssessmentExports.Markdown(a);

        Assert.Contains("## What the agreements removed", md, StringComparison.Ordinal);
        Assert.Contains("`gbr-jpn-raa.entry.visa-exemption` (waive)", md, StringComparison.Ordinal);
        Assert.Contains("## Without the agreements", md, StringComparison.Ordinal);
        Assert.Contains("Prohibited without the agreements: No possession of firearms", md, StringComparison.Ordinal);
        Assert.Contains("## Unknowns to resolve", md, StringComparison.Ordinal);
        Assert.All(a.Unknowns, u => Assert.Contains($"- [ ] `{u.Rule}` ({u.Field})", md, StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_WithoutComparison_HasNoBaselineSection()
    {
        var plan = PlanLoader.Load(Fixtures.PlanFile("gbr-exercise.yaml"), Fixtures.Registry).GetValueOrThrow();
        var md = AssessmentExports.Markdown(Fixtures.Assessor.Assess(plan));

        Assert.DoesNotContain("## Without the agreements", md, StringComparison.Ordinal);
    }
}
