using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Trellis.Registry;

namespace Trellis.Rules;

/// <summary>
/// A worked example as the catalogue lists it: its id (<c>agreement/file</c>), the example and the
/// plan as written (YAML), to open in the planner.
/// </summary>
/// <param name="Id"><c>&lt;agreement folder&gt;/&lt;file name without .yaml&gt;</c>: <c>aus-jpn-raa/day-of-entry-into-force</c>.</param>
/// <param name="PlanYaml">The example's plan as a plan file says it (the <c>plan:</c> mapping, or the file it names).</param>
/// <param name="Mentions">Every rule id its expectations name, and every rule its golden explanation shows at work (an output line, a displacement).</param>
public sealed record CatalogExample(string Id, WorkedExample Example, string PlanYaml, FrozenSet<string> Mentions);

/// <summary>
/// What a reader asks of the rules, one rule at a time: a rule by id, its layer, what it displaces
/// and what displaces it, the worked examples that concern it, the summary its layer's
/// <c>text.md</c> gives of it, and a host's baseline by topic. Built once from a registry and its
/// rule book; immutable.
/// </summary>
public sealed partial class RuleCatalog
{
    private readonly FrozenDictionary<string, CatalogExample> _examples;
    private readonly FrozenDictionary<string, string> _texts;

    private RuleCatalog(RuleBook book, IReadOnlyList<CatalogExample> examples, FrozenDictionary<string, string> texts)
    {
        Book = book;
        Examples = examples;
        _examples = examples.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
        _texts = texts;
    }

    public RuleBook Book { get; }

    /// <summary>Every worked example that loads without error, in id order.</summary>
    public IReadOnlyList<CatalogExample> Examples { get; }

    /// <summary>
    /// Reads the worked examples and the article texts (<c>text.md</c> of each agreement with rules;
    /// <c>text.md</c>, else <c>README.md</c>, of each baseline) under the registry's data folder. An
    /// example with errors is left out (<c>trellis validate</c> reports it).
    /// </summary>
    public static RuleCatalog Load(AgreementRegistry registry, RuleBook book)
    {
        var examples = new List<CatalogExample>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (registry.DataDirectory is { } data)
        {
            foreach (var path in WorkedExamples.Find(data))
            {
                if (WorkedExamples.Load(path, registry, book).Value is not { } example)
                {
                    continue;
                }

                var id = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))) + "/" + Path.GetFileNameWithoutExtension(path);
                var mentions = new HashSet<string>(StringComparer.Ordinal);
                mentions.UnionWith(example.Requirements.Select(r => r.Rule));
                mentions.UnionWith(example.Displaced.SelectMany(d => new[] { d.Rule, d.By }));
                mentions.UnionWith(example.Prohibited);
                if (File.Exists(example.GoldenFile))
                {
                    mentions.UnionWith(Fired(File.ReadAllText(example.GoldenFile).ReplaceLineEndings("\n")));
                }

