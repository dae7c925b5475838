using Trellis.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Trellis.Yaml;

/// <summary>
/// Loads a YAML file into a <see cref="YamlNode"/> tree, turning syntax errors into diagnostics.
/// Plain block-style documents (the way every Trellis file and plan is written) are read by
/// <see cref="BlockYamlReader"/>; anything else it does not handle — flow mappings, anchors,
/// multi-line quoted text, errors — goes to YamlDotNet's full YAML 1.2 parser, and both build
/// the same tree (a test compares them on every file in the repository).
/// </summary>
public static class YamlDocument
{
    /// <summary>
    /// How deep lists and mappings may nest. Trellis files need a few levels; a hostile document of
    /// nothing but brackets would otherwise exhaust the stack and end the process.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Reads and parses <paramref name="path"/>. Returns the root node, or null after adding a
    /// diagnostic (missing file, not a regular file, too large, not UTF-8 — see <see cref="Registry.DataFile.ReadText(string, string, ICollection{Diagnostic}, long)"/> —
    /// malformed YAML, empty document) to <paramref name="diagnostics"/>.
    /// </summary>
    public static YamlNode? Load(string path, string displayPath, ICollection<Diagnostic> diagnostics) =>
        Load(path, displayPath, diagnostics, new ReadLimits());

    /// <summary><see cref="Load(string, string, ICollection{Diagnostic})"/> within <paramref name="limits"/>.</summary>
    public static YamlNode? Load(string path, string displayPath, ICollection<Diagnostic> diagnostics, ReadLimits limits)
    {
        var text = Registry.DataFile.ReadText(path, displayPath, diagnostics, limits.MaxBytes, limits.HowToRaiseMaxBytes);
        return text is null ? null : Parse(text, displayPath, diagnostics, limits.MaxItems);
    }

    /// <summary>Parses YAML text; see <see cref="Load(string, string, ICollection{Diagnostic})"/>.</summary>
    public static YamlNode? Parse(string text, string displayPath, ICollection<Diagnostic> diagnostics) =>
        Parse(text, displayPath, diagnostics, int.MaxValue);

    /// <summary>
    /// Parses YAML text, stopping with TRL204 as soon as a list grows past <paramref name="maxItems"/> items
    /// (before the rest of the tree is built).
    /// </summary>
    public static YamlNode? Parse(string text, string displayPath, ICollection<Diagnostic> diagnostics, int maxItems)
    {
        var fast = BlockYamlReader.TryRead(text, maxItems, out var tooManyAt);
        if (tooManyAt > 0)
        {
            diagnostics.Add(TooManyItems(maxItems, displayPath, tooManyAt));
            return null;
        }

        return fast ?? ParseFull(text, displayPath, diagnostics, maxItems);
    }

    /// <summary>Parses with YamlDotNet's full parser (the fallback of <see cref="Parse(string, string, ICollection{Diagnostic})"/>; tests compare the two).</summary>
    public static YamlNode? ParseFull(string text, string displayPath, ICollection<Diagnostic> diagnostics) =>
        ParseFull(text, displayPath, diagnostics, int.MaxValue);

    private static Diagnostic TooManyItems(int maxItems, string displayPath, int line) =>
        Diagnostic.Error(DiagnosticCodes.OverSanityLimit,
            $"the list starting here has more than {maxItems:N0} items, the limit: merge items that share the same facts (in a plan, element groups)", displayPath, line);

