using System.Globalization;
using Trellis.Diagnostics;

namespace Trellis.Ledger;

/// <summary>
/// An ISO 4217 currency the ledger accepts, with its minor units (the number of decimals an amount in it may have:
/// 0 for the yen, 2 for the pound). Only the currencies of <see cref="Currencies"/> exist; build one with
/// <see cref="Currencies.Find"/> or <see cref="Currencies.Parse"/>.
/// </summary>
public sealed record Currency
{
    internal Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>The ISO 4217 alphabetic code, upper case (<c>JPY</c>).</summary>
    public string Code { get; }

    /// <summary>Decimals of the currency's minor unit (ISO 4217 "minor unit" column).</summary>
    public int MinorUnits { get; }

    public override string ToString() => Code;
}

/// <summary>
/// The currencies the ledger knows: a small bundled table (ISO 4217 minor units), not the whole standard. A code
/// outside it is refused with TRL519 rather than guessed; extend the table when an agreement's orders need another.
/// </summary>
public static class Currencies
{
    public static readonly Currency Jpy = new("JPY", 0);
    public static readonly Currency Usd = new("USD", 2);
    public static readonly Currency Gbp = new("GBP", 2);
    public static readonly Currency Aud = new("AUD", 2);
    public static readonly Currency Eur = new("EUR", 2);
    public static readonly Currency Php = new("PHP", 2);
    public static readonly Currency Inr = new("INR", 2);
    public static readonly Currency Cad = new("CAD", 2);
    public static readonly Currency Nzd = new("NZD", 2);

    /// <summary>Every currency of the table, in code order.</summary>
    public static IReadOnlyList<Currency> All { get; } = new[] { Jpy, Usd, Gbp, Aud, Eur, Php, Inr, Cad, Nzd }.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();

    /// <summary>The currency with ISO code <paramref name="code"/> (case-insensitive), or null when the table has none.</summary>
    public static Currency? Find(string? code) =>
        All.FirstOrDefault(c => string.Equals(c.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The currency, or null with a TRL519 diagnostic at <paramref name="field"/> naming the codes accepted.</summary>
    public static Currency? Parse(string? code, string field, ICollection<Diagnostic> diagnostics)
    {
        if (Find(code) is { } currency)
        {
            return currency;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CurrencyNotSupported,
            $"'{code}' is not a currency the ledger accepts: use an ISO 4217 code of {string.Join(", ", All.Select(c => c.Code))}", field));
        return null;
    }
}

/// <summary>How an amount with more decimals than its currency's minor unit is brought to it. The ledger names the rule wherever it rounds.</summary>
public enum RoundingRule
{
    /// <summary>Halves go away from zero (0.125 → 0.13; −0.125 → −0.13): commercial rounding.</summary>
    HalfAwayFromZero,

    /// <summary>Halves go to the even neighbour (0.125 → 0.12; 0.135 → 0.14): banker's rounding.</summary>
    HalfEven,
}

/// <summary>
/// An amount of money: a <see cref="decimal"/> (never floating point) in a <see cref="Currency"/>, with no more
/// decimals than the currency's minor units — the constructor throws otherwise, so that every amount in the ledger is
/// one that can be paid. Rounding happens only in <see cref="Round"/>, with its rule named. Adding or comparing
/// amounts in different currencies throws: convert first (<see cref="ExchangeRate.Convert"/>).
/// </summary>
public readonly record struct Money
{
    public Money(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (decimal.Round(amount, currency.MinorUnits) != amount)
        {
            throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has more decimals than {currency.Code}'s {currency.MinorUnits}: round it first (Money.Round).", nameof(amount));
        }

        // Normalise the scale, so that 1.5 and 1.50 GBP are the same value and print the same.
        Amount = decimal.Round(amount + 0.00m, currency.MinorUnits);
        Currency = currency;
    }

    public decimal Amount { get; }

    public Currency Currency { get; }

    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>
    /// <paramref name="amount"/> rounded to <paramref name="currency"/>'s minor units under <paramref name="rule"/>:
    /// the one place an amount loses decimals.
    /// </summary>
    public static Money Round(decimal amount, Currency currency, RoundingRule rule) =>
        new(decimal.Round(amount, currency.MinorUnits, rule == RoundingRule.HalfEven ? MidpointRounding.ToEven : MidpointRounding.AwayFromZero), currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Amount + b.SameCurrency(a).Amount), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.Amount - b.SameCurrency(a).Amount), a.Currency);

    public static Money operator -(Money a) => new(-a.Amount, a.Currency);

    public bool IsZero => Amount == 0m;

    private Money SameCurrency(Money other) => other.Currency == Currency
        ? this
        : throw new InvalidOperationException($"cannot combine {Currency.Code} with {other.Currency.Code}: convert one first");

    /// <summary><c>1234.50 GBP</c>, <c>135000000 JPY</c>: the amount with the currency's minor units, invariant culture.</summary>
    public override string ToString() =>
        Amount.ToString("F" + Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + Currency.Code;
}

/// <summary>
/// One exchange rate as a user entered it: one unit of <see cref="From"/> is <see cref="Rate"/> units of
/// <see cref="To"/> on <see cref="Day"/>, according to <see cref="Source"/> (a central bank's reference rate, the
/// rate of a payment). Rates are facts with a source and a date, never fetched or assumed.
/// </summary>
public sealed record ExchangeRate
{
    public ExchangeRate(Currency from, Currency to, decimal rate, DateOnly day, string source)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (rate <= 0m)
        {
            throw new ArgumentException($"an exchange rate is positive, not {rate.ToString(CultureInfo.InvariantCulture)}", nameof(rate));
        }

        if (from == to)
        {
            throw new ArgumentException($"a rate from {from.Code} to itself is always 1", nameof(to));
        }

        From = from;
        To = to;
        Rate = rate;
        Day = day;
        Source = source;
    }

    public Currency From { get; }

    public Currency To { get; }

    public decimal Rate { get; }

    /// <summary>The day the rate is for.</summary>
    public DateOnly Day { get; }

    /// <summary>Where the rate comes from, as the user entered it.</summary>
    public string Source { get; }

    /// <summary><paramref name="amount"/> (in <see cref="From"/>) in <see cref="To"/>, rounded once to its minor units under <paramref name="rule"/>.</summary>
    public Money Convert(Money amount, RoundingRule rule) => amount.Currency == From
        ? Money.Round(amount.Amount * Rate, To, rule)
        : throw new ArgumentException($"the rate converts {From.Code}, not {amount.Currency.Code}", nameof(amount));
}

/// <summary>The exchange rates users entered, and the one that applies on a day: the latest dated on or before it.</summary>
public sealed class ExchangeRates
{
    private readonly ExchangeRate[] _rates;

    public ExchangeRates(IEnumerable<ExchangeRate> rates) => _rates = rates.OrderBy(r => r.Day).ToArray();

    public IReadOnlyList<ExchangeRate> All => _rates;

    /// <summary>
    /// The rate from <paramref name="from"/> to <paramref name="to"/> dated latest on or before <paramref name="day"/>, or
    /// null with a TRL524 diagnostic when none was entered. A rate entered the other way round is not inverted (that
    /// would be a rate no source gave).
    /// </summary>
    public ExchangeRate? On(Currency from, Currency to, DateOnly day, ICollection<Diagnostic> diagnostics)
    {
        var rate = _rates.LastOrDefault(r => r.From == from && r.To == to && r.Day <= day);
        if (rate is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ExchangeRateMissing,
                $"no exchange rate from {from.Code} to {to.Code} dated on or before {day:yyyy-MM-dd}: enter one with its source"));
        }

        return rate;
    }
}
