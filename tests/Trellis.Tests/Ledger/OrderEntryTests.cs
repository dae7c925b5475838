using Trellis.Diagnostics;
using Trellis.Ledger;
using static Trellis.Tests.Ledger.LedgerFixture;

namespace Trellis.Tests.Ledger;

/// <summary>Orders checked at entry against the agreement they rest on (issue 12 §2), on the bundled terms: each refusal with its code and citation.</summary>
public class OrderEntryTests
{
    private static OrderEntryResult Check(OrderDraft draft) => OrderEntry.Check(draft, Data, Book);

    private static Diagnostic Only(OrderEntryResult result, string code)
    {
        var matching = result.Diagnostics.Where(d => d.Code == code).ToArray();
        Assert.True(matching.Length == 1, $"expected one {code}, got: {string.Join(Environment.NewLine, result.Diagnostics)}");
        return matching[0];
    }

    private static Diagnostic Refused(OrderDraft draft, string code)
    {
        var result = Check(draft);
        Assert.True(result.Refused, $"expected a refusal with {code}");
        var d = Only(result, code);
        Assert.Equal(Severity.Error, d.Severity);
        return d;
    }

    [Fact]
    public void FuelFromTheRoyalNavy_IsAcceptedWithItsValueCitationAndTimeLimit()
    {
        var result = Check(FuelFromTheRoyalNavy());
        Assert.Empty(result.Diagnostics);
        var line = Assert.Single(result.Order!.Lines);
        Assert.Equal(new Money(97_500m, Currencies.Gbp), line.Amount);
        Assert.Equal("goods", line.Kind);
        Assert.Contains("MOFA outline", line.Basis!.Instrument, StringComparison.Ordinal);
        Assert.Equal(Day("2028-03-10"), line.TimeLimit!.DueDate(Day("2027-03-10")));
        Assert.Equal(OrderStatus.Draft, result.Order.Status);
        Assert.Empty(result.Order.Flags);
    }

