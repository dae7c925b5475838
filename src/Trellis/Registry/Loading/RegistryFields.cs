using System.Text.RegularExpressions;
using Trellis.Diagnostics;
using Trellis.Yaml;
using static Trellis.Registry.RegistryLoader;

namespace Trellis.Registry.Loading;

/// <summary>The fields every registry file shares: state codes, sources, confidence, entry ids, and the patterns they follow.</summary>
internal static partial class RegistryFields
{
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    internal static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    internal static partial Regex Iso3Pattern();

    [GeneratedRegex("-(\\d{4})$")]
    internal static partial Regex YearSuffixPattern();

    [GeneratedRegex("^[a-z]{3,}$")]
    internal static partial Regex WordSuffixPattern();

    /// <summary>Checks a facility's or exercise's id: a slug, used once in its file.</summary>
    internal static void CheckEntryId(YamlFields f, string? id, Dictionary<string, int> seen, string what)
    {
        if (id is null)
        {
            return;
        }

        if (!SlugPattern().IsMatch(id))
        {
            f.Add(DiagnosticCodes.IdConvention, $"the {what} id '{id}' should be lower-case words joined by '-'", f.LineOf("id"));
        }
        else if (seen.TryGetValue(id, out var firstLine))
        {
            f.Add(DiagnosticCodes.DuplicateId, $"the {what} id '{id}' is used twice (first at line {firstLine}): give each {what} its own id", f.LineOf("id"));
        }
        else
        {
            seen[id] = f.LineOf("id");
        }
    }

    internal static List<string> ReadStates(YamlFields f, string key, HashSet<string> states, bool required = false)
    {
        var result = new List<string>();
        foreach (var (code, line) in f.StringList(key, required))
        {
            if (CheckState(f, key, code, line, states))
            {
                result.Add(code);
            }
        }

        return result;
    }

    internal static string? ReadState(YamlFields f, string key, HashSet<string> states, bool required = false)
    {
        var code = f.String(key, required);
        return code is not null && CheckState(f, key, code, f.LineOf(key), states) ? code : null;
    }

    internal static bool CheckState(YamlFields f, string key, string code, int line, HashSet<string> states)
    {
        if (states.Contains(code))
        {
            return true;
        }

        if (states.Count == 0)
        {
            return Iso3Pattern().IsMatch(code); // the states table itself failed; do not pile up errors
        }

        var upper = code.ToUpperInvariant();
        var hint = states.Contains(upper)
            ? $" Write it in upper case: '{upper}'."
            : YamlFields.Suggest(code, states) is { } s ? $" Did you mean '{s}'?" : "";
        f.Add(DiagnosticCodes.UnknownState,
            $"'{code}' in '{key}' is not a state code in {StatesFile}: use ISO 3166-1 alpha-3 (JPN, GBR, AUS).{hint}", line);
        return false;
    }

    internal static List<Source> ReadSources(YamlFields f, string what)
    {
        var sources = new List<Source>();
        var entries = f.Mappings("sources", "a source");
        foreach (var s in entries)
        {
            s.AllowOnly("url", "title");
            var url = s.String("url", required: true);
            if (url is null)
            {
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                s.Add(DiagnosticCodes.InvalidUrl, $"the source url '{url}' is not an absolute http(s) URL: cite the original page", s.LineOf("url"));
                continue;
            }

            sources.Add(new Source(url, s.String("title")));
        }

        if (entries.Count == 0)
        {
            f.Add(DiagnosticCodes.MissingSource,
                $"{what} has no source: add 'sources:' with at least one '- url: https://...' to the page that states it", f.Has("sources") ? f.LineOf("sources") : f.Line);
        }

        return sources;
    }

    internal static Confidence? ReadConfidence(YamlFields f)
    {
        if (!f.Has("confidence"))
        {
            f.Add(DiagnosticCodes.MissingConfidence,
                "no 'confidence': add 'confidence: high' (official text), 'medium' (reputable press) or 'low' (secondary, unverified)", f.Line);
            return null;
        }

        return f.Choice("confidence", Vocabulary.Confidences) switch
        {
            "high" => Confidence.High,
            "medium" => Confidence.Medium,
            "low" => Confidence.Low,
            _ => null,
        };
    }
}
