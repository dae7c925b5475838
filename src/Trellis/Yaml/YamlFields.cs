using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Registry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trellis.Yaml;

/// <summary>Loads a YAML file into a node tree, turning syntax errors into diagnostics.</summary>
public static class YamlDocument
{
    /// <summary>
    /// Reads and parses <paramref name="path"/>. Returns the root node, or null after adding a
    /// diagnostic (missing file, malformed YAML, empty document) to <paramref name="diagnostics"/>.
    /// </summary>
    public static YamlNode? Load(string path, string displayPath, ICollection<Diagnostic> diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile, $"cannot read the file: {ex.Message}", displayPath));
            return null;
        }

        return Parse(text, displayPath, diagnostics);
    }

    /// <summary>Parses YAML text; see <see cref="Load"/>.</summary>
    public static YamlNode? Parse(string text, string displayPath, ICollection<Diagnostic> diagnostics)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingField, "the file is empty: it should hold a YAML mapping", displayPath, 1));
                return null;
            }

            if (stream.Documents.Count > 1)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                    "the file holds more than one YAML document (a second '---'); keep one", displayPath, (int)stream.Documents[1].RootNode.Start.Line));
            }

            return stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            var line = (int)Math.Max(1, ex.Start.Line);
            var message = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
            if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) ||
                message.Contains("same key", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateField,
                    $"a field is given twice in the same mapping: keep one ({StripMark(message)})", displayPath, line));
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                    $"malformed YAML: {StripMark(message)}. Check indentation, colons and quotes on this line or the one before", displayPath, line));
            }

            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on an unclosed flow collection at the end of the file.
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                "malformed YAML: a '[', '{' or quote opened on this line is never closed", displayPath, UnclosedLine(text)));
            return null;
        }
    }

    /// <summary>The line of the last '[' or '{' left unclosed, or the last line.</summary>
    private static int UnclosedLine(string text)
    {
        var open = new Stack<int>();
        var line = 1;
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n': line++; break;
                case '[' or '{': open.Push(line); break;
                case ']' or '}' when open.Count > 0: open.Pop(); break;
            }
        }

        return open.Count > 0 ? open.Peek() : line;
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the location is already given.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }

    /// <summary>1-based line of a node.</summary>
    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    /// <summary>True when the node is a YAML null (<c>null</c>, <c>~</c> or nothing).</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "null" or "~" or "Null" or "NULL" };
}

/// <summary>
/// Typed, diagnosed access to the fields of one YAML mapping. Every problem is added to the
/// shared diagnostic list with the file and line, and the reader returns null so that loading
/// goes on and reports every problem at once.
/// </summary>
public sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly string _what;

    public YamlFields(YamlMappingNode node, string file, ICollection<Diagnostic> diagnostics, string what)
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
        if (node is YamlMappingNode mapping)
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
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (Array.IndexOf(known, key) >= 0)
            {
                continue;
            }

            var suggestion = Suggest(key, known);
            var hint = suggestion is null ? $"the fields of {_what} are: {string.Join(", ", known)}" : $"did you mean '{suggestion}'?";
            Add(DiagnosticCodes.UnknownField, $"unknown field '{key}' in {_what}: {hint}", keyNode);
        }
    }

    public bool Has(string key) => Find(key) is { } node && !YamlDocument.IsNull(node);

    /// <summary>Line of the field's key, or of the mapping when the field is absent.</summary>
    public int LineOf(string key)
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            if (keyNode is YamlScalarNode { Value: var v } && v == key)
            {
                return YamlDocument.LineOf(keyNode);
            }
        }

        return Line;
    }

    public YamlNode? Find(string key)
    {
        foreach (var (keyNode, value) in _node.Children)
        {
            if (keyNode is YamlScalarNode { Value: var v } && v == key)
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

        if (node is YamlScalarNode scalar)
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

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be true or false, not '{text}'", Find(key)!);
        return null;
    }

    public int? Int(string key, bool required = false, int min = int.MinValue)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        var range = min == int.MinValue ? "" : $" of at least {min}";
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

        if (node is YamlScalarNode { Value: { } single })
        {
            return [(single, YamlDocument.LineOf(node))];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a list", node!);
            return [];
        }

        var result = new List<(string, int)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } value })
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

        if (node is not YamlSequenceNode sequence)
        {
            Add(DiagnosticCodes.InvalidValue, $"'{key}' in {_what} should be a list of entries starting with '- '", node!);
            return [];
        }

        var result = new List<YamlFields>(sequence.Children.Count);
        foreach (var item in sequence.Children)
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