    [Fact]
    public void EmptyOrder_ReportsEveryMissingMinimumDataElementAtOnce()
    {
        var result = Check(new OrderDraft(null, null, null, null, null, null, null, null));
        Assert.True(result.Refused);
        var fields = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.OrderElementMissing).Select(d => d.File ?? "").ToArray();
        Assert.Equal(["agreement", "requestingOrg", "supplyingOrg", "date", "situation", "settlement", "officials", "lines"], fields);
    }

    [Fact]
    public void LineWithoutDescriptionUnitAndPrice_IsTRL510AtEachField()
    {
        var result = Check(FuelFromTheRoyalNavy(new OrderLineDraft("food", " ", 10m, null, null, "GBP")));
        Assert.True(result.Refused);
        Assert.Equal(["lines[1].description", "lines[1].unit", "lines[1].unitPrice"],
            result.Diagnostics.Where(d => d.Code == DiagnosticCodes.OrderElementMissing).Select(d => d.File ?? "").ToArray());
    }

    [Fact]
    public void MedicalLineWithoutKind_IsTRL510_ForMedicalHoldsGoodsAndServices()
    {
        Assert.Equal("lines[1].kind", Refused(FuelFromTheRoyalNavy(new OrderLineDraft("medical", "first aid", 1m, "kit", 10m, "GBP")), DiagnosticCodes.OrderElementMissing).File);
        Assert.False(Check(FuelFromTheRoyalNavy(new OrderLineDraft("medical", "first aid", 1m, "kit", 10m, "GBP", "goods"))).Refused);
    }

    [Fact]
    public void AgreementNotYetInForce_IsRefusedWithTheReason()
    {
        // The Japan–UK ACSA's entry into force is known only to the year (2017), read as 2017-12-31.
        var d = Refused(FuelFromTheRoyalNavy() with { Date = Day("2017-06-01") }, DiagnosticCodes.AgreementNotGoverning);
        Assert.Contains("not in force on 2017-06-01", d.Message, StringComparison.Ordinal);
        Assert.Contains("known only to the month or year", d.Message, StringComparison.Ordinal);
        Assert.False(Check(FuelFromTheRoyalNavy() with { Date = Day("2017-12-31") }).Refused);
    }

    [Fact]
    public void AgreementSignedButNotInForce_IsTRL511()
    {
        var draft = FuelFromTheRoyalNavy() with { Agreement = "jpn-phl-logistics", Supplying = new(RoyalNavy, "PHL") };
        Assert.Contains("not in force", Refused(draft, DiagnosticCodes.AgreementNotGoverning).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gbr-jpn-raa", "not a logistics agreement")]
    [InlineData("jpn-usa-logistics", "not between JPN and GBR")]
    [InlineData("gbr-jpn-acsa", "no agreement")]
    public void AgreementThatCannotGovern_IsTRL511(string agreement, string reason)
    {
        var d = Refused(FuelFromTheRoyalNavy() with { Agreement = agreement }, DiagnosticCodes.AgreementNotGoverning);
        Assert.Contains(reason, d.Message, StringComparison.Ordinal);
        Assert.Equal("agreement", d.File);
    }

    [Fact]
    public void AmmunitionFromJapanUnderTheJapanUsAcsaIn2000_IsExcludedWithTheCitation()
    {
        var draft = new OrderDraft("jpn-usa-logistics", UsSide, JapanSide, Day("2000-05-01"), new("training"), "cash",
            [new("ammunition", "5.56 mm", 1000m, "round", 0.5m, "USD")], [new("us-official", OrderSide.Requesting)]);
        var d = Refused(draft, DiagnosticCodes.CategoryExcluded);
        Assert.Equal("lines[1].category", d.File);
        Assert.Contains("White Paper", d.Message, StringComparison.Ordinal);
        Assert.Contains("confidence high", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmmunitionUnderTheJapanUsAcsaIn2010ForTraining_IsTRL516_ArmedAttackOnly()
    {
        var draft = new OrderDraft("jpn-usa-logistics", UsSide, JapanSide, Day("2010-05-01"), new("training"), "cash",
            [new("ammunition", "5.56 mm", 1000m, "round", 0.5m, "USD")], [new("us-official", OrderSide.Requesting)]);
        var d = Refused(draft, DiagnosticCodes.CategoryNotInSituation);
        Assert.Contains("only in armed-attack", d.Message, StringComparison.Ordinal);
        Assert.Contains("White Paper", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeaponsSuppliedByTheSdf_AreRefusedCitingTheSdfAct()
    {
        var draft = new OrderDraft("gbr-jpn-logistics", UkSide, JapanSide, Day("2027-03-01"), new("training"), "cash",
            [new("weapons", "rifles", 10m, "each", 1000m, "JPY")], [new(UkApprover.UserId, OrderSide.Requesting)]);
        var d = Refused(draft, DiagnosticCodes.CategoryExcluded);
        Assert.Contains("JPN's own law", d.Message, StringComparison.Ordinal);
        Assert.Contains("Art. 100-6(4)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CategoryWhoseCoverageIsUnknown_IsAcceptedWithAFlag()
    {
        var result = Check(FuelFromTheRoyalNavy(new OrderLineDraft("calibration", "gyro calibration", 1m, "job", 1200m, "GBP")) with { Settlement = "cash" });
        Assert.False(result.Refused);
        var d = Only(result, DiagnosticCodes.CategoryCoverageUnknown);
        Assert.Equal(Severity.Warning, d.Severity);
        var flag = Assert.Single(result.Order!.Flags);
        Assert.Equal(("TRL513", "lines[1].category"), (flag.Code, flag.Field));
        Assert.True(result.Order.ReviewPending);
    }

    [Fact]
    public void SettlementTheAgreementDoesNotAllowForGoods_IsTRL514WithTheCitation()
    {
        var d = Refused(FuelFromTheRoyalNavy() with { Settlement = "equal-value-exchange" }, DiagnosticCodes.SettlementNotAllowed);
        Assert.Contains("for goods", d.Message, StringComparison.Ordinal);
        Assert.Contains("Board of Audit", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SituationNotInTheAgreementsCompleteList_IsTRL515()
    {
        var d = Refused(FuelFromTheRoyalNavy() with { Situation = new("port-visit") }, DiagnosticCodes.SituationNotCovered);
        Assert.Contains("liaison-routine", d.Message, StringComparison.Ordinal);
        Assert.Contains("MOFA outline", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SituationNotInAnIncompleteList_IsFlaggedNotRefused()
    {
        var draft = new OrderDraft("jpn-usa-logistics", UsSide, JapanSide, Day("2020-05-01"), new("port-visit"), "cash",
            [new("food", "rations", 100m, "each", 10m, "USD")], [new("us-official", OrderSide.Requesting)]);
        var result = Check(draft);
        Assert.False(result.Refused);
        Assert.Equal(Severity.Warning, Only(result, DiagnosticCodes.SituationCoverageUnknown).Severity);
    }

    [Fact]
    public void UnknownSettlementTerms_AreFlagged()
    {
        // The Japan–US ACSA's methods are dated from 2017-04-25 (the 1996 text's article was not read).
        var draft = new OrderDraft("jpn-usa-logistics", UsSide, JapanSide, Day("2010-05-01"), new("training"), "cash",
            [new("food", "rations", 100m, "each", 10m, "USD")], [new("us-official", OrderSide.Requesting)]);
        var result = Check(draft);
        Assert.False(result.Refused);
        Assert.Contains(result.Order!.Flags, f => f.Code == DiagnosticCodes.SettlementUnknown);
        Assert.Null(result.Order.Lines[0].TimeLimit);
    }

    [Theory]
    [InlineData("CNY")]
    [InlineData("XAU")]
    [InlineData("pounds")]
    public void CurrencyOutsideTheTable_IsTRL519(string code) =>
        Assert.Equal("lines[1].currency", Refused(FuelFromTheRoyalNavy(new OrderLineDraft("food", "rations", 1m, "each", 1m, code)), DiagnosticCodes.CurrencyNotSupported).File);

    [Fact]
    public void ValuesAnOrderCannotHave_AreTRL520()
    {
        Assert.Equal("lines[1].quantity", Refused(FuelFromTheRoyalNavy(new OrderLineDraft("food", "rations", 0m, "each", 1m, "GBP")), DiagnosticCodes.InvalidOrderValue).File);
        Assert.Equal("lines[1].unitPrice", Refused(FuelFromTheRoyalNavy(new OrderLineDraft("food", "rations", 1m, "each", -1m, "GBP")), DiagnosticCodes.InvalidOrderValue).File);
        Assert.Equal("supplyingOrg", Refused(FuelFromTheRoyalNavy() with { Supplying = new(RoyalNavy, "JPN") }, DiagnosticCodes.InvalidOrderValue).File);
        Assert.Equal("situation.exercise", Refused(FuelFromTheRoyalNavy() with { Situation = new("training", "no-such-exercise") }, DiagnosticCodes.InvalidOrderValue).File);
    }

    [Fact]
    public void CategoryOutsideTheVocabulary_IsTRL502()
    {
        var result = Check(FuelFromTheRoyalNavy(new OrderLineDraft("fuel", "diesel", 1m, "litre", 1m, "GBP")));
        Assert.Equal("lines[1].category", Only(result, DiagnosticCodes.UnknownLogisticsTerm).File);
    }

    [Fact]
    public void LineValue_IsRoundedOnceAtTheMinorUnit_HalfAwayFromZero()
    {
        var result = Check(FuelFromTheRoyalNavy(
            new OrderLineDraft("food", "rations", 3m, "each", 0.125m, "GBP"),
            new OrderLineDraft("water", "bottled", 3m, "litre", 0.5m, "JPY")));
        Assert.Equal(new Money(0.38m, Currencies.Gbp), result.Order!.Lines[0].Amount);
        Assert.Equal(new Money(2m, Currencies.Jpy), result.Order.Lines[1].Amount);
    }
}
