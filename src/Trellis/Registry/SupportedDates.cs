using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Trellis.Diagnostics;

namespace Trellis.Registry;

/// <summary>
/// The days Trellis plans, assesses and exports: <see cref="First"/> (1900-01-01) to <see cref="Last"/>
/// (2200-12-31), both inclusive. Every plan date and every as-of date is checked against it once, where it
/// is parsed (<see cref="TryParseDay"/>, <c>PlanLoader</c>, worked examples), so that what is accepted always
/// assesses and exports: a deadline is at most <c>LeadTime.MaxDays</c> (3,650) days, or as many working days,
/// before a start, an export needs the day after an end, and the friction template runs at most 3,650 days
/// from its start — all far inside <see cref="DateOnly"/>'s 0001-01-01..9999-12-31. The range covers every
/// agreement the registry can hold (the oldest modern ones date from the 1940s) and any plan anyone makes.
/// docs/reliability.md says why these bounds.
/// </summary>
public static class SupportedDates
{
    public static readonly DateOnly First = new(1900, 1, 1);

    public static readonly DateOnly Last = new(2200, 12, 31);

    /// <summary>The range as text, for messages: <c>1900-01-01 to 2200-12-31</c>.</summary>
    public static string Range => $"{Text(First)} to {Text(Last)}";

    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>
    /// Parses a full date (YYYY-MM-DD) given for <paramref name="field"/> (an option such as <c>--as-of</c>, a query
    /// parameter such as <c>asOf</c>): false with a diagnostic whose <c>File</c> is the field, coded
    /// <see cref="DiagnosticCodes.InvalidDate"/> (malformed, impossible or partial) or
    /// <see cref="DiagnosticCodes.DateOutOfRange"/> (outside <see cref="Range"/>).
    /// </summary>
    public static bool TryParseDay(string text, string field, out DateOnly day, [NotNullWhen(false)] out Diagnostic? problem)
    {
        day = default;
        problem = null;
        var trimmed = text.Trim();
        if (!PartialDate.TryParse(trimmed, out var date, out var error))
        {
            problem = Diagnostic.Error(DiagnosticCodes.InvalidDate, $"{field}: {error}", field);
            return false;
        }

        if (!date.IsExact)
        {
            problem = Diagnostic.Error(DiagnosticCodes.InvalidDate, $"{field} needs a full date (YYYY-MM-DD), not '{trimmed}'", field);
            return false;
        }

        if (OutOfRange(date.First, field) is { } message)
        {
            problem = Diagnostic.Error(DiagnosticCodes.DateOutOfRange, message, field);
            return false;
        }

        day = date.First;
        return true;
    }

    /// <summary>Null when <paramref name="day"/> is supported; else the message for <paramref name="field"/>.</summary>
    public static string? OutOfRange(DateOnly day, string field) =>
        Contains(day) ? null : $"{field} is {Text(day)}, outside the dates Trellis supports ({Range}): give a date in that range";

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
