using Trellis.Diagnostics;
using Trellis.Ledger;

namespace Trellis.Tests.Ledger;

/// <summary>Money (issue 12 §4): decimal with ISO 4217 minor units, rounding only where named, dated rates with their source, balanced postings.</summary>
public class MoneyTests
{
    private static DateOnly Day(string s) => LedgerFixture.Day(s);

    [Fact]
    public void Money_RefusesMoreDecimalsThanTheMinorUnit()
    {
        Assert.Throws<ArgumentException>(() => new Money(1.5m, Currencies.Jpy));
        Assert.Throws<ArgumentException>(() => new Money(1.005m, Currencies.Gbp));
        Assert.Equal("1.50 GBP", new Money(1.5m, Currencies.Gbp).ToString());
        Assert.Equal("135000000 JPY", new Money(135_000_000m, Currencies.Jpy).ToString());
        Assert.Equal(new Money(1.5m, Currencies.Gbp), new Money(1.50m, Currencies.Gbp));
    }

    [Theory]
    [InlineData(0.125, RoundingRule.HalfAwayFromZero, 0.13)]
    [InlineData(0.125, RoundingRule.HalfEven, 0.12)]
    [InlineData(-0.125, RoundingRule.HalfAwayFromZero, -0.13)]
    [InlineData(0.135, RoundingRule.HalfEven, 0.14)]
    public void Round_FollowsTheNamedRule(double amount, RoundingRule rule, double expected) =>
        Assert.Equal(new Money((decimal)expected, Currencies.Usd), Money.Round((decimal)amount, Currencies.Usd, rule));

    [Fact]
    public void AddingDifferentCurrencies_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1m, Currencies.Gbp) + new Money(1m, Currencies.Eur));

    [Fact]
    public void Currencies_AreTheBundledTable_AndOthersAreTRL519()
    {
        Assert.Equal(["AUD", "CAD", "EUR", "GBP", "INR", "JPY", "NZD", "PHP", "USD"], Currencies.All.Select(c => c.Code));
        Assert.Equal(0, Currencies.Find("jpy")!.MinorUnits);
        var diagnostics = new List<Diagnostic>();
        Assert.Null(Currencies.Parse("KWD", "currency", diagnostics));
        Assert.Equal(DiagnosticCodes.CurrencyNotSupported, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void ExchangeRates_TheLatestOnOrBeforeTheDayApplies_WithItsSource_AndNoneIsInvented()
    {
        var rates = new ExchangeRates([
            new ExchangeRate(Currencies.Gbp, Currencies.Jpy, 190.12m, Day("2027-03-01"), "Bank of England spot, 2027-03-01"),
            new ExchangeRate(Currencies.Gbp, Currencies.Jpy, 191.005m, Day("2027-03-08"), "Bank of England spot, 2027-03-08"),
        ]);
        var diagnostics = new List<Diagnostic>();
        var rate = rates.On(Currencies.Gbp, Currencies.Jpy, Day("2027-03-07"), diagnostics)!;
        Assert.Equal("Bank of England spot, 2027-03-01", rate.Source);
        Assert.Equal(new Money(19_012m, Currencies.Jpy), rate.Convert(new Money(100m, Currencies.Gbp), RoundingRule.HalfAwayFromZero));
        Assert.Equal(new Money(96m, Currencies.Jpy), rates.On(Currencies.Gbp, Currencies.Jpy, Day("2027-03-08"), diagnostics)!.Convert(new Money(0.5m, Currencies.Gbp), RoundingRule.HalfEven));
        Assert.Empty(diagnostics);

        Assert.Null(rates.On(Currencies.Jpy, Currencies.Gbp, Day("2027-03-09"), diagnostics));
        Assert.Null(rates.On(Currencies.Gbp, Currencies.Jpy, Day("2027-02-28"), diagnostics));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.ExchangeRateMissing, d.Code));
    }

    [Fact]
    public void PostingSet_MustBalancePerCurrency()
    {
        var receivable = new Account(AccountKind.Receivable, "GBR", "JPN", Currencies.Gbp);
        var payable = new Account(AccountKind.Payable, "JPN", "GBR", Currencies.Gbp);
        Assert.Throws<ArgumentException>(() => new PostingSet(Guid.NewGuid(), 1, Day("2027-03-01"), "order-deliver",
            [new(receivable, new Money(10m, Currencies.Gbp)), new(payable, new Money(-9.99m, Currencies.Gbp))]));
        Assert.Throws<ArgumentException>(() => new PostingSet(Guid.NewGuid(), 1, Day("2027-03-01"), "order-deliver",
            [new(receivable, new Money(10m, Currencies.Eur)), new(payable, new Money(-10m, Currencies.Eur))]));
        var set = PostingSet.Obligation(Guid.NewGuid(), 1, Day("2027-03-01"), "order-deliver", "GBR", "JPN",
            [new Money(10m, Currencies.Gbp), new Money(1500m, Currencies.Jpy)], reverse: false);
        Assert.Equal(4, set.Postings.Count);
        Assert.Equal(["receivable GBR←JPN GBP", "payable JPN→GBR GBP", "receivable GBR←JPN JPY", "payable JPN→GBR JPY"],
            Balances.Of([set]).Select(b => b.Account.ToString()));
    }
}
