using System.Globalization;

namespace Trellis.Registry;

/// <summary>How precisely a <see cref="PartialDate"/> is known.</summary>
public enum DatePrecision
{
    Year,
    Month,
    Day,
}

/// <summary>
/// Which day a partial date stands for when it is compared with a full date.
/// The text of a source often gives only a year or a month; the caller picks the reading.
/// </summary>
public enum PartialDatePolicy
{
    /// <summary>
    /// Conservative (the default): an event dated <c>2017</c> counts as having happened
    /// only from 2017-12-31, the last day it can denote.
    /// </summary>
    Latest,

    /// <summary>Generous: an event dated <c>2017</c> counts from 2017-01-01.</summary>
    Earliest,
}

/// <summary>
/// A legal date known to the day, the month or only the year, as sources give it.
/// A partial date denotes every day from <see cref="First"/> to <see cref="Last"/> inclusive.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    private PartialDate(int year, int month, int day, DatePrecision precision)
    {
        Year = year;
        Month = month;
        Day = day;
        Precision = precision;
    }

    public int Year { get; }

    /// <summary>1–12, or 0 when only the year is known.</summary>
    public int Month { get; }

    /// <summary>1–31, or 0 when the day is not known.</summary>
    public int Day { get; }

    public DatePrecision Precision { get; }

    /// <summary>The first day this date can denote.</summary>
    public DateOnly First => Precision switch
    {
        DatePrecision.Day => new DateOnly(Year, Month, Day),
        DatePrecision.Month => new DateOnly(Year, Month, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>The last day this date can denote.</summary>
    public DateOnly Last => Precision switch
    {
        DatePrecision.Day => new DateOnly(Year, Month, Day),
        DatePrecision.Month => new DateOnly(Year, Month, DateTime.DaysInMonth(Year, Month)),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>True when the date is known to the day.</summary>
    public bool IsExact => Precision == DatePrecision.Day;

    /// <summary>The day this date stands for under <paramref name="policy"/>.</summary>
    public DateOnly Resolve(PartialDatePolicy policy) => policy == PartialDatePolicy.Earliest ? First : Last;

    /// <summary>True when, under <paramref name="policy"/>, the dated event has happened on or before <paramref name="day"/>.</summary>
    public bool IsOnOrBefore(DateOnly day, PartialDatePolicy policy = PartialDatePolicy.Latest) => Resolve(policy) <= day;

    /// <summary>True when this date is certainly before <paramref name="other"/>, whatever days the two denote.</summary>
    public bool IsCertainlyBefore(PartialDate other) => Last < other.First;

    public static PartialDate FromDate(DateOnly date) => new(date.Year, date.Month, date.Day, DatePrecision.Day);

    /// <summary>
    /// Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>. Returns false, with a reason,
    /// for anything else, including days that do not exist (<c>2023-02-30</c>).
    /// </summary>
    public static bool TryParse(string? text, out PartialDate value, out string error)
    {
        value = default;
        error = "";
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the date is empty";
            return false;
        }

        var parts = text.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2) ||
            !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            error = $"'{text}' is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY where only that is known";
            return false;
        }

        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        if (year < 1)
        {
            error = $"'{text}' has no year 0000";
            return false;
        }

        if (parts.Length == 1)
        {
            value = new PartialDate(year, 0, 0, DatePrecision.Year);
            return true;
        }

        var month = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            error = $"'{text}' has no month {parts[1]}: months run from 01 to 12";
            return false;
        }

        if (parts.Length == 2)
        {
            value = new PartialDate(year, month, 0, DatePrecision.Month);
            return true;
        }

        var day = int.Parse(parts[2], CultureInfo.InvariantCulture);
        var days = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            error = $"'{text}' does not exist: {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} {year} has {days} days";
            return false;
        }

        value = new PartialDate(year, month, day, DatePrecision.Day);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> on failure.</summary>
    public static PartialDate Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Orders by first day, then by precision (a year sorts before its first month).</summary>
    public int CompareTo(PartialDate other)
    {
        var c = First.CompareTo(other.First);
        return c != 0 ? c : Precision.CompareTo(other.Precision);
    }

    public static bool operator <(PartialDate left, PartialDate right) => left.CompareTo(right) < 0;

    public static bool operator <=(PartialDate left, PartialDate right) => left.CompareTo(right) <= 0;

    public static bool operator >(PartialDate left, PartialDate right) => left.CompareTo(right) > 0;

    public static bool operator >=(PartialDate left, PartialDate right) => left.CompareTo(right) >= 0;

    /// <summary>The date as written in data files: <c>2017</c>, <c>2019-07</c> or <c>2023-10-15</c>.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}",
    };
}
