using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trellis.Tests;

/// <summary>Checks YAML files against the JSON Schemas in <c>schemas/</c>, as an editor would.</summary>
internal static class SchemaCheck
{
    private const string Marker = "# yaml-language-server: $schema=";

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>The schema at <paramref name="file"/> (relative to the repository root), built once.</summary>
    public static JsonSchema Schema(string file) =>
        Schemas.GetOrAdd(file, f => new Lazy<JsonSchema>(() =>
            JsonSchema.FromText(File.ReadAllText(Path.Combine(Repo.Root, f)), new BuildOptions { SchemaRegistry = new SchemaRegistry() }))).Value;

    /// <summary>Null when <paramref name="yaml"/> is valid against the schema; otherwise the errors, one per line.</summary>
    public static string? Errors(string schemaFile, string yaml)
    {
        var result = Schema(schemaFile).Evaluate(Element(ToJson(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? null
            : string.Join(Environment.NewLine, (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));
    }

    public static bool IsValid(string schemaFile, string yaml) => Errors(schemaFile, yaml) is null;

    /// <summary>Asserts that the file's first line points the YAML language server at <paramref name="schemaFile"/>.</summary>
    public static void AssertReferences(string file, string schemaFile)
    {
        var path = Path.Combine(Repo.Root, file);
        var first = File.ReadLines(path).First();
        Assert.StartsWith(Marker, first);
        Assert.Equal(Path.GetFullPath(Path.Combine(Repo.Root, schemaFile)),
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, first[Marker.Length..].Trim())));
    }

    private static System.Text.Json.JsonElement Element(JsonNode? node) =>
        System.Text.Json.JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement;

    /// <summary>YAML to JSON with YAML 1.2 core-schema typing of plain scalars.</summary>
    public static JsonNode? ToJson(string yaml)
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