                examples.Add(new CatalogExample(id, example, PlanYamlOf(path), mentions.ToFrozenSet(StringComparer.Ordinal)));
            }

            foreach (var layer in book.Layers)
            {
                var folder = layer.Kind == LayerKind.Baseline
                    ? Path.Combine(data, RuleLoader.BaselinesFolder, layer.Host!)
                    : layer.Agreement?.Folder;
                var file = folder is null ? null : new[] { "text.md", "README.md" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);
                if (file is not null)
                {
                    texts[layer.Instrument] = File.ReadAllText(file).ReplaceLineEndings("\n");
                }
            }
        }

        return new RuleCatalog(book, examples.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray(), texts.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The rule <paramref name="id"/>, or null when no layer has it.</summary>
    public Rule? Find(string id) => Book.FindRule(id);

    /// <summary>The layer <paramref name="rule"/> belongs to.</summary>
    public RuleLayer LayerOf(Rule rule) => Book.Layers.First(l => l.Instrument == rule.Layer);

    /// <summary>The rules <paramref name="rule"/> waives or replaces, as its <c>displaces</c> lists them.</summary>
    public IReadOnlyList<Rule> Displaces(Rule rule) => rule.Displaces.Select(Book.FindRule).OfType<Rule>().ToArray();

    /// <summary>The rules of any layer that waive or replace <paramref name="rule"/>.</summary>
    public IReadOnlyList<Rule> DisplacedBy(Rule rule) => Book.DisplacersOf(rule.Id);

    /// <summary>The worked examples that concern <paramref name="ruleId"/> (<see cref="CatalogExample.Mentions"/>), in id order.</summary>
    public IReadOnlyList<CatalogExample> ExamplesOf(string ruleId) => Examples.Where(e => e.Mentions.Contains(ruleId)).ToArray();

    /// <summary>The worked example <paramref name="id"/> (<c>agreement/file</c>), or null.</summary>
    public CatalogExample? Example(string id) => _examples.GetValueOrDefault(id);

    /// <summary>The topic of a rule: the second part of its id (<c>jpn.entry.visa</c> → <c>entry</c>).</summary>
    public static string TopicOf(Rule rule) => rule.Id.Split('.') is [_, var topic, ..] ? topic : rule.Id;

    /// <summary>The baseline rules of <paramref name="iso3"/> by topic, topics and rules in id order; null when it has no baseline.</summary>
    public IReadOnlyList<IGrouping<string, Rule>>? BaselineByTopic(string iso3) =>
        Book.Baseline(iso3) is { } layer
            ? layer.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).GroupBy(TopicOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray()
            : null;

    /// <summary>
    /// What the layer's <c>text.md</c> says of <paramref name="rule"/>, as Markdown: each paragraph that
    /// names the rule's id (a table keeps its header and the rows that name it), else each that names
    /// its article, under the heading of its section. Null when the layer has no text or none matches.
    /// </summary>
    public string? ArticleText(Rule rule)
    {
        if (!_texts.TryGetValue(rule.Layer, out var text))
        {
            return null;
        }

        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var excerpt = Excerpt(blocks, b => Names(b, rule.Id));
        if (excerpt.Length == 0 && rule.Citation.Article.Length > 0 && !rule.Citation.Article.Contains('?', StringComparison.Ordinal))
        {
            excerpt = Excerpt(blocks, b => b.Contains(rule.Citation.Article, StringComparison.Ordinal));
        }

        return excerpt.Length == 0 ? null : excerpt;
    }

    private static string Excerpt(string[] blocks, Func<string, bool> concerns)
    {
        var sb = new StringBuilder();
        string? heading = null;
        string? written = null;
        foreach (var block in blocks)
        {
            if (block.StartsWith('#'))
            {
                heading = block.Split('\n')[0];
                continue;
            }

            var lines = block.Split('\n');
            var table = lines.Length > 2 && lines.All(l => l.StartsWith('|'));
            var kept = table ? lines.Skip(2).Where(concerns).ToArray() : concerns(block) ? lines : [];
            if (kept.Length == 0)
            {
                continue;
            }

            if (heading is not null && heading != written)
            {
                // Sections of the excerpt are level 2, whatever their level in the file.
                sb.Append("## ").Append(heading.TrimStart('#').Trim()).Append("\n\n");
                written = heading;
            }

            sb.Append(string.Join('\n', table ? lines.Take(2).Concat(kept) : kept)).Append("\n\n");
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// The rules an explanation shows at work: each rule whose block has an output line (<c>=&gt;</c>) or
    /// displaces or is displaced. A rule only considered (not applicable, nothing matched) is not among them.
    /// </summary>
    private static IEnumerable<string> Fired(string explanation) =>
        explanation.Split("\n\n")
            .Where(b => b.StartsWith('[') && (b.Contains("\n  => ", StringComparison.Ordinal) || b.Contains("\n  displace", StringComparison.Ordinal)))
            .Select(b => b[(b.IndexOf("] ", StringComparison.Ordinal) + 2)..])
            .Select(b => b[..b.IndexOf(':', StringComparison.Ordinal)]);

    /// <summary>True when <paramref name="text"/> names <paramref name="id"/> as a whole id (not a longer one).</summary>
    private static bool Names(string text, string id) =>
        RuleIdToken().Matches(text).Any(m => m.Value == id);

    /// <summary>The plan of the example at <paramref name="path"/> as plan YAML: the file it names, or its <c>plan:</c> mapping unindented.</summary>
    private static string PlanYamlOf(string path)
    {
        var lines = File.ReadAllLines(path);
        var at = Array.FindIndex(lines, l => l.StartsWith("plan:", StringComparison.Ordinal));
        if (at < 0)
        {
            return "";
        }

        var inline = lines[at]["plan:".Length..].Trim();
        if (inline.Length > 0)
        {
            var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path) ?? "", inline.Trim('"', '\'')));
            return File.Exists(file) ? File.ReadAllText(file) : "";
        }

        var body = lines.Skip(at + 1).TakeWhile(l => l.Length == 0 || l.StartsWith(' ')).ToList();
        var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.Trim())).TrimEnd() + "\n";
    }

    /// <summary>A dotted id such as <c>jpn.entry.visa</c> or <c>aus-jpn-raa.entry.visa-exemption</c>.</summary>
    [GeneratedRegex(@"(?<![\w.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+(?![\w-]|\.\w)")]
    private static partial Regex RuleIdToken();
}
