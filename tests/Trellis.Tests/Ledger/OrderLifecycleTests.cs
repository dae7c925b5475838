using Trellis.Cases;
using Trellis.Diagnostics;
using Trellis.Ledger;
using Trellis.Tests.Rules;
using static Trellis.Tests.Ledger.LedgerFixture;

namespace Trellis.Tests.Ledger;

/// <summary>The order lifecycle through the ledger (issue 12 §3): the policy decides who, the table decides what, every change is audited, postings balance.</summary>
public class OrderLifecycleTests
{
    private static OrderLedger NewLedger(string today = "2027-03-01") => new(Data, Book, new FixedClock(Day(today)));

    private static Order Entered(OrderLedger ledger, OrderDraft? draft = null)
    {
        var outcome = ledger.Enter(JpnPlanner, draft ?? FuelFromTheRoyalNavy());
        Assert.True(outcome.Done, string.Join(Environment.NewLine, outcome.Diagnostics) + outcome.Decision.Reason);
        return outcome.Order!;
    }

    private static Order Step(OrderLedger ledger, Actor actor, Guid id, Operation operation, string day, IReadOnlyDictionary<int, decimal>? quantities = null)
    {
        var outcome = ledger.Move(actor, id, operation, Day(day), quantities);
        Assert.True(outcome.Done, $"{operation} by {actor.UserId}: {outcome.Decision.Reason} {string.Join("; ", outcome.Diagnostics)}");
        return outcome.Order!;
    }

