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
        problem = null;
        code = text.Trim().ToUpperInvariant();
        if (registry.HasState(code))
        {
            return true;
        }

        var hint = Yaml.YamlFields.Suggest(code, registry.States.Select(s => s.Iso3)) is { } s ? $" Did you mean {s}?" : "";
        if (registry.States.FirstOrDefault(s => s.Name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } byName)
        {
            hint = $" {byName.Name} is {byName.Iso3}.";
        }

        problem = Problems.BadQuery(parameter, $"{parameter}: '{text}' is not a state code: use ISO 3166-1 alpha-3 (JPN, GBR, AUS).{hint}", DiagnosticCodes.UnknownState);
        return false;
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
