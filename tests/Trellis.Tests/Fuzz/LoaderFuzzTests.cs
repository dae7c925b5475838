using System.Text;
using CsCheck;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Network.Import;
using Trellis.Registry;
using Trellis.Rules;
using Trellis.Yaml;
using Xunit.Abstractions;

namespace Trellis.Tests.Fuzz;

/// <summary>
/// Bad input never crashes (issue 10 §6): every loader, fed mutations of the real files and generated
/// inputs, ends in a value or coded diagnostics — never an exception, a hang or unbounded allocation.
/// The tests run one at a time (one class), each within <see cref="Fuzzer.Budget"/>.
/// </summary>
public sealed class LoaderFuzzTests : IClassFixture<LoaderFuzzTests.Fixture>
{
    /// <summary>A copy of the bundled data in a temporary folder (mutated one file at a time) and the registry read from it.</summary>
    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Root = Path.Combine(Path.GetTempPath(), "trellis-fuzz-" + Guid.NewGuid().ToString("N"));
            foreach (var file in Directory.EnumerateFiles(Repo.Data, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(Root, Path.GetRelativePath(Repo.Data, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            Registry = RegistryLoader.Load(Root).GetValueOrThrow();
            DataBytes = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        }

        public string Root { get; }

        public AgreementRegistry Registry { get; }

        public long DataBytes { get; }

        public string[] Files(Func<string, bool> which) =>
            Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f))
                .Where(which).Order(StringComparer.Ordinal).ToArray();

        /// <summary>Writes <paramref name="bytes"/> over <paramref name="file"/>, runs <paramref name="run"/>, and puts the original back.</summary>
        public T WithFile<T>(string file, byte[] bytes, Func<T> run)
        {
            var path = Path.Combine(Root, file);
            var original = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes);
            try
            {
                return run();
            }
            finally
            {
                File.WriteAllBytes(path, original);
            }
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private readonly Fixture _data;
    private readonly ITestOutputHelper output;

    public LoaderFuzzTests(ITestOutputHelper output, Fixture data)
    {
        this.output = output;
        _data = data;
    }

    private static bool IsRules(string file) => Path.GetFileName(file) == "rules.yaml";

    [Fact]
    public void RegistryLoader_MutatedDataFiles_EndInTheRegistryOrDiagnostics()
    {
        var files = _data.Files(f => !IsRules(f));
        var gen = Gen.Select(Gen.Int[0, files.Length - 1], Mutations.Some, (f, m) => (File: files[f], Mutations: m));

        var counts = Fuzzer.Run("registry loader", gen, c =>
        {
            var bytes = Mutations.Apply(File.ReadAllBytes(Path.Combine(_data.Root, c.File)), c.Mutations);
            return _data.WithFile(c.File, bytes, () => Outcome.Of(RegistryLoader.Load(_data.Root), _data.DataBytes));
        }, iterations: 150, output, print: c => $"{c.File} {string.Join(" ", c.Mutations)}");

        Assert.True(counts.Cases > 0);
    }

    [Fact]
    public void RuleBook_MutatedRuleFiles_EndInTheRuleBookOrDiagnostics()
    {
        var files = _data.Files(IsRules);
        var gen = Gen.Select(Gen.Int[0, files.Length - 1], Mutations.Some, (f, m) => (File: files[f], Mutations: m));

        var counts = Fuzzer.Run("rule loader", gen, c =>
        {
            var bytes = Mutations.Apply(File.ReadAllBytes(Path.Combine(_data.Root, c.File)), c.Mutations);
            return _data.WithFile(c.File, bytes, () => Outcome.Of(RuleBook.Load(_data.Registry), _data.DataBytes));
        }, iterations: 300, output, print: c => $"{c.File} {string.Join(" ", c.Mutations)}");

        Assert.True(counts.Cases > 0);
    }

    [Fact]
    public void PlanLoader_MutatedSamplePlansInYamlAndJson_EndInAPlanOrDiagnostics()
    {
        var yaml = Directory.EnumerateFiles(Repo.Path_("samples", "plans"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var sources = yaml.Concat(yaml.Select(b => Encoding.UTF8.GetBytes(Json.Of(YamlDocument.Parse(Encoding.UTF8.GetString(b), "p", [])!)))).ToArray();
        var gen = Gen.Select(Gen.Int[0, sources.Length - 1], Mutations.Some, (s, m) => (Source: s, Mutations: m));
        using var temp = new TempFile(".yaml");

        var counts = Fuzzer.Run("plan loader (mutated samples, YAML and JSON)", gen, c =>
        {
            var bytes = Mutations.Apply(sources[c.Source], c.Mutations);
            File.WriteAllBytes(temp.Path, bytes);
            return Outcome.Of(PlanLoader.Load(temp.Path, _data.Registry), bytes.Length);
        }, iterations: 3000, output, print: c => $"{(c.Source < yaml.Length ? "yaml" : "json")} sample {c.Source % yaml.Length} {string.Join(" ", c.Mutations)}");

        Assert.True(counts.Values > 0, "no mutated plan loaded: the mutations are too destructive to prove anything");
    }

    [Fact]
    public void PlanLoader_GeneratedPlans_EndInAPlanOrDiagnostics()
    {
        var counts = Fuzzer.Run("plan loader (generated plans)", PlanGen.Plan, text =>
            Outcome.Of(PlanLoader.Parse(text, "plan", _data.Registry), Encoding.UTF8.GetByteCount(text)), iterations: 3000, output);

        Assert.True(counts.Values > 0, "no generated plan loaded: the generator proves little");
    }

    [Fact]
    public void Importers_GeneratedAndMutatedCsv_EndInASourceOrDiagnostics()
    {
        var fixtures = new[] { "atop_members.csv", "cow_by_member.csv", "cow_by_directed_yearly.csv", "dcad_dyadic.csv" }
            .Select(f => File.ReadAllBytes(Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", f))).ToArray();
        var mutated = Gen.Select(Gen.Int[0, fixtures.Length - 1], Mutations.Some, (f, m) => Mutations.Apply(fixtures[f], m));
        var gen = Gen.Select(Gen.Int[0, 4], Gen.Frequency((1, mutated), (1, CsvGen.Table)), (importer, bytes) => (Importer: importer, Bytes: bytes));
        var states = _data.Registry.States;
        using var temp = new TempFile(".csv");

        var counts = Fuzzer.Run("dataset importers (CSV)", gen, c =>
        {
            File.WriteAllBytes(temp.Path, c.Bytes);
            LoadResult<INetworkSource> result = c.Importer switch
            {
                0 => Widen(Importers.Atop(temp.Path, states)),
                1 => Widen(Importers.Cow(temp.Path, states)),
                2 => Widen(Importers.Dcad(temp.Path, states)),
                3 => Widen(Importers.Atop(temp.Path, states, ["defense", "consul"])),
                _ => Importers.EdgeList(temp.Path, states),
            };
            if (result.Value is { } source)
            {
                // The importers read lazily: ask for the ties of a few days too.
                foreach (var year in new[] { 1900, 1965, 2000, 2026 })
                {
                    _ = source.TiesOn(new DateOnly(year, 6, 30), PartialDatePolicy.Latest).Count;
                }
            }

            return Outcome.Of(result, c.Bytes.Length);
        }, iterations: 3000, output, print: c => $"importer {c.Importer}:\n{Encoding.UTF8.GetString(c.Bytes)}");

        Assert.True(counts.Values > 0);
    }

    private static LoadResult<INetworkSource> Widen(LoadResult<IDatasetSource> r) => new(r.Value, r.Diagnostics);
}

/// <summary>A temporary file, deleted on dispose.</summary>
internal sealed class TempFile(string extension) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"trellis-fuzz-{Guid.NewGuid():N}{extension}");

    public void Dispose() => File.Delete(Path);
}

/// <summary>A YAML tree written as JSON (plain scalars that read as JSON numbers, booleans or null stay bare).</summary>
internal static class Json
{
    public static string Of(YamlNode node)
    {
        var o = new StringBuilder();
        Write(node);
        return o.Append('\n').ToString();

        void Write(YamlNode n)
        {
            switch (n)
            {
                case YamlMapping m:
                    o.Append('{');
                    for (var i = 0; i < m.Entries.Count; i++)
                    {
                        o.Append(i > 0 ? ", " : "").Append(System.Text.Json.JsonSerializer.Serialize(((YamlScalar)m.Entries[i].Key).Value)).Append(": ");
                        Write(m.Entries[i].Value);
                    }

                    o.Append('}');
                    break;
                case YamlSequence s:
                    o.Append('[');
                    for (var i = 0; i < s.Items.Count; i++)
                    {
                        o.Append(i > 0 ? ", " : "");
                        Write(s.Items[i]);
                    }

                    o.Append(']');
                    break;
                case YamlScalar { IsPlain: true, Value: var v } when v is "true" or "false" or "null" || double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _) && !v.Contains('-', StringComparison.Ordinal):
                    o.Append(v);
                    break;
                case YamlScalar scalar:
                    o.Append(System.Text.Json.JsonSerializer.Serialize(scalar.Value));
                    break;
            }
        }
    }
}
