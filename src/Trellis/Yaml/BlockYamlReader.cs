using System.Text;

namespace Trellis.Yaml;

/// <summary>
/// A fast reader for the block-style YAML that Trellis files and plans are written in: mappings
/// and sequences by indentation (<c>key: value</c>, <c>- item</c>, <c>- key: value</c>), plain,
/// single- and double-quoted one-line scalars, one-line flow collections (<c>[a, "b"]</c>,
/// <c>{ days: 7 }</c>), literal
/// and folded block scalars (<c>|</c>, <c>&gt;</c>, with <c>-</c>/<c>+</c> chomping) and comments.
/// It answers null for anything else — anchors and aliases, tags, multi-line
/// plain or quoted scalars, tabs, several documents, repeated keys, and every error — and
/// <see cref="YamlDocument"/> then uses YamlDotNet's full parser, which also reports the errors.
/// Profiled under load (bench/results/web-2026-11-28.md), YamlDotNet's scanner was the largest
/// part of <c>POST /api/assess</c>; this reader builds the same tree several times faster.
/// </summary>
internal static class BlockYamlReader
{
    private const int MaxDepth = YamlDocument.MaxDepth;

    /// <summary>Longest key this reader takes (YAML allows 1024 characters in a simple key; longer ones are left to the full parser).</summary>
    private const int MaxSimpleKey = 1000;

    /// <summary>The document's root node, or null when the text is not in the subset this reader handles.</summary>
    public static YamlNode? TryRead(string text) => TryRead(text, int.MaxValue, out _);

    /// <summary>
    /// <see cref="TryRead(string)"/>, stopping as soon as a list grows past <paramref name="maxItems"/> items:
    /// then null, with <paramref name="tooManyAtLine"/> the list's first line (0 otherwise).
    /// </summary>
    public static YamlNode? TryRead(string text, int maxItems, out int tooManyAtLine)
    {
        tooManyAtLine = 0;
        if (!Lines.TryScan(text, out var lines))
        {
            return null;
        }

        try
        {
            return new Reader(text, lines, maxItems).Document();
        }
        catch (NotBlockYaml)
        {
            return null;
        }
        catch (TooManyItems ex)
        {
            tooManyAtLine = ex.Line;
            return null;
        }
    }

    /// <summary>Thrown inside the reader when the text leaves the subset; never escapes <see cref="TryRead(string)"/>.</summary>
    private sealed class NotBlockYaml : Exception;

    /// <summary>Thrown inside the reader when a list grows past the limit; never escapes <see cref="TryRead(string, int, out int)"/>.</summary>
    private sealed class TooManyItems(int line) : Exception
    {
        public int Line { get; } = line;
    }

    /// <summary>One line of the text: where its content starts (after the indentation) and ends (before the line break).</summary>
    private record struct Line(int Number, int Indent, int Start, int End)
    {
        public readonly bool IsBlank(string text) => Start == End || text[Start] == '#';
    }

    private static class Lines
    {
        /// <summary>Splits the text into lines; false when it has characters or markers the reader leaves to the full parser.</summary>
        public static bool TryScan(string text, out List<Line> lines)
        {
            lines = new List<Line>(text.Length / 24 + 1);
            var number = 1;
            var i = 0;
            while (i < text.Length)
            {
                var begin = i;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                var start = i;
                while (i < text.Length && text[i] != '\n')
                {
                    var c = text[i];
                    if (c < ' ' && c != '\r' || c is '\uFEFF' or '\u0085' or '\u2028' or '\u2029')
                    {
                        return false; // tabs, control characters, a byte-order mark, Unicode line breaks
                    }

                    i++;
                }

                var end = i;
                if (end > start && text[end - 1] == '\r')
                {
                    end--;
                }

                if (text.AsSpan(start, end - start).Contains('\r'))
                {
                    return false;
                }

                if (start == begin && end - start >= 1 && text[start] == '%' ||
                    start == begin && end - start >= 3 && (text.AsSpan(start, 3) is "---" || text.AsSpan(start, 3) is "..."))
                {
                    return false; // directives and document markers
                }

                lines.Add(new Line(number++, start - begin, start, end));
                i++; // past '\n'
            }

            return true;
        }
    }

    private sealed class Reader(string text, List<Line> lines, int maxItems)
    {
        private readonly Scalars _scalars = new();
        private int _next; // index of the next line not yet read
        private int _depth;

