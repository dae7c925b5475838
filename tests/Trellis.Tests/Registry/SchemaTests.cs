using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trellis.Tests.Registry;

/// <summary>The JSON Schemas that editors use agree with the data the loader accepts.</summary>
public class SchemaTests
{
    public static TheoryData<string, string> DataFiles()
    {
        var data = new TheoryData<string, string>
        {
            { "data/states/states.yaml", "schemas/states.schema.json" },
            { "data/facilities/facilities.yaml", "schemas/facilities.schema.json" },
            { "data/exercises/exercises.yaml", "schemas/exercises.schema.json" },
        };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Data, "agreements"), "agreement.yaml", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(Repo.Root, file), "schemas/agreement.schema.json");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void DataFile_ValidatesAgainstItsSchemaAndReferencesIt(string file, string schemaFile)
    {
        var path = Path.Combine(Repo.Root, file);
        var firstLine = File.ReadLines(path).First();
        Assert.StartsWith("# yaml-language-server: $schema=", firstLine);
        var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, firstLine["# yaml-language-server: $schema=".Length..].Trim()));
        Assert.Equal(Path.GetFullPath(Path.Combine(Repo.Root, schemaFile)), referenced);

        var schema = Schema(schemaFile);
        var result = schema.Evaluate(Element(ToJson(path)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join(Environment.NewLine,
            (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void AgreementSchema_RejectsAnUnknownField()
    {
        var schema = Schema("schemas/agreement.schema.json");
        var json = ToJson(Path.Combine(Repo.Data, "agreements/gbr-jpn-raa/agreement.yaml"))!.AsObject();
        json["inforce"] = "2023-10-15";
        Assert.False(schema.Evaluate(Element(json)).IsValid);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>Each schema is built once: the library's global registry refuses a second schema with the same $id.</summary>
    private static JsonSchema Schema(string file) =>
        Schemas.GetOrAdd(file, f => new Lazy<JsonSchema>(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Repo.Root, f))))).Value;

    private static System.Text.Json.JsonElement Element(JsonNode? node) =>
        System.Text.Json.JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement;

    /// <summary>YAML to JSON with YAML 1.2 core-schema typing of plain scalars.</summary>
    private static JsonNode? ToJson(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
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
