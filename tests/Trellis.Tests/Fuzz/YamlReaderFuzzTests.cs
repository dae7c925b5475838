using System.Text;
using CsCheck;
using Trellis.Tests.Yaml;
using Trellis.Yaml;
using Xunit.Abstractions;

namespace Trellis.Tests.Fuzz;

/// <summary>
/// The fast block-YAML reader against YamlDotNet on generated documents and mutated repository files:
/// whatever the fast reader accepts must be the full parser's tree (BlockYamlReaderTests holds the
/// named regressions), and neither may throw.
/// </summary>
public sealed class YamlReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Tokens =
    [
        "a", "id", "kind", "x y", "1", "-1", "1e3", "true", "tRuE", "\"true\"", "null", "~", ":", ": ", "- ", "? ", "-", "?", "#", " # c", "&a ", "*a", "!!str ",
        "|", ">", "|-", "[", "]", "{", "}", ",", "'", "\"", "''", "\\", "%", "@", "`", ":id", "a:b", "é", "日本", "\t", "  ", "    ", "\n", "\n", "\n", "\r\n",
    ];

    private static readonly Gen<string> Document = Gen.OneOf(Tokens).Array[1, 40].Select(t => string.Concat(t));

    [Fact]
    public void FastReader_GeneratedDocuments_BuildsTheFullParsersTreeOrDeclines()
    {
        var counts = Fuzzer.Run("YAML fast reader vs YamlDotNet (generated)", Document, text =>
        {
            BlockYamlReaderTests.AssertSameOrDeclined(text);
            var diagnostics = new List<Trellis.Diagnostics.Diagnostic>();
            var node = YamlDocument.Parse(text, "f.yaml", diagnostics);
            return new Outcome(node is not null, diagnostics, Encoding.UTF8.GetByteCount(text));
        }, iterations: 20_000, output);

        Assert.True(counts.Values > 100, "too few generated documents parse: the generator proves little");
    }

    [Fact]
    public void FastReader_MutatedRepositoryFiles_BuildsTheFullParsersTreeOrDeclines()
    {
        var sources = Directory.EnumerateFiles(Repo.Path_("samples", "plans"), "*.yaml")
            .Concat(Directory.EnumerateFiles(Repo.Data, "rules.yaml", SearchOption.AllDirectories).Take(6))
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var gen = Gen.Select(Gen.Int[0, sources.Length - 1], Mutations.Some, (s, m) => (Source: s, Mutations: m));

        var counts = Fuzzer.Run("YAML fast reader vs YamlDotNet (mutated files)", gen, c =>
        {
            var bytes = Mutations.Apply(sources[c.Source], c.Mutations);
            var text = Encoding.UTF8.GetString(bytes);
            BlockYamlReaderTests.AssertSameOrDeclined(text);
            var diagnostics = new List<Trellis.Diagnostics.Diagnostic>();
            var node = YamlDocument.Parse(text, "f.yaml", diagnostics);
            return new Outcome(node is not null, diagnostics, bytes.Length);
        }, iterations: 3000, output, print: c => $"source {c.Source} {string.Join(" ", c.Mutations)}: {Fuzzer.Excerpt(Mutations.Apply(sources[c.Source], c.Mutations), sources[c.Source])}");

        Assert.True(counts.Values > 0);
    }
}
