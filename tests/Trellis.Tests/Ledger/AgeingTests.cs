using Trellis.Cases;
using Trellis.Ledger;
using Trellis.Tests.Rules;
using static Trellis.Tests.Ledger.LedgerFixture;

namespace Trellis.Tests.Ledger;

/// <summary>Ageing of open obligations (issue 12 §5, core): buckets by days since delivery, due and overdue against a fake clock.</summary>
public class AgeingTests
{
    [Fact]
    public void AReplacementInKindObligation_AgesPastDueUnderAFakeClock()
    {
        var ledger = new OrderLedger(Data, Book, new FixedClock(Day("2027-03-01")));
        var id = ledger.Enter(JpnPlanner, FuelFromTheRoyalNavy()).Order!.Id;
        Assert.True(ledger.Move(JpnOfficial, id, Operation.OrderPlace, Day("2027-03-01")).Done);
        Assert.True(ledger.Move(UkApprover, id, Operation.OrderAccept, Day("2027-03-02")).Done);
        Assert.True(ledger.Move(UkPlanner, id, Operation.OrderDeliver, Day("2027-03-10")).Done);
        Assert.True(ledger.Move(JpnApprover, id, Operation.OrderReceive, Day("2027-03-11")).Done);
        Assert.True(ledger.Move(UkPlanner, id, Operation.OrderDeclareObligation, Day("2027-03-12")).Done);
        var open = ledger.OpenObligations();

        var onDelivery = Assert.Single(Ageing.Report(open, new FixedClock(Day("2027-03-10"))));
        Assert.Equal((AgeBucket.UpTo30Days, "GBR", "JPN"), (onDelivery.Bucket, onDelivery.Creditor, onDelivery.Debtor));
        Assert.Equal(new Money(97_500m, Currencies.Gbp), onDelivery.NotYetDue);

        Assert.Equal(AgeBucket.UpTo90Days, Assert.Single(Ageing.Report(open, new FixedClock(Day("2027-04-10")))).Bucket);
        var lastDay = Assert.Single(Ageing.Report(open, new FixedClock(Day("2028-03-10"))));
        Assert.Equal((AgeBucket.OverAYear, 97_500m, 0m), (lastDay.Bucket, lastDay.NotYetDue.Amount, lastDay.Overdue.Amount));
        var dayAfter = Assert.Single(Ageing.Report(open, new FixedClock(Day("2028-03-11"))));
        Assert.Equal((0m, 97_500m), (dayAfter.NotYetDue.Amount, dayAfter.Overdue.Amount));
        Assert.Empty(Ageing.Report(open, new FixedClock(Day("2027-03-09"))));
    }

    [Theory]
    [InlineData(0, AgeBucket.UpTo30Days)]
    [InlineData(30, AgeBucket.UpTo30Days)]
    [InlineData(31, AgeBucket.UpTo90Days)]
    [InlineData(90, AgeBucket.UpTo90Days)]
    [InlineData(91, AgeBucket.UpTo365Days)]
    [InlineData(365, AgeBucket.UpTo365Days)]
    [InlineData(366, AgeBucket.OverAYear)]
    public void Buckets_HaveInclusiveUpperBounds(int days, AgeBucket bucket) => Assert.Equal(bucket, Ageing.BucketOf(days));

    [Fact]
    public void AnUnknownTimeLimit_LeavesTheDueDateUnknownUntilSetByHand()
    {
        // The US–India LEMOA: cash, time limit in the annexed protocols, not found.
        var usArmy = new OrganisationRef(UsNavy, "USA");
        var indianNavy = new OrganisationRef(Guid.Parse("00000000-0000-0000-0000-0000000d0004"), "IND");
        var usOfficial = new Actor("us-official", UsNavy, "USA", [Role.Approver]);
        var usPlanner = new Actor("us-planner", UsNavy, "USA", [Role.Planner]);
        var inApprover = new Actor("in-approver", indianNavy.Id, "IND", [Role.Approver]);
        var ledger = new OrderLedger(Data, Book, new FixedClock(Day("2027-03-01")));
        var entered = ledger.Enter(usPlanner, new OrderDraft("ind-usa-logistics", usArmy, indianNavy, Day("2027-03-01"), new("training"), "cash",
            [new("food", "rations", 100m, "each", 12.5m, "USD")], [new(usOfficial.UserId, OrderSide.Requesting)]));
        Assert.True(entered.Done, string.Join("; ", entered.Diagnostics));
        var id = entered.Order!.Id;
        Assert.True(ledger.Move(usOfficial, id, Operation.OrderPlace).Done);
        Assert.True(ledger.Move(inApprover, id, Operation.OrderAccept).Done);
        Assert.True(ledger.Move(inApprover, id, Operation.OrderDeliver).Done);

        var today = Day("2029-01-01");
        Assert.Equal(new Money(1250m, Currencies.Usd), Assert.Single(Ageing.Report(ledger.OpenObligations(), today)).DueUnknown);
        Assert.Equal(Outcome.Forbidden, ledger.SetDueDate(usPlanner, id, Day("2028-03-01")).Decision.Outcome);
        Assert.True(ledger.SetDueDate(inApprover, id, Day("2028-03-01")).Done);
        Assert.Equal(new Money(1250m, Currencies.Usd), Assert.Single(Ageing.Report(ledger.OpenObligations(), today)).Overdue);
        Assert.Equal(Trellis.Diagnostics.DiagnosticCodes.MoveNotInLifecycle, Assert.Single(ledger.SetDueDate(inApprover, id, Day("2028-03-02")).Diagnostics).Code);
    }
}
