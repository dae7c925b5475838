using System.Text;
using Trellis.Diagnostics;
using Trellis.Yaml;

namespace Trellis.Tests.Yaml;

/// <summary>
/// The fast block-YAML reader must build exactly the tree YamlDotNet's full parser builds
/// (values, quoting, lines) whenever it accepts a text, and hand everything else to the full parser.
/// </summary>
public class BlockYamlReaderTests
{
    public static TheoryData<string> RepositoryYamlFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "data", "samples", "tests/Trellis.Tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, folder), "*.yaml", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(Repo.Root, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryYamlFiles))]
    public void TryRead_EveryRepositoryFile_BuildsTheFullParsersTreeOrDeclines(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, file));

        AssertSameOrDeclined(text);
    }

    [Fact]
    public void TryRead_EverySamplePlan_IsReadByTheFastReader()
    {
        // The web app's load target is measured with these: they must not fall back to the slow parser.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "samples", "plans"), "*.yaml"))
        {
            Assert.True(BlockYamlReader.TryRead(File.ReadAllText(file)) is not null, $"{file} fell back to the full parser");
        }
    }

    [Fact]
    public void TryRead_MostDataFiles_AreReadByTheFastReader()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repo.Root, "data"), "*.yaml", SearchOption.AllDirectories).ToArray();
        var fast = files.Count(f => BlockYamlReader.TryRead(File.ReadAllText(f)) is not null);

        Assert.True(fast * 10 >= files.Length * 8, $"only {fast} of {files.Length} data files are read by the fast reader");
    }

    [Theory]
    [InlineData("a: 1\nb: two words\nc: 'it''s'\nd: \"q \\\"x\\\" \\\\ y\"\n")]
    [InlineData("a:\nb: ~\nc: null\nd: \"\"\ne: ''\n")]
    [InlineData("list:\n  - a\n  - 'b'\n  - \"c\"\n")]
    [InlineData("list:\n- a\n- b\nnext: 1\n")]
    [InlineData("items:\n  - id: x\n    kind: personnel\n  - id: y\n    nested:\n      - 1\n      - 2\n")]
    [InlineData("items:\n- id: x\n  kind: personnel\n- id: y\n")]
    [InlineData("- - a\n  - b\n- - c\n")]
    [InlineData("- \n  a: 1\n-\n  - x\n")]
    [InlineData("flow: [a, b c, 'd', \"e\"]\nempty: []\nspaced: [ a ,b ]\n")]
    [InlineData("# comment\na: 1 # trailing\nb: x#y\n\n\n# another\nc: 'q' # c\n")]
    [InlineData("url: https://example.org/a?b=c#frag\ntime: 12:30\n")]
    [InlineData("text: >\n  one\n  two\n\n  three\n\n\n  four\nnext: 1\n")]
    [InlineData("text: |\n  one\n  two\n\n  three\n    indented\nnext: 1\n")]
    [InlineData("a: |-\n  x\n\nb: |+\n  y\n\n\nc: >-\n  z\n  w\nd: >+\n  v\n\ne: 1\n")]
    [InlineData("a: >\n\n  after an empty line\n")]
    [InlineData("a: |\n  # not a comment\n  x\n# a comment\nb: 1\n")]
    [InlineData("a: >\n  no final break")]
    [InlineData("a: |\n  no final break")]
    [InlineData("a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: >\r\n  folded\r\n  text\r\n")]
    [InlineData("\"quoted key\": 1\n'single': 2\nkey with spaces: 3\nkey   : 4\n")]
    [InlineData("a:\n  b:\n    c:\n      d: deep\n  e: 1\n")]
    [InlineData("  indented: root\n  second: 2\n")]
    [InlineData("just a scalar\n")]
    [InlineData("a: -1\nb: -x\nc: 1e3\nd: true\ne: 2027-02-30\n")]
    [InlineData("a: UK–Japan 日本 émigré\n")]
    [InlineData("seq:\n  - a: 1\n    b: |\n      text\n  - c: >-\n      folded\n      more\n")]
    [InlineData("a: >\n  x\n\n")]
    [InlineData("a:   \n  - 1\n")]
    [InlineData("a: [x]   # c\n")]
    [InlineData("a: \"\"\nb: ' '\n")]
    [InlineData("a: { days: 7 }\nb: {has: [x, 'y'], n: \"z\"}\nc: [b, [c, {d: e}]]\nd: {}\n")]
    [InlineData("- { id: a, kind: vehicle, count: 1 }\n- {id: b}\n")]
    [InlineData("a: {b : 1}\n")]
    public void TryRead_HandledConstructs_MatchTheFullParser(string text)
    {
        AssertSameOrDeclined(text);
        Assert.NotNull(BlockYamlReader.TryRead(text));
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("---\na: 1\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: multi\n  line plain\n")]
    [InlineData("a: \"multi\n  line quoted\"\n")]
    [InlineData("a: [1,\n  2]\n")]
    [InlineData("a:\tb\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: 1\n  b: 2\n")]
    [InlineData("a: 1\n- b\n")]
    [InlineData("- a\nb: 1\n")]
    [InlineData("a: |2\n   x\n")]
    [InlineData("a: >\n  x\n    more indented\n")]
    [InlineData("a: \"\\u00e9\"\n")]
    [InlineData("? complex\n: key\n")]
    [InlineData("a: [b, ]\n")]
    [InlineData("a: {b: 1, b: 2}\n")]
    [InlineData("[a, b]: c\n")]
    [InlineData("a: {b, c}\n")]
    [InlineData("a: |\n  x\n  \n  y\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("purpose: [\n")]
    public void TryRead_OtherConstructsAndErrors_AreLeftToTheFullParser(string text)
    {
        Assert.Null(BlockYamlReader.TryRead(text));
        AssertSameOrDeclined(text);
    }

    /// <summary>Regressions (issue 10 §6): texts where the fast reader built a tree YamlDotNet does not, found by the fuzzer.</summary>
    [Theory]
    [InlineData("? a: 1\n")] // an explicit key: the key is the mapping "a: 1", not the plain key "? a"
    [InlineData("? :")] // an explicit empty key
    [InlineData("- :id: x\n")] // ':' then a word is not a key to YamlDotNet
    [InlineData(":id: x\n")]
    [InlineData("aé]a:batrue-    *a-1~:")] // a colon that ends the text is part of the scalar to YamlDotNet
    [InlineData("a:")]
    [InlineData("a *a: c\n")] // YamlDotNet reads a key ending in a word that starts with '*' as one scalar
    public void TryRead_DivergencesFoundByTheFuzzer_AreLeftToTheFullParser(string text)
    {
        Assert.Null(BlockYamlReader.TryRead(text));
        AssertSameOrDeclined(text);
    }

    [Fact]
    public void TryRead_KeyLongerThanYamlsSimpleKeyLimit_IsLeftToTheFullParser()
    {
        // Regression (issue 10 §6, fuzzer): a key of 1,100 characters; YAML limits a simple key to 1024 and YamlDotNet rejects it.
        var text = "a:\n  " + new string('k', 1_100) + ": 1\n";

        Assert.Null(BlockYamlReader.TryRead(text));
        Assert.Null(YamlDocument.Parse(text, "f.yaml", []));
    }

    [Fact]
    public void Parse_TagThatIsNotAUri_IsTrl001NotAnException()
    {
        // Regression (issue 10 §6, fuzzer): YamlDotNet throws ArgumentException ("Global tags must be valid URIs") for "!![[[".
        var diagnostics = new List<Diagnostic>();

        Assert.Null(YamlDocument.Parse("a: 1\n!![[[[[[[\n", "f.yaml", diagnostics));

        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, d.Code);
        Assert.Equal(2, d.Line);
    }

    [Theory]
    [InlineData("block", "elements:\n  - a\n  - b\n  - c\n  - d\n  - e\n")]
    [InlineData("full parser", "x: &x 1\nelements:\n  - a\n  - b\n  - c\n  - d\n  - *x\n")]
    public void Parse_ListLongerThanTheItemLimit_StopsWithTrl204AtTheList(string reader, string text)
    {
        // Issue 10 §4: the group limit applies while parsing, before the rest of the tree is built.
        var diagnostics = new List<Diagnostic>();

        Assert.Null(YamlDocument.Parse(text, "f.yaml", diagnostics, maxItems: 3));

        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.OverSanityLimit, d.Code);
        Assert.Equal(reader == "block" ? 2 : 3, d.Line);
        Assert.Contains("more than 3 items", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListAtTheItemLimit_IsRead()
    {
        Assert.NotNull(YamlDocument.Parse("- a\n- b\n- c\n", "f.yaml", [], maxItems: 3));
        Assert.NotNull(YamlDocument.Parse("- &a a\n- b\n- *a\n", "f.yaml", [], maxItems: 3));
    }

    [Fact]
    public void Parse_RepeatedKey_NamesBothLines()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(YamlDocument.Parse("a: 1\nb: 2\na: 3\n", "f.yaml", diagnostics));

        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.DuplicateField, d.Code);
        Assert.Equal(3, d.Line);
        Assert.Contains("first at line 1", d.Message);
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    public void Parse_NestingDeeperThanTheLimit_IsAnErrorNotACrash(string style)
    {
        // Regression: 100,000 '[' overflowed the stack in the full parser's tree builder and ended the process.
        const int depth = 100_000;
        var text = style == "flow"
            ? "a: " + new string('[', depth) + new string(']', depth) + "\n"
            : string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "- \n")) + new string(' ', 2_000) + "x\n";
        var diagnostics = new List<Diagnostic>();

        Assert.Null(YamlDocument.Parse(text, "f.yaml", diagnostics));

        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, d.Code);
        Assert.Contains($"more than {YamlDocument.MaxDepth} levels", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_IsRead()
    {
        var depth = YamlDocument.MaxDepth;
        var text = "a: " + new string('[', depth - 1) + "x" + new string(']', depth - 1) + "\n";

        Assert.NotNull(YamlDocument.Parse(text, "f.yaml", []));
    }

    [Fact]
    public void Parse_RepeatedKeyInALongMapping_IsFoundToo()
    {
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => $"k{i}: {i}\n")) + "k3: again\n";
        var diagnostics = new List<Diagnostic>();

        Assert.Null(BlockYamlReader.TryRead(text));
        Assert.Null(YamlDocument.Parse(text, "f.yaml", diagnostics));
        Assert.Equal(41, Assert.Single(diagnostics).Line);
    }

    [Fact]
    public void TryRead_ThousandsOfMutatedPlans_NeverDisagreeWithTheFullParser()
    {
        // Random edits of real files (seeded, so a failure reproduces): whatever the fast reader
        // accepts must be exactly what the full parser builds, and nothing the full parser rejects.
        var random = new Random(20261128);
        var sources = Directory.EnumerateFiles(Path.Combine(Repo.Root, "samples", "plans"), "*.yaml")
            .Append(Path.Combine(Repo.Root, "data", "agreements", "gbr-jpn-raa", "rules.yaml"))
            .Select(File.ReadAllText).ToArray();
        const string alphabet = " :-#'\"[],|>\n\r\ta1&*!{}?%\\";
        var accepted = 0;
        for (var n = 0; n < 4000; n++)
        {
            var text = new StringBuilder(sources[n % sources.Length]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 1: text.Remove(at, 1); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }

            accepted += AssertSameOrDeclined(text.ToString()) ? 1 : 0;
        }

        Assert.True(accepted > 1000, $"the fast reader accepted only {accepted} of 4,000 mutations: the test would prove little");
    }

    /// <summary>True when the fast reader accepted the text (and built the full parser's tree).</summary>
    internal static bool AssertSameOrDeclined(string text)
    {
        var fast = BlockYamlReader.TryRead(text);
        if (fast is null)
        {
            return false;
        }

        var diagnostics = new List<Diagnostic>();
        var full = YamlDocument.ParseFull(text, "f.yaml", diagnostics);
        Assert.True(full is not null && diagnostics.Count == 0,
            $"the fast reader accepted a text the full parser rejects ({string.Join("; ", diagnostics.Select(d => d.Message))}):\n{text}");
        Assert.Equal(Describe(full), Describe(fast));
        return true;
    }

    /// <summary>The tree as text: every node's kind, line, quoting and value.</summary>
    private static string Describe(YamlNode? node)
    {
        var o = new StringBuilder();
        Write(node, 0);
        return o.ToString();

        void Write(YamlNode? n, int depth)
        {
            o.Append(' ', depth * 2);
            switch (n)
            {
                case YamlScalar s:
                    o.Append($"scalar@{s.Line} {(s.IsPlain ? "plain" : "quoted")} [{s.Value.Replace("\n", "\\n", StringComparison.Ordinal)}]\n");
                    break;
                case YamlSequence q:
                    o.Append($"sequence@{q.Line}\n");
                    foreach (var item in q.Items)
                    {
                        Write(item, depth + 1);
                    }

                    break;
                case YamlMapping m:
                    o.Append($"mapping@{m.Line}\n");
                    foreach (var (key, value) in m.Entries)
                    {
                        Write(key, depth + 1);
                        Write(value, depth + 2);
                    }

                    break;
                default:
                    o.Append("null\n");
                    break;
            }
        }
    }
}
