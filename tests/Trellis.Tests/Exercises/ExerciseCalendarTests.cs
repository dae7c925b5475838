using Trellis.Exercises;

namespace Trellis.Tests.Exercises;

public class ExerciseCalendarTests
{
    private static Trellis.Registry.AgreementRegistry Registry => EventAssessorTests.Bundled.Value.Registry;

    [Fact]
    public void Entries_AreSortedByFirstDay_AndFilteredByOverlap()
    {
        var all = ExerciseCalendar.Entries(Registry);
        Assert.Equal(all.OrderBy(e => e.From).Select(e => e.From), all.Select(e => e.From));
        var summer2024 = ExerciseCalendar.Entries(Registry, new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 31));
        Assert.Contains(summer2024, e => e.ExerciseId == "rimpac" && e.Year == 2024);
        Assert.DoesNotContain(summer2024, e => e.ExerciseId == "balikatan");
    }

    [Fact]
    public void Entries_PartialDates_KeepTheirPrecision()
    {
        var e = Assert.Single(ExerciseCalendar.Entries(Registry), x => x.ExerciseId == "vigilant-isles" && x.Start == "2025-11");
        Assert.False(e.ExactDates);
        Assert.Null(e.End);
    }

    [Fact]
    public void Ics_HasOneAllDayEventPerEditionWithExactDays()
    {
        var entries = ExerciseCalendar.Entries(Registry);
        var ics = ExerciseCalendar.Ics(entries, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Assert.Equal(entries.Count(e => e.ExactDates), ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("UID:rimpac-2024-20240627@trellis", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20240627", ics, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20240802", ics, StringComparison.Ordinal); // the day after the inclusive end
    }
}