        public YamlNode? Document()
        {
            if (!TryPeek(out var first))
            {
                return null; // empty: the full parser reports it
            }

            var root = Block(first.Indent);
            if (TryPeek(out _))
            {
                throw new NotBlockYaml(); // something after the root at a lesser indentation: an error
            }

            return root;
        }

        /// <summary>The next line with content (skipping blank and comment lines), without consuming it.</summary>
        private bool TryPeek(out Line line)
        {
            while (_next < lines.Count)
            {
                line = lines[_next];
                if (!line.IsBlank(text))
                {
                    return true;
                }

                _next++;
            }

            line = default;
            return false;
        }

        /// <summary>A mapping, sequence or single scalar starting on the next content line, at <paramref name="indent"/>.</summary>
        private YamlNode Block(int indent)
        {
            if (++_depth > MaxDepth)
            {
                throw new NotBlockYaml();
            }

            TryPeek(out var line);
            YamlNode node = IsDash(line) ? Sequence(indent)
                : KeyEnd(line) >= 0 ? Mapping(indent)
                : Lone(line);
            _depth--;
            return node;
        }

        /// <summary>A value alone on its line (<c>key:</c> above it, or the whole document).</summary>
        private YamlNode Lone(Line line)
        {
            _next++;
            return Inline(line.Start, line.End, line.Number);
        }

        private bool IsDash(Line line) =>
            text[line.Start] == '-' && (line.End == line.Start + 1 || text[line.Start + 1] == ' ');

        private YamlMapping Mapping(int indent)
        {
            TryPeek(out var first);
            var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
            var keys = default(KeyCheck);
            while (TryPeek(out var line) && line.Indent == indent && !IsDash(line))
            {
                var colon = KeyEnd(line);
                if (colon < 0)
                {
                    throw new NotBlockYaml();
                }

                var key = Key(line, colon);
                if (keys.IsRepeated(entries, key.Value))
                {
                    throw new NotBlockYaml(); // the full parser names both lines
                }

                _next++;
                entries.Add(KeyValuePair.Create<YamlNode, YamlNode>(key, Value(line, SkipSpaces(colon + 1, line.End), indent, indentlessSequence: true)));
            }

            if (TryPeek(out var after) && (after.Indent > indent || after.Indent == indent && IsDash(after)))
            {
                throw new NotBlockYaml(); // deeper than a sibling key, or a list item where a key belongs: an error
            }

            return new YamlMapping(entries, first.Number);
        }

        private YamlSequence Sequence(int indent)
        {
            TryPeek(out var first);
            var items = new List<YamlNode>();
            while (TryPeek(out var line) && line.Indent == indent && IsDash(line))
            {
                if (items.Count == maxItems)
                {
                    throw new TooManyItems(first.Number);
                }

                var rest = SkipSpaces(line.Start + 1, line.End);
                var column = line.Indent + (rest - line.Start);
                var inner = line with { Indent = column, Start = rest };
                if (rest < line.End && text[rest] != '#' && (IsDash(inner) || KeyEnd(inner) >= 0))
                {
                    // "- key: value" or "- - item": a block that starts on the dash's line, indented to its first character
                    lines[_next] = inner;
                    items.Add(Block(column));
                    continue;
                }

                _next++;
                items.Add(Value(line, rest, indent, indentlessSequence: false));
            }

            if (TryPeek(out var after) && after.Indent > indent)
            {
                throw new NotBlockYaml();
            }

            return new YamlSequence(items, first.Number);
        }

        /// <summary>
        /// The value after a key's colon or a dash, starting at <paramref name="at"/> on <paramref name="line"/>
        /// (already consumed): inline, a block scalar, or a block on the following lines.
        /// </summary>
        private YamlNode Value(Line line, int at, int indent, bool indentlessSequence)
        {
            if (at == line.End || text[at] == '#')
            {
                if (TryPeek(out var next) && (next.Indent > indent || indentlessSequence && next.Indent == indent && IsDash(next)))
                {
                    return Block(next.Indent);
                }

                return new YamlScalar("", true, line.Number);
            }

            if (text[at] is '|' or '>')
            {
                return BlockScalar(line, at, indent);
            }

            var value = Inline(at, line.End, line.Number);
            if (TryPeek(out var following) && following.Indent > indent)
            {
                throw new NotBlockYaml(); // a multi-line plain scalar or a misplaced block
            }

            return value;
        }

