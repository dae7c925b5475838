using Trellis.Registry;

namespace Trellis.Tests.Registry;

public class PartialDateTests
{
    [Theory]
    [InlineData("2023-10-15", DatePrecision.Day, "2023-10-15", "2023-10-15")]
    [InlineData("2019-07", DatePrecision.Month, "2019-07-01", "2019-07-31")]
    [InlineData("2024-02", DatePrecision.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2017", DatePrecision.Year, "2017-01-01", "2017-12-31")]
    public void Parse_ValidText_GivesPrecisionAndRange(string text, DatePrecision precision, string first, string last)
    {
        var date = PartialDate.Parse(text);
        Assert.Equal(precision, date.Precision);
        Assert.Equal(DateOnly.Parse(first), date.First);
        Assert.Equal(DateOnly.Parse(last), date.Last);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2023-13-01")]
    [InlineData("2023-00")]
    [InlineData("23-01-01")]
    [InlineData("2023/01/01")]
    [InlineData("2023-1-1")]
    [InlineData("0000")]
    [InlineData("")]
    [InlineData("soon")]
    public void TryParse_ImpossibleOrMalformed_FailsWithReason(string text)
    {
        Assert.False(PartialDate.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParse_February30_SaysHowManyDaysTheMonthHas()
    {
        Assert.False(PartialDate.TryParse("2023-02-30", out _, out var error));
        Assert.Contains("28 days", error);
    }

    [Fact]
    public void IsOnOrBefore_YearOnly_UnderLatestPolicy_CountsFromLastDayOfYear()
    {
        var inForce = PartialDate.Parse("2017");
        Assert.False(inForce.IsOnOrBefore(new DateOnly(2017, 6, 30)));
        Assert.False(inForce.IsOnOrBefore(new DateOnly(2017, 12, 30)));
        Assert.True(inForce.IsOnOrBefore(new DateOnly(2017, 12, 31)));
    }

    [Fact]
    public void IsOnOrBefore_YearOnly_UnderEarliestPolicy_CountsFromFirstDayOfYear()
    {
        var inForce = PartialDate.Parse("2017");
        Assert.False(inForce.IsOnOrBefore(new DateOnly(2016, 12, 31), PartialDatePolicy.Earliest));
        Assert.True(inForce.IsOnOrBefore(new DateOnly(2017, 1, 1), PartialDatePolicy.Earliest));
    }

    [Fact]
    public void IsOnOrBefore_MonthOnly_UnderLatestPolicy_CountsFromLastDayOfMonth()
    {
        var inForce = PartialDate.Parse("2019-07");
        Assert.False(inForce.IsOnOrBefore(new DateOnly(2019, 7, 30)));
        Assert.True(inForce.IsOnOrBefore(new DateOnly(2019, 7, 31)));
    }

    [Fact]
    public void IsCertainlyBefore_OverlappingPartialDates_IsFalse()
    {
        Assert.False(PartialDate.Parse("2017").IsCertainlyBefore(PartialDate.Parse("2017-01-26")));
        Assert.False(PartialDate.Parse("2017-01-26").IsCertainlyBefore(PartialDate.Parse("2017")));
        Assert.True(PartialDate.Parse("2016").IsCertainlyBefore(PartialDate.Parse("2017-01-26")));
        Assert.True(PartialDate.Parse("2017-01-25").IsCertainlyBefore(PartialDate.Parse("2017-01-26")));
    }

    [Fact]
    public void CompareTo_OrdersByFirstDayThenPrecision()
    {
        var dates = new[] { "2017-03-01", "2017", "2016-12-31", "2017-01" }.Select(PartialDate.Parse).Order().Select(d => d.ToString());
        Assert.Equal(["2016-12-31", "2017", "2017-01", "2017-03-01"], dates);
    }
}