    private static YamlNode? ParseFull(string text, string displayPath, ICollection<Diagnostic> diagnostics, int maxItems)
    {
        try
        {
            var builder = new EventTreeBuilder(new Parser(new StringReader(text)), displayPath, maxItems);
            var root = builder.Document(out var secondDocumentLine);
            if (builder.Problems.Count > 0)
            {
                foreach (var problem in builder.Problems)
                {
                    diagnostics.Add(problem);
                }

                return null;
            }

            if (root is null or YamlScalar { IsPlain: true, Value: "" })
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingField, "the file is empty: it should hold a YAML mapping", displayPath, 1));
                return null;
            }

            if (secondDocumentLine is { } line)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                    "the file holds more than one YAML document (a second '---'); keep one", displayPath, line));
            }

            return root;
        }
        catch (TooManyItemsException ex)
        {
            diagnostics.Add(TooManyItems(maxItems, displayPath, ex.Line));
            return null;
        }
        catch (TooDeepException ex)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                $"lists and mappings nest more than {MaxDepth} levels deep here: Trellis files need only a few levels; check for stray '[', '{{' or '- '", displayPath, ex.Line));
            return null;
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                $"malformed YAML: {StripMark(message)}. Check indentation, colons and quotes on this line or the one before", displayPath, (int)Math.Max(1, ex.Start.Line)));
            return null;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's parser throws this for a tag that is not a valid URI ("!![[[").
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                $"malformed YAML: {ex.Message.Split(" (Parameter", 2)[0]} A '!' starts a tag: quote a value that begins with '!'", displayPath, TagLine(text)));
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

    /// <summary>1-based line of a node.</summary>
    public static int LineOf(YamlNode node) => node.Line;

    /// <summary>True when the node is a YAML null (<c>null</c>, <c>~</c> or nothing).</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalar { IsPlain: true, Value: "" or "null" or "~" or "Null" or "NULL" };

    /// <summary>The line of the first '!' (a tag), or 1.</summary>
    private static int TagLine(string text)
    {
        var at = text.IndexOf('!', StringComparison.Ordinal);
        return at < 0 ? 1 : text.AsSpan(0, at).Count('\n') + 1;
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

    /// <summary>Stops <see cref="EventTreeBuilder"/> at <see cref="MaxDepth"/>.</summary>
    private sealed class TooDeepException(int line) : Exception
    {
        public int Line { get; } = line;
    }

    /// <summary>Stops <see cref="EventTreeBuilder"/> when a list grows past its limit.</summary>
    private sealed class TooManyItemsException(int line) : Exception
    {
        public int Line { get; } = line;
    }

    /// <summary>Builds the tree from YamlDotNet's parsing events: aliases resolved, repeated keys reported, depth and list length bounded.</summary>
    private sealed class EventTreeBuilder(IParser parser, string file, int maxItems)
    {
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private int _depth;

        public List<Diagnostic> Problems { get; } = [];

        public YamlNode? Document(out int? secondDocumentLine)
        {
            secondDocumentLine = null;
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = Node();
            parser.Consume<DocumentEnd>();
            if (parser.TryConsume<DocumentStart>(out _))
            {
                secondDocumentLine = (int)parser.Current!.Start.Line;
            }

            return root;
        }

        private YamlNode Node()
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return target;
                }

                Problems.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax,
                    $"malformed YAML: the alias '*{alias.Value.Value}' names no anchor defined before it ('&{alias.Value.Value}')", file, (int)alias.Start.Line));
                return new YamlScalar("", true, (int)alias.Start.Line);
            }

            var start = parser.Current as NodeEvent ?? throw new YamlException(parser.Current!.Start, parser.Current.End, "expected a value");
            YamlNode node = start switch
            {
                Scalar s => Consume(new YamlScalar(s.Value, s.Style is ScalarStyle.Plain or ScalarStyle.Any, (int)s.Start.Line)),
                SequenceStart => Sequence(),
                MappingStart => Mapping(),
                _ => throw new YamlException(start.Start, start.End, "expected a value"),
            };
            if (!start.Anchor.IsEmpty)
            {
                _anchors[start.Anchor.Value] = node;
            }

            return node;
        }

        private void Deeper(ParsingEvent start)
        {
            if (++_depth > MaxDepth)
            {
                throw new TooDeepException((int)start.Start.Line);
            }
        }

        private YamlScalar Consume(YamlScalar scalar)
        {
            parser.MoveNext();
            return scalar;
        }

        private YamlSequence Sequence()
        {
            var start = parser.Consume<SequenceStart>();
            Deeper(start);
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                if (items.Count == maxItems)
                {
                    throw new TooManyItemsException((int)start.Start.Line);
                }

                items.Add(Node());
            }

            _depth--;
            return new YamlSequence(items, (int)start.Start.Line);
        }

        private YamlMapping Mapping()
        {
            var start = parser.Consume<MappingStart>();
            Deeper(start);
            var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Node();
                var value = Node();
                if (key is YamlScalar { Value: var text } && !seen.TryAdd(text, key.Line))
                {
                    Problems.Add(Diagnostic.Error(DiagnosticCodes.DuplicateField,
                        $"'{text}' is given twice in the same mapping (first at line {seen[text]}): keep one", file, key.Line));
                    continue;
                }

                entries.Add(KeyValuePair.Create(key, value));
            }

            _depth--;
            return new YamlMapping(entries, (int)start.Start.Line);
        }
    }
}

/// <summary>
/// How much of a file <see cref="YamlDocument.Load(string, string, ICollection{Diagnostic}, ReadLimits)"/> reads: its size
/// (checked before reading; TRL009, saying <see cref="HowToRaiseMaxBytes"/>) and the items of any one list (TRL204, while parsing).
/// </summary>
public sealed record ReadLimits(long MaxBytes = Registry.DataFile.MaxBytes, int MaxItems = int.MaxValue, string? HowToRaiseMaxBytes = null);