        /// <summary>
        /// Finds repeated keys as a mapping's entries are added. Most mappings are short and a scan
        /// beats a hash set; from 16 keys on a set takes over, so that a hostile document with many
        /// keys cannot make reading quadratic.
        /// </summary>
        private struct KeyCheck
        {
            private HashSet<string>? _keys;

            /// <summary>True when <paramref name="key"/> is already a key of <paramref name="entries"/>, to which it is about to be added.</summary>
            public bool IsRepeated(List<KeyValuePair<YamlNode, YamlNode>> entries, string key)
            {
                if (_keys is null && entries.Count < 16)
                {
                    foreach (var (k, _) in entries)
                    {
                        if (((YamlScalar)k).Value == key)
                        {
                            return true;
                        }
                    }

                    return false;
                }

                _keys ??= entries.Select(e => ((YamlScalar)e.Key).Value).ToHashSet(StringComparer.Ordinal);
                return !_keys.Add(key);
            }
        }

        /// <summary>Index of the colon that ends the line's key, or -1 when the line is not a <c>key: value</c> line.</summary>
        private int KeyEnd(Line line)
        {
            var i = line.Start;
            if (i >= line.End)
            {
                return -1;
            }

            if (text[i] is '[' or '{')
            {
                return -1; // a flow collection (as a key, it goes to the full parser through Inline)
            }

            if (text[i] is '"' or '\'')
            {
                var close = QuoteEnd(i, line.End);
                return close + 1 < line.End && text[close + 1] == ':' && (close + 2 == line.End || text[close + 2] == ' ') ? close + 1 : -1;
            }

            for (; i < line.End; i++)
            {
                if (text[i] == ':' && (i + 1 == line.End || text[i + 1] == ' '))
                {
                    // YamlDotNet reads a colon that ends the whole text (no line break after it) as part of a plain scalar.
                    return i + 1 == text.Length ? -1 : i;
                }

                if (text[i] == '#' && i > line.Start && text[i - 1] == ' ')
                {
                    return -1;
                }
            }

            return -1;
        }

        private YamlScalar Key(Line line, int colon)
        {
            if (colon - line.Start > MaxSimpleKey)
            {
                throw new NotBlockYaml(); // YAML limits a key without '?' to 1024 characters; the full parser reports it
            }

            if (text[line.Start] is '"' or '\'')
            {
                return Quoted(line.Start, colon - 1, line.Number);
            }

            var key = text.AsSpan(line.Start, colon - line.Start).TrimEnd(' ');
            // A key starting with '?' or ':' is an explicit key or a value indicator to the full parser
            // ("? a: 1" is the key "a: 1", "- :id: x" an error), not the plain key "? a" or ":id"; nor is
            // "- " a key. YamlDotNet reads "a *b: c" as one plain scalar (a word starting with '*' just
            // before the colon): leave such keys to it.
            if (key.Length == 0 || IsIndicator(key[0]) || key[0] is '?' or ':' || key[0] == '-' && (key.Length == 1 || key[1] == ' ')
                || !IsPlain(key, flow: false) || key.Contains(" *", StringComparison.Ordinal))
            {
                throw new NotBlockYaml();
            }

            return new YamlScalar(_scalars.Get(key), true, line.Number);
        }

        /// <summary>A one-line value: quoted, a flow sequence, or plain text up to a comment.</summary>
        private YamlNode Inline(int at, int end, int number)
        {
            switch (text[at])
            {
                case '"' or '\'':
                    var close = QuoteEnd(at, end);
                    var scalar = Quoted(at, close, number);
                    ExpectEnd(close + 1, end);
                    return scalar;
                case '[' or '{':
                    var (flow, after) = Flow(at, end, number);
                    ExpectEnd(after, end);
                    return flow;
            }

            var stop = end;
            for (var i = at; i < end; i++)
            {
                if (text[i] == '#' && text[i - 1] == ' ')
                {
                    stop = i;
                    break;
                }
            }

            var plain = text.AsSpan(at, stop - at).TrimEnd(' ');
            if (!IsPlain(plain, flow: false))
            {
                throw new NotBlockYaml();
            }

            return new YamlScalar(_scalars.Get(plain), true, number);
        }

