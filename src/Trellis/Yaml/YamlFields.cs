using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Yaml;

/// <summary>
/// Typed, diagnosed access to the fields of one YAML mapping. Every problem is added to the
/// shared diagnostic list with the file and line, and the reader returns null so that loading
/// goes on and reports every problem at once.
/// </summary>
public sealed class YamlFields
{
    private readonly YamlMapping _node;
    private readonly string _what;

    public YamlFields(YamlMapping node, string file, ICollection<Diagnostic> diagnostics, string what)
    {
        _node = node;
        File = file;
        Diagnostics = diagnostics;
        _what = what;
    }

    /// <summary>The file, as shown in diagnostics.</summary>
    public string File { get; }

    public ICollection<Diagnostic> Diagnostics { get; }

    /// <summary>Line of the mapping itself.</summary>
    public int Line => YamlDocument.LineOf(_node);

    /// <summary>Wraps <paramref name="node"/> if it is a mapping; otherwise reports it and returns null.</summary>
    public static YamlFields? Of(YamlNode? node, string file, ICollection<Diagnostic> diagnostics, string what)
    {
        if (node is YamlMapping mapping)
        {
            return new YamlFields(mapping, file, diagnostics, what);
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidValue,
            $"{what} should be a mapping of 'field: value' lines", file, node is null ? 1 : YamlDocument.LineOf(node)));
        return null;
    }

    /// <summary>Reports every field not in <paramref name="known"/>, suggesting the nearest known name.</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var (keyNode, _) in _node.Entries)
        {
            var key = (keyNode as YamlScalar)?.Value ?? "";
            if (Array.IndexOf(known, key) >= 0)
            {
                continue;
            }

            var suggestion = Suggest(key, known);
            var hint = suggestion is null ? $"the fields of {_what} are: {string.Join(", ", known)}" : $"did you mean '{suggestion}'?";
            Add(DiagnosticCodes.UnknownField, $"unknown field '{key}' in {_what}: {hint}", keyNode);
        }
    }

    /// <summary>The mapping's keys in document order.</summary>
    public IEnumerable<string> Keys() => _node.Entries.Select(e => (e.Key as YamlScalar)?.Value ?? "");

    public bool Has(string key) => Find(key) is { } node && !YamlDocument.IsNull(node);

    /// <summary>Line of the field's key, or of the mapping when the field is absent.</summary>
    public int LineOf(string key)
    {
        foreach (var (keyNode, _) in _node.Entries)
        {
            if (keyNode is YamlScalar { Value: var v } && v == key)
            {
                return YamlDocument.LineOf(keyNode);
            }
        }

        return Line;
    }

    public YamlNode? Find(string key)
    {
        foreach (var (keyNode, value) in _node.Entries)
        {
            if (keyNode is YamlScalar { Value: var v } && v == key)
            {
                return value;
            }
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        var node = Find(key);
        if (YamlDocument.IsNull(node))
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        if (node is YamlScalar scalar)
        {
            return scalar.Value;
        }

        Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a single value, not a list or mapping", node!);
        return null;
    }

    public PartialDate? Date(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (PartialDate.TryParse(text, out var date, out var error))
        {
            return date;
        }

        Add(DiagnosticCodes.InvalidDate, $"'{key}' in {_what}: {error}", Find(key)!);
        return null;
    }

    public bool? Bool(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        // YAML 1.2 core schema: only these plain scalars are booleans; "true" in quotes is a string.
        if (Find(key) is YamlScalar { IsPlain: true })
        {
            switch (text)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        var quoted = Find(key) is YamlScalar { IsPlain: false } && text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";
        Add(DiagnosticCodes.InvalidValue, quoted
            ? $"'{key}' in {_what} should be true or false without quotes: \"{text}\" in quotes is text"
            : $"'{key}' in {_what} should be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE), not '{text}'", Find(key)!);
        return null;
    }

    public int? Int(string key, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = (min == int.MinValue, max == int.MaxValue) switch
        {
            (true, true) => "",
            (false, true) => $" of at least {min}",
            (true, false) => $" of at most {max:N0}",
            _ => $" from {min} to {max:N0}",
        };
        Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a whole number{range}, not '{text}'", Find(key)!);
        return null;
    }

    public long? Long(string key, bool required = false, long min = long.MinValue)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        var range = min == long.MinValue ? "" : $" of at least {min}";
        Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a whole number{range}, not '{text}'", Find(key)!);
        return null;
    }

    public double? Double(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a number, not '{text}'", Find(key)!);
        return null;
    }

    /// <summary>A value from a closed vocabulary; reports anything else with the allowed values.</summary>
    public string? Choice(string key, IReadOnlyList<string> allowed, bool required = false, string code = DiagnosticCodes.UnknownVocabulary)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        var suggestion = Suggest(text, allowed);
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        Add(code, $"'{key}' in {_what} is '{text}', which is not one of: {string.Join(", ", allowed)}.{hint}", Find(key)!);
        return null;
    }

    /// <summary>A list of scalars (also accepts a single scalar as a one-item list).</summary>
    public IReadOnlyList<(string Value, int Line)> StringList(string key, bool required = false)
    {
        var node = Find(key);
        if (YamlDocument.IsNull(node))
        {
            if (required)
            {
                Missing(key);
            }

            return [];
        }

        if (node is YamlScalar { Value: { } single })
        {
            return [(single, YamlDocument.LineOf(node))];
        }

        if (node is not YamlSequence sequence)
        {
            Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a list", node!);
            return [];
        }

        var result = new List<(string, int)>();
        foreach (var item in sequence.Items)
        {
            if (item is YamlScalar { Value: { } value })
            {
                result.Add((value, YamlDocument.LineOf(item)));
            }
            else
            {
                Add(DiagnosticCodes.InvalidValue, $"each item of '{key}' in {_what} should be a single value", item);
            }
        }

        return result;
    }

    /// <summary>A list of mappings, each wrapped for field access.</summary>
    public IReadOnlyList<YamlFields> Mappings(string key, string itemWhat, bool required = false)
    {
        var node = Find(key);
        if (YamlDocument.IsNull(node))
        {
            if (required)
            {
                Missing(key);
            }

            return [];
        }

        if (node is not YamlSequence sequence)
        {
            Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a list of entries starting with '- '", node!);
            return [];
        }

        var result = new List<YamlFields>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            if (Of(item, File, Diagnostics, itemWhat) is { } fields)
            {
                result.Add(fields);
            }
        }

        return result;
    }

    /// <summary>A nested mapping, or null (reported when required).</summary>
    public YamlFields? Mapping(string key, string what, bool required = false)
    {
        var node = Find(key);
        if (YamlDocument.IsNull(node))
        {
            if (required)
            {
                Missing(key);
            }

            return null;
        }

        return Of(node, File, Diagnostics, what);
    }

    public void Missing(string key) =>
        Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingField, $"{_what} has no '{key}': add it", File, Line));

    public void Add(string code, string message, YamlNode at) =>
        Diagnostics.Add(Diagnostic.Error(code, message, File, YamlDocument.LineOf(at)));

    public void Add(string code, string message, int line) =>
        Diagnostics.Add(Diagnostic.Error(code, message, File, line));

    /// <summary>The nearest of <paramref name="candidates"/> to <paramref name="word"/>, if close enough to be a typo.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
