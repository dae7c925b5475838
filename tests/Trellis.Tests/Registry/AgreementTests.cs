using Trellis.Registry;

namespace Trellis.Tests.Registry;

public class AgreementTests
{
    private static Agreement Make(string? negotiating = null, string? signed = null, string? inForce = null, string? ended = null) =>
        new("gbr-jpn-raa", "t", "s", AgreementType.Raa, ["GBR", "JPN"],
            negotiating is null ? null : PartialDate.Parse(negotiating),
            signed is null ? null : PartialDate.Parse(signed),
            inForce is null ? null : PartialDate.Parse(inForce),
            ended is null ? null : PartialDate.Parse(ended),
            [new Source("https://example.org", null)], Confidence.High);

    [Theory]
    [InlineData("2021-10-06", AgreementStatus.None)]
    [InlineData("2021-10-07", AgreementStatus.Negotiating)]
    [InlineData("2023-01-10", AgreementStatus.Negotiating)]
    [InlineData("2023-01-11", AgreementStatus.Signed)]
    [InlineData("2023-10-14", AgreementStatus.Signed)]
    [InlineData("2023-10-15", AgreementStatus.InForce)]
    [InlineData("2030-01-01", AgreementStatus.InForce)]
    public void StatusOn_DaysAroundEachStep_FollowsTheLifecycle(string day, AgreementStatus expected)
    {
        var raa = Make(negotiating: "2021-10-07", signed: "2023-01-11", inForce: "2023-10-15");
        Assert.Equal(expected, raa.StatusOn(DateOnly.Parse(day)));
    }

    [Fact]
    public void StatusOn_EndedIsExclusive_LastDayInForceIsTheDayBefore()
    {
        var acsa = Make(signed: "2010-05-19", inForce: "2013-01-31", ended: "2017-09-06");
        Assert.Equal(AgreementStatus.InForce, acsa.StatusOn(new DateOnly(2017, 9, 5)));
        Assert.Equal(AgreementStatus.Ended, acsa.StatusOn(new DateOnly(2017, 9, 6)));
    }

    [Fact]
    public void StatusOn_SignedWithoutRecordedEntryIntoForce_StaysSigned()
    {
        Assert.Equal(AgreementStatus.Signed, Make(signed: "2025-12-19").StatusOn(new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public void StatusOn_YearOnlyEntryIntoForce_IsInForceOnlyFromLastDayOfYear()
    {
        var acsa = Make(signed: "2017-01-26", inForce: "2017");
        Assert.Equal(AgreementStatus.Signed, acsa.StatusOn(new DateOnly(2017, 7, 1)));
        Assert.Equal(AgreementStatus.InForce, acsa.StatusOn(new DateOnly(2017, 12, 31)));
        Assert.Equal(AgreementStatus.InForce, acsa.StatusOn(new DateOnly(2017, 7, 1), PartialDatePolicy.Earliest));
    }

    [Fact]
    public void Constructor_OneParty_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Agreement("x", "t", "s", AgreementType.Raa, ["JPN"], null,
            PartialDate.Parse("2020"), null, null, [], Confidence.Low));
    }
}