        /// <summary>A one-line flow collection opening at <paramref name="at"/>: its node and the index after its closing bracket.</summary>
        private (YamlNode Node, int After) Flow(int at, int end, int number)
        {
            if (++_depth > MaxDepth)
            {
                throw new NotBlockYaml();
            }

            var mapping = text[at] == '{';
            var close = mapping ? '}' : ']';
            var items = new List<YamlNode>();
            var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
            var keys = default(KeyCheck);
            var i = SkipSpaces(at + 1, end);
            while (i >= end || text[i] != close)
            {
                if (mapping)
                {
                    var (key, afterKey) = FlowItem(i, end, number, key: true);
                    if (afterKey >= end || text[afterKey] != ':' || keys.IsRepeated(entries, ((YamlScalar)key).Value))
                    {
                        throw new NotBlockYaml(); // a key without a value, a space before the colon, or a repeated key
                    }

                    var (value, afterValue) = FlowItem(SkipSpaces(afterKey + 1, end), end, number, key: false);
                    entries.Add(KeyValuePair.Create(key, value));
                    i = SkipSpaces(afterValue, end);
                }
                else
                {
                    var (item, after) = FlowItem(i, end, number, key: false);
                    items.Add(item);
                    i = SkipSpaces(after, end);
                }

                if (i < end && text[i] == close)
                {
                    break;
                }

                if (i >= end || text[i] != ',')
                {
                    throw new NotBlockYaml(); // continues on the next line, or something other than a comma
                }

                i = SkipSpaces(i + 1, end);
                if (i < end && text[i] == close)
                {
                    throw new NotBlockYaml(); // a trailing comma
                }
            }

            _depth--;
            return (mapping ? new YamlMapping(entries, number) : new YamlSequence(items, number), i + 1);
        }

        /// <summary>One item of a flow collection: quoted, nested, or plain up to a comma, bracket, brace or (for a key) colon.</summary>
        private (YamlNode Node, int After) FlowItem(int at, int end, int number, bool key)
        {
            if (at >= end)
            {
                throw new NotBlockYaml();
            }

            if (text[at] is '"' or '\'')
            {
                var close = QuoteEnd(at, end);
                return (Quoted(at, close, number), close + 1);
            }

            if (text[at] is '[' or '{')
            {
                return key ? throw new NotBlockYaml() : Flow(at, end, number);
            }

            var after = at;
            while (after < end && text[after] is not (',' or ']' or '}') && !(key && text[after] == ':' && after + 1 < end && text[after + 1] == ' '))
            {
                after++;
            }

            var plain = text.AsSpan(at, after - at).TrimEnd(' ');
            if (!IsPlain(plain, flow: true))
            {
                throw new NotBlockYaml();
            }

            return (new YamlScalar(plain.ToString(), true, number), after);
        }

        /// <summary>
        /// A literal (<c>|</c>) or folded (<c>&gt;</c>) block scalar whose header is at <paramref name="at"/>;
        /// its lines are those after the header indented more than <paramref name="indent"/>.
        /// </summary>
        private YamlScalar BlockScalar(Line header, int at, int indent)
        {
            var folded = text[at] == '>';
            var chomp = at + 1 < header.End ? text[at + 1] : ' ';
            var i = chomp is '-' or '+' ? at + 2 : at + 1;
            if (i < header.End && text[i] != ' ')
            {
                throw new NotBlockYaml(); // an indentation indicator, or text after the header
            }

            i = SkipSpaces(i, header.End);
            if (i < header.End && text[i] != '#')
            {
                throw new NotBlockYaml();
            }

            // The content: every following line that is empty or indented at least as far as the first non-empty one.
            var body = new List<Line>();
            var blockIndent = -1;
            while (_next < lines.Count)
            {
                var line = lines[_next];
                if (line.Start == line.End)
                {
                    if (line.Indent > 0)
                    {
                        throw new NotBlockYaml(); // a whitespace-only line: its spaces may be content
                    }
                }
                else if (blockIndent < 0 ? line.Indent <= indent : line.Indent < blockIndent)
                {
                    break;
                }
                else if (blockIndent < 0)
                {
                    blockIndent = line.Indent;
                }

                body.Add(line);
                _next++;
            }

            var trailing = 0;
            while (body.Count > 0 && body[^1].Start == body[^1].End)
            {
                body.RemoveAt(body.Count - 1);
                trailing++;
            }

            if (body.Count == 0)
            {
                if (chomp == '+')
                {
                    throw new NotBlockYaml();
                }

                return new YamlScalar("", false, header.Number);
            }

            // Literal: one line break per line break. Folded: a break between two text lines becomes a space,
            // and n empty lines between text lines stand for n breaks.
            var value = new StringBuilder();
            var started = false;
            var empties = 0;
            foreach (var line in body)
            {
                if (line.Start == line.End)
                {
                    empties++;
                    continue;
                }

                if (folded && line.Indent > blockIndent)
                {
                    throw new NotBlockYaml(); // more-indented lines fold differently
                }

                if (!started)
                {
                    value.Append('\n', empties);
                    started = true;
                }
                else if (empties == 0)
                {
                    value.Append(folded ? ' ' : '\n');
                }
                else
                {
                    value.Append('\n', folded ? empties : empties + 1);
                }

                empties = 0;
                value.Append(' ', line.Indent - blockIndent).Append(text, line.Start, line.End - line.Start);
            }

            // Clip keeps the final line break, if the text has one; keep also keeps the empty lines after it.
            if (chomp != '-' && body[^1].End < text.Length)
            {
                value.Append('\n');
            }

            if (chomp == '+')
            {
                value.Append('\n', trailing);
            }

            return new YamlScalar(value.ToString(), false, header.Number);
        }

