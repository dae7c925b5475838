using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Web.Endpoints;

/// <summary>Parses query-string values as the CLI parses its options, with the same messages.</summary>
public static class QueryValues
{
    /// <summary>A full date (YYYY-MM-DD); null or empty text gives <paramref name="whenEmpty"/> (the caller's today, from its <see cref="TimeProvider"/>).</summary>
    public static bool TryDay(string? text, string parameter, DateOnly whenEmpty, out DateOnly day, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        day = whenEmpty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // The core's parser, as the CLI's --as-of: TRL020 when malformed, TRL025 outside SupportedDates.Range.
        if (!SupportedDates.TryParseDay(text, parameter, out day, out var error))
        {
            problem = Problems.BadQuery(parameter, error.Message, error.Code);
            day = whenEmpty;
            return false;
        }

        return true;
    }

    /// <summary>A state code (ISO3, any case), checked against the registry.</summary>
    public static bool TryState(string text, string parameter, AgreementRegistry registry, out string code, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        var diagnostics = new List<Diagnostic>();
        code = registry.ResolveState(text, parameter, diagnostics) ?? "";
        problem = diagnostics.Count == 0 ? null : Problems.BadQuery(parameter, diagnostics[0].Message, diagnostics[0].Code);
        return problem is null;
    }

    /// <summary>A year from <paramref name="first"/> to <paramref name="last"/> (inclusive), written as digits.</summary>
    public static bool TryYear(string text, string parameter, int first, int last, out int year, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year) && year >= first && year <= last)
        {
            return true;
        }

        problem = Problems.BadQuery(parameter, $"{parameter}: '{text}' is not a year from {first} to {last}");
        return false;
    }
}