    [Fact]
    public void FuelFromARoyalNavyShip_GoesFromDraftToClosed_WithBalancedPostingsAndAnAuditedHistory()
    {
        var ledger = NewLedger();
        var id = Entered(ledger).Id;
        Step(ledger, JpnOfficial, id, Operation.OrderPlace, "2027-03-01");
        Step(ledger, UkApprover, id, Operation.OrderAccept, "2027-03-02");
        Assert.Equal(OrderStatus.PartiallyDelivered, Step(ledger, UkPlanner, id, Operation.OrderDeliver, "2027-03-10", new Dictionary<int, decimal> { [1] = 50_000m }).Status);
        var delivered = Step(ledger, UkPlanner, id, Operation.OrderDeliver, "2027-03-12");
        Assert.Equal(OrderStatus.Delivered, delivered.Status);
        Assert.Equal([new Money(40_625m, Currencies.Gbp), new Money(56_875m, Currencies.Gbp)], delivered.Parts.Select(p => p.Value));
        Assert.Equal([Day("2028-03-10"), Day("2028-03-12")], delivered.Parts.Select(p => p.Due!.Value));

        var balances = Balances.Of(ledger.Postings);
        Assert.Contains(balances, b => b.Account.ToString() == "receivable GBR←JPN GBP" && b.Balance == new Money(97_500m, Currencies.Gbp));
        Assert.Contains(balances, b => b.Account.ToString() == "payable JPN→GBR GBP" && b.Balance == new Money(-97_500m, Currencies.Gbp));

        Step(ledger, JpnApprover, id, Operation.OrderReceive, "2027-03-12");
        Assert.Equal(OrderStatus.ObligationDue, Step(ledger, UkPlanner, id, Operation.OrderDeclareObligation, "2027-03-15").Status);
        Step(ledger, UkApprover, id, Operation.OrderSettle, "2027-09-01");
        Assert.Equal(OrderStatus.Closed, Step(ledger, JpnOfficial, id, Operation.OrderClose, "2027-09-02").Status);

        Assert.All(Balances.Of(ledger.Postings), b => Assert.True(b.Balance.IsZero, b.Account.ToString()));
        Assert.Empty(ledger.OpenObligations());
        Assert.Equal(["order-create", "order-place", "order-accept", "order-deliver", "order-deliver", "order-receive", "order-declare-obligation", "order-settle", "order-close"],
            ledger.Audit.Select(a => a.Action));
        Assert.All(ledger.Audit, a => Assert.Equal($"order/{id:D}", a.Subject));
        Assert.Null(AuditChain.FirstBroken(ledger.Audit));
        Assert.Contains("\"status\":\"closed\"", ledger.Audit[^1].After, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOrderer_CannotConfirmReceipt()
    {
        var ledger = NewLedger();
        var id = Entered(ledger).Id;
        Step(ledger, JpnOfficial, id, Operation.OrderPlace, "2027-03-01");
        Step(ledger, UkApprover, id, Operation.OrderAccept, "2027-03-01");
        Step(ledger, UkPlanner, id, Operation.OrderDeliver, "2027-03-01");
        var refused = ledger.Move(JpnOfficial, id, Operation.OrderReceive, Day("2027-03-02"));
        Assert.Equal(Outcome.Forbidden, refused.Decision.Outcome);
        Assert.Contains("separation of duties", refused.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Delivered, ledger.Find(id)!.Status);
        Assert.Equal(4, ledger.Audit.Count);
    }

    [Fact]
    public void AnApproverNotListedAsAuthorisedOfficial_CannotPlaceTheOrder()
    {
        var ledger = NewLedger();
        var id = Entered(ledger).Id;
        var refused = ledger.Move(JpnApprover, id, Operation.OrderPlace);
        Assert.Equal(Outcome.Forbidden, refused.Decision.Outcome);
        Assert.Contains("authorised official", refused.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(Outcome.Forbidden, ledger.Move(JpnPlanner, id, Operation.OrderPlace).Decision.Outcome);
    }

    [Fact]
    public void TheSupplier_DoesNotSeeADraft_AndCannotMarkItsOwnDeliveryReceived()
    {
        var ledger = NewLedger();
        var id = Entered(ledger).Id;
        Assert.Equal(Outcome.NotFound, ledger.Move(UkApprover, id, Operation.OrderAccept).Decision.Outcome);
        Step(ledger, JpnOfficial, id, Operation.OrderPlace, "2027-03-01");
        Step(ledger, UkApprover, id, Operation.OrderAccept, "2027-03-01");
        Step(ledger, UkPlanner, id, Operation.OrderDeliver, "2027-03-01");
        Assert.Equal(Outcome.Forbidden, ledger.Move(UkApprover, id, Operation.OrderReceive).Decision.Outcome);
    }

    [Fact]
    public void AnInKindOrder_CannotBeInvoiced_AndACashOrderHasNoObligationInKind()
    {
        var ledger = NewLedger();
        var inKind = Entered(ledger).Id;
        var cash = Entered(ledger, FuelFromTheRoyalNavy() with { Settlement = "cash" }).Id;
        foreach (var id in new[] { inKind, cash })
        {
            Step(ledger, JpnOfficial, id, Operation.OrderPlace, "2027-03-01");
            Step(ledger, UkApprover, id, Operation.OrderAccept, "2027-03-01");
            Step(ledger, UkPlanner, id, Operation.OrderDeliver, "2027-03-01");
            Step(ledger, JpnApprover, id, Operation.OrderReceive, "2027-03-01");
        }

        Assert.Equal(DiagnosticCodes.MoveNotInLifecycle, Assert.Single(ledger.Move(UkPlanner, inKind, Operation.OrderInvoice).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.MoveNotInLifecycle, Assert.Single(ledger.Move(UkPlanner, cash, Operation.OrderDeclareObligation).Diagnostics).Code);
        Assert.Equal(OrderStatus.Invoiced, Step(ledger, UkPlanner, cash, Operation.OrderInvoice, "2027-03-05").Status);
    }

    [Fact]
    public void AFlaggedOrder_CannotSettleUntilALegalAdviserClearsIt()
    {
        var ledger = NewLedger();
        var id = Entered(ledger, FuelFromTheRoyalNavy(new OrderLineDraft("calibration", "gyro calibration", 1m, "job", 1200m, "GBP")) with { Settlement = "cash" }).Id;
        Step(ledger, JpnOfficial, id, Operation.OrderPlace, "2027-03-01");
        Step(ledger, UkApprover, id, Operation.OrderAccept, "2027-03-01");
        Step(ledger, UkPlanner, id, Operation.OrderDeliver, "2027-03-01");
        Step(ledger, JpnApprover, id, Operation.OrderReceive, "2027-03-01");
        Step(ledger, UkPlanner, id, Operation.OrderInvoice, "2027-03-01");

        var refused = ledger.Move(UkApprover, id, Operation.OrderSettle, Day("2027-04-01"));
        Assert.True(refused.Decision.Allowed);
        Assert.Equal(DiagnosticCodes.ReviewPending, Assert.Single(refused.Diagnostics).Code);

        Assert.Equal(Outcome.Forbidden, ledger.ClearReview(JpnApprover, id).Decision.Outcome);
        var french = new Actor("fra-legal", Guid.NewGuid(), "FRA", [Role.LegalAdviser]);
        Assert.Equal(Outcome.NotFound, ledger.ClearReview(french, id).Decision.Outcome);
        Assert.Equal("jpn-legal", ledger.ClearReview(JpnLegal, id).Order!.ReviewClearedBy);
        Assert.Equal(OrderStatus.Settled, Step(ledger, UkApprover, id, Operation.OrderSettle, "2027-04-01").Status);
        Assert.Contains(ledger.Audit, a => a.Action == "order-clear-review" && a.Actor == "jpn-legal");
    }

    [Fact]
    public void Cancellation_BeforeDeliveryEndsTheOrder_AfterAPartialDeliveryOnlyTheRest()
    {
        var ledger = NewLedger();
        var early = Entered(ledger).Id;
        Step(ledger, JpnOfficial, early, Operation.OrderPlace, "2027-03-01");
        Assert.Equal(OrderStatus.Cancelled, Step(ledger, UkApprover, early, Operation.OrderCancel, "2027-03-02").Status);
        Assert.Equal(DiagnosticCodes.MoveNotInLifecycle, Assert.Single(ledger.Move(UkApprover, early, Operation.OrderAccept).Diagnostics).Code);

        var late = Entered(ledger).Id;
        Step(ledger, JpnOfficial, late, Operation.OrderPlace, "2027-03-01");
        Step(ledger, UkApprover, late, Operation.OrderAccept, "2027-03-01");
        Step(ledger, UkPlanner, late, Operation.OrderDeliver, "2027-03-03", new Dictionary<int, decimal> { [1] = 1_000.5m });
        Assert.Equal(DiagnosticCodes.MoveNotInLifecycle, Assert.Single(ledger.Move(JpnOfficial, late, Operation.OrderCancel).Diagnostics).Code);
        var rest = Step(ledger, JpnOfficial, late, Operation.OrderCancelRemainder, "2027-03-04");
        Assert.Equal(OrderStatus.Delivered, rest.Status);
        Assert.Equal(118_999.5m, rest.Lines[0].Cancelled);
        // 1,000.5 litres at 0.8125 GBP = 812.90625, rounded once: 812.91.
        Assert.Equal(new Money(812.91m, Currencies.Gbp), Assert.Single(rest.Open()));
    }

    [Fact]
    public void DeliveringMoreThanIsOutstanding_IsTRL523()
    {
        var ledger = NewLedger();
        var id = Entered(ledger).Id;
        Step(ledger, JpnOfficial, id, Operation.OrderPlace, "2027-03-01");
        Step(ledger, UkApprover, id, Operation.OrderAccept, "2027-03-01");
        var refused = ledger.Move(UkPlanner, id, Operation.OrderDeliver, Day("2027-03-02"), new Dictionary<int, decimal> { [1] = 120_001m });
        Assert.Equal(DiagnosticCodes.DeliveryExceedsOrder, Assert.Single(refused.Diagnostics).Code);
        Assert.Empty(ledger.Postings);
    }

    [Fact]
    public void ADraft_IsEditedAndRecheckedButAPlacedOrderIsNot()
    {
        var ledger = NewLedger();
        var id = Entered(ledger).Id;
        var refused = ledger.Edit(JpnPlanner, id, FuelFromTheRoyalNavy() with { Settlement = "equal-value-exchange" });
        Assert.Equal(DiagnosticCodes.SettlementNotAllowed, Assert.Single(refused.Diagnostics).Code);
        Assert.True(ledger.Edit(JpnPlanner, id, FuelFromTheRoyalNavy() with { Settlement = "cash" }).Done);
        Step(ledger, JpnOfficial, id, Operation.OrderPlace, "2027-03-01");
        Assert.Equal(DiagnosticCodes.MoveNotInLifecycle, Assert.Single(ledger.Edit(JpnPlanner, id, FuelFromTheRoyalNavy()).Diagnostics).Code);
    }

    [Fact]
    public void EveryStatusNameRoundTrips_AndFinalStatusesHaveNoMoves()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            Assert.Equal(status, OrderLifecycle.ParseStatus(status.Name()));
            Assert.Equal(OrderLifecycle.IsFinal(status), OrderLifecycle.From(status).Count == 0);
        }
    }
}
