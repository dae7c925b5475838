using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trellis.Tests.Rules;

/// <summary>The plan, rules and parameters schemas agree with what the loaders accept.</summary>
public class RulesSchemaTests
{
    private const string Plan = "schemas/plan.schema.json";
    private const string Rules = "schemas/rules.schema.json";
    private const string Parameters = "schemas/parameters.schema.json";

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        void Add(string folder, string pattern, string schema, SearchOption option = SearchOption.TopDirectoryOnly)
        {
            var full = Path.Combine(SourceTree.Root, folder);
            if (!Directory.Exists(full))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(full, pattern, option).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(SourceTree.Root, file), schema);
            }
        }

        Add("data/baselines", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("data/agreements", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("samples/plans", "*.yaml", Plan);
        Add("data/parameters", "lead-times.yaml", Parameters);
        Add("data/parameters", "friction-plan.yaml", Plan);
        Add("tests/Trellis.Tests/Rules/fixtures/data/baselines", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("tests/Trellis.Tests/Rules/fixtures/data/agreements", "rules.yaml", Rules, SearchOption.AllDirectories);
        Add("tests/Trellis.Tests/Rules/fixtures/plans", "*.yaml", Plan);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void File_ValidatesAgainstItsSchema(string file, string schemaFile)
    {
        var result = Schema(schemaFile).Evaluate(Element(ToJson(File.ReadAllText(Path.Combine(SourceTree.Root, file)))),
            new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join(Environment.NewLine,
            (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Theory]
    [InlineData("data/parameters/lead-times.yaml", Parameters)]
    [InlineData("data/parameters/friction-plan.yaml", Plan)]
    public void BundledParameterFile_ReferencesItsSchema(string file, string schemaFile)
    {
        var path = Path.Combine(SourceTree.Root, file);
        var first = File.ReadLines(path).First();
        Assert.StartsWith("# yaml-language-server: $schema=", first);
        Assert.Equal(Path.GetFullPath(Path.Combine(SourceTree.Root, schemaFile)),
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, first["# yaml-language-server: $schema=".Length..].Trim())));
    }

    [Theory]
    [InlineData(Plan, "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: a, kind: vehicle, count: 1, armed: true }\n")]
    [InlineData(Plan, "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: a, kind: tank, count: 1 }\n")]
    [InlineData(Plan, "sendingState: GBR\nhostState: JPN\npurpose: exercise\nstart: 2027-03-01\nend: 2027-03-02\nelements:\n  - { id: a, kind: personnel, count: -1, category: member }\n")]
    [InlineData(Rules, "instrument: baseline-jpn\nrules:\n  - { id: jpn.a, title: t, citation: { article: x }, confidence: high, inform: { topic: other, text: x }, waive: [jpn.b] }\n")]
    [InlineData(Rules, "instrument: baseline-jpn\nrules:\n  - { id: jpn.a, title: t, citation: { article: x }, confidence: high, require: { kind: permit, authority: x, leadTime: { days: 1, unknown: true }, per: plan } }\n")]
    [InlineData(Parameters, "parameters:\n  - { name: a, label: x, leadTime: { unknown: true }, basis: y }\n")]
    public void Schema_RejectsWhatTheLoaderRejects(string schemaFile, string yaml) =>
        Assert.False(Schema(schemaFile).Evaluate(Element(ToJson(yaml))).IsValid);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>Each schema is built once: the library's global registry refuses a second schema with the same $id.</summary>
    private static JsonSchema Schema(string file) =>
        Schemas.GetOrAdd(file, f => new Lazy<JsonSchema>(() =>
            JsonSchema.FromText(File.ReadAllText(Path.Combine(SourceTree.Root, f)), new BuildOptions { SchemaRegistry = new SchemaRegistry() }))).Value;

    private static System.Text.Json.JsonElement Element(JsonNode? node) =>
        System.Text.Json.JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement;

    /// <summary>YAML to JSON with YAML 1.2 core-schema typing of plain scalars.</summary>
    private static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value ?? ""),
        YamlScalarNode q => JsonValue.Create(q.Value),
        _ => null,
    };

    private static JsonNode? Plain(string v)
    {
        if (v is "" or "null" or "~")
        {
            return null;
        }

        if (v is "true" or "false")
        {
            return JsonValue.Create(v == "true");
        }

        if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return JsonValue.Create(i);
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(v);
    }
}
