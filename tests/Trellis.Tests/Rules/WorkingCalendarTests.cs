using Trellis.Rules;

namespace Trellis.Tests.Rules;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Japan = new("JPN", [new DateOnly(2027, 2, 11)]);

    [Theory]
    [InlineData("2027-02-15", 0, "2027-02-15")] // zero working days: the start itself
    [InlineData("2027-02-15", 1, "2027-02-12")] // Monday → Friday, skipping the weekend
    [InlineData("2027-02-15", 2, "2027-02-10")] // ... and Thursday 11 February, a holiday
    [InlineData("2027-02-14", 1, "2027-02-12")] // a start on Sunday
    public void WorkingDaysBefore_SkipsWeekendsAndHolidays(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Japan.WorkingDaysBefore(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void OnOrBefore_Holiday_GoesBackToTheLastWorkingDay() =>
        Assert.Equal(new DateOnly(2027, 2, 10), Japan.OnOrBefore(new DateOnly(2027, 2, 11)));

    [Fact]
    public void CoversYear_OnlyYearsWithAHoliday()
    {
        Assert.True(Japan.CoversYear(2027));
        Assert.False(Japan.CoversYear(2028));
    }
}