        /// <summary>Index of the closing quote of the quoted scalar opening at <paramref name="at"/>, on the same line.</summary>
        private int QuoteEnd(int at, int end)
        {
            var quote = text[at];
            for (var i = at + 1; i < end; i++)
            {
                if (quote == '"' && text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == quote)
                {
                    if (quote == '\'' && i + 1 < end && text[i + 1] == '\'')
                    {
                        i++;
                        continue;
                    }

                    return i;
                }
            }

            throw new NotBlockYaml(); // continues on the next line
        }

        private YamlScalar Quoted(int open, int close, int number)
        {
            var raw = text.AsSpan(open + 1, close - open - 1);
            if (text[open] == '\'')
            {
                return new YamlScalar(raw.Contains('\'') ? raw.ToString().Replace("''", "'", StringComparison.Ordinal) : raw.ToString(), false, number);
            }

            if (!raw.Contains('\\'))
            {
                return new YamlScalar(raw.ToString(), false, number);
            }

            var value = new StringBuilder(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '\\')
                {
                    value.Append(raw[i]);
                    continue;
                }

                value.Append(raw[++i] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    '/' => '/',
                    'n' => '\n',
                    't' => '\t',
                    _ => throw new NotBlockYaml(), // other escapes: the full parser
                });
            }

            return new YamlScalar(value.ToString(), false, number);
        }

        private void ExpectEnd(int at, int end)
        {
            var i = SkipSpaces(at, end);
            if (i < end && !(text[i] == '#' && i > at))
            {
                throw new NotBlockYaml();
            }
        }

        private int SkipSpaces(int at, int end)
        {
            while (at < end && text[at] == ' ')
            {
                at++;
            }

            return at;
        }

        /// <summary>
        /// True when <paramref name="s"/> reads as one plain scalar: it does not start with an indicator,
        /// has no <c>": "</c> or final colon (which would make it a key) and, in a flow sequence, no brackets or braces.
        /// </summary>
        private static bool IsPlain(ReadOnlySpan<char> s, bool flow)
        {
            if (s.Length == 0 || IsIndicator(s[0]) || s[0] is '-' or '?' or ':' && (s.Length == 1 || s[1] == ' '))
            {
                return false;
            }

            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] == ':' && (i + 1 == s.Length || s[i + 1] == ' ' || flow && s[i + 1] is ',' or '[' or ']' or '{' or '}'))
                {
                    return false;
                }

                if (flow && s[i] is '[' or ']' or '{' or '}' or ',' || s[i] == '#' && i > 0 && s[i - 1] == ' ')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// One string per distinct short scalar: a plan of a million groups repeats <c>kind</c>, <c>personnel</c>, <c>count</c>
        /// and <c>1</c> a million times each, and one string each keeps its tree a small multiple of its file.
        /// </summary>
        private sealed class Scalars
        {
            private const int MaxLength = 32;
            private const int MaxCount = 4096;
            private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

            public string Get(ReadOnlySpan<char> s)
            {
                if (s.Length > MaxLength)
                {
                    return s.ToString();
                }

                var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
                if (lookup.TryGetValue(s, out var known))
                {
                    return known;
                }

                var text = s.ToString();
                if (_strings.Count < MaxCount)
                {
                    _strings[text] = text;
                }

                return text;
            }
        }

        private static bool IsIndicator(char c) => c is '[' or ']' or '{' or '}' or ',' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`';
    }
}
