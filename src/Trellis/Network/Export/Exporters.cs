using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network.Export;

/// <summary>What an export writes: the nodes, one edge per tie (agreement and pair), and where it came from.</summary>
/// <param name="Nodes">Node ids (ISO3), sorted.</param>
/// <param name="Ties">One per agreement and pair of its parties.</param>
/// <param name="NameOf">Display name of a node, or null.</param>
/// <param name="Weights">Tie weights, written as each edge's <c>weight</c>.</param>
/// <param name="Description">What the export holds, e.g. "registry, in force on 2026-01-01, all layers".</param>
public sealed record ExportGraph(IReadOnlyList<string> Nodes, IReadOnlyList<Tie> Ties, Func<string, string?> NameOf, TieWeights Weights, string Description)
{
    /// <summary>The snapshot's nodes and ties.</summary>
    public static ExportGraph Of(AgreementGraph graph, INetworkSource source, string description) =>
        new(graph.Nodes, graph.Ties, source.NameOf, graph.Options.Weights, description);

    /// <summary>Every tie ever in force in the selected layers, with its dates: for Gephi's timeline.</summary>
    public static ExportGraph History(INetworkSource source, GraphOptions options, string description)
    {
        var ties = source.AllTies(options.Policy).Where(t => options.Keeps(t.Layer)).ToArray();
        var nodes = ties.SelectMany(t => new[] { t.A, t.B }).Concat(options.IncludeUntied ? source.Nodes : [])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new(nodes, ties, source.NameOf, options.Weights, description);
    }

    internal double WeightOf(Tie t) => t.Weight ?? Weights.Of(t.Type);

    internal static string EdgeId(Tie t) => $"{t.AgreementId}/{t.A}-{t.B}";
}

/// <summary>A state's point on a map, for GeoJSON.</summary>
public sealed record Coordinates(double Lat, double Lon);

/// <summary>
/// Writers for GraphML, GEXF, CSV and GeoJSON. GraphML and GEXF carry one edge per tie with its agreement, type,
/// layer and dates (so NetworkX reads a multigraph and Gephi's timeline plays it); node ids are ISO3 codes.
/// </summary>
public static class Exporters
{
    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Indent = true,
        Encoding = new UTF8Encoding(false),
        OmitXmlDeclaration = false,
    };

    /// <summary>
    /// GraphML (http://graphml.graphdrawing.org): undirected, node attribute <c>label</c>; edge attributes <c>agreement</c>,
    /// <c>type</c>, <c>layer</c>, <c>multilateral</c>, <c>signed</c>, <c>inForce</c>, <c>ended</c> (as in the sources),
    /// <c>start</c>, <c>end</c> (ISO days; <c>end</c> exclusive) and <c>weight</c>. Absent values are left out.
    /// </summary>
    public static void WriteGraphMl(ExportGraph graph, TextWriter output)
    {
        using var x = XmlWriter.Create(output, XmlSettings);
        const string ns = "http://graphml.graphdrawing.org/xmlns";
        x.WriteStartDocument();
        x.WriteStartElement("graphml", ns);
        x.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        x.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        Key(x, "description", "graph", "description", "string");
        Key(x, "label", "node", "label", "string");
        string[] stringKeys = ["agreement", "type", "layer", "signed", "inForce", "ended", "start", "end"];
        foreach (var k in stringKeys)
        {
            Key(x, k, "edge", k, "string");
        }

        Key(x, "multilateral", "edge", "multilateral", "boolean");
        Key(x, "hypothetical", "edge", "hypothetical", "boolean");
        Key(x, "weight", "edge", "weight", "double");
        x.WriteStartElement("graph", ns);
        x.WriteAttributeString("id", "trellis");
        x.WriteAttributeString("edgedefault", "undirected");
        Data(x, "description", graph.Description);
        foreach (var n in graph.Nodes)
        {
            x.WriteStartElement("node", ns);
            x.WriteAttributeString("id", n);
            Data(x, "label", graph.NameOf(n) ?? n);
            x.WriteEndElement();
        }

        foreach (var t in graph.Ties)
        {
            x.WriteStartElement("edge", ns);
            x.WriteAttributeString("id", ExportGraph.EdgeId(t));
            x.WriteAttributeString("source", t.A);
            x.WriteAttributeString("target", t.B);
            Data(x, "agreement", t.AgreementId);
            Data(x, "type", t.Type);
            Data(x, "layer", t.Layer.ToName());
            Data(x, "multilateral", t.Multilateral ? "true" : "false");
            if (t.Hypothetical)
            {
                Data(x, "hypothetical", "true");
            }

            Data(x, "signed", t.Signed);
            Data(x, "inForce", t.InForce);
            Data(x, "ended", t.Ended);
            Data(x, "start", Day(t.Start));
            Data(x, "end", Day(t.End));
            Data(x, "weight", Number(graph.WeightOf(t)));
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndDocument();
        x.Flush();
        output.WriteLine();

        static void Key(XmlWriter x, string id, string target, string name, string type)
        {
            x.WriteStartElement("key", ns);
            x.WriteAttributeString("id", id);
            x.WriteAttributeString("for", target);
            x.WriteAttributeString("attr.name", name);
            x.WriteAttributeString("attr.type", type);
            x.WriteEndElement();
        }

        static void Data(XmlWriter x, string key, string? value)
        {
            if (value is null)
            {
                return;
            }

            x.WriteStartElement("data", ns);
            x.WriteAttributeString("key", key);
            x.WriteString(value);
            x.WriteEndElement();
        }
    }

    /// <summary>
    /// GEXF 1.2 (https://gexf.net), dynamic with <c>timeformat="date"</c>: each edge has <c>start</c> (entry into force)
    /// and <c>end</c> (its last day in force, inclusive as GEXF reads it), so Gephi's timeline shows the network
    /// grow; edge attributes as in GraphML.
    /// </summary>
    public static void WriteGexf(ExportGraph graph, TextWriter output)
    {
        using var x = XmlWriter.Create(output, XmlSettings);
        const string ns = "http://www.gexf.net/1.2draft";
        string[] attributes = ["agreement", "type", "layer", "multilateral", "signed", "inForce", "ended"];
        x.WriteStartDocument();
        x.WriteStartElement("gexf", ns);
        x.WriteAttributeString("version", "1.2");
        x.WriteStartElement("meta", ns);
        x.WriteElementString("creator", ns, "Trellis");
        x.WriteElementString("description", ns, graph.Description);
        x.WriteEndElement();
        x.WriteStartElement("graph", ns);
        x.WriteAttributeString("mode", "dynamic");
        x.WriteAttributeString("defaultedgetype", "undirected");
        x.WriteAttributeString("timeformat", "date");
        x.WriteStartElement("attributes", ns);
        x.WriteAttributeString("class", "edge");
        x.WriteAttributeString("mode", "static");
        for (var i = 0; i < attributes.Length; i++)
        {
            x.WriteStartElement("attribute", ns);
            x.WriteAttributeString("id", attributes[i]);
            x.WriteAttributeString("title", attributes[i]);
            x.WriteAttributeString("type", attributes[i] == "multilateral" ? "boolean" : "string");
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteStartElement("nodes", ns);
        foreach (var n in graph.Nodes)
        {
            x.WriteStartElement("node", ns);
            x.WriteAttributeString("id", n);
            x.WriteAttributeString("label", graph.NameOf(n) ?? n);
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteStartElement("edges", ns);
        foreach (var t in graph.Ties)
        {
            x.WriteStartElement("edge", ns);
            x.WriteAttributeString("id", ExportGraph.EdgeId(t));
            x.WriteAttributeString("source", t.A);
            x.WriteAttributeString("target", t.B);
            x.WriteAttributeString("weight", Number(graph.WeightOf(t)));
            if (t.Start is { } start)
            {
                x.WriteAttributeString("start", Day(start));
            }

            if (t.End is { } end)
            {
                x.WriteAttributeString("end", Day(end.AddDays(-1)));
            }

            x.WriteStartElement("attvalues", ns);
            string?[] values = [t.AgreementId, t.Type, t.Layer.ToName(), t.Multilateral ? "true" : "false", t.Signed, t.InForce, t.Ended];
            for (var i = 0; i < attributes.Length; i++)
            {
                if (values[i] is { } v)
                {
                    x.WriteStartElement("attvalue", ns);
                    x.WriteAttributeString("for", attributes[i]);
                    x.WriteAttributeString("value", v);
                    x.WriteEndElement();
                }
            }

            x.WriteEndElement();
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndDocument();
        x.Flush();
        output.WriteLine();
    }

    /// <summary>The columns of the CSV edge list, which <c>--source csv:FILE</c> reads back.</summary>
    public const string CsvHeader = "source,target,agreement,type,layer,multilateral,signed,inForce,ended,weight";

    /// <summary>CSV: one row per tie, columns <see cref="CsvHeader"/> (RFC 4180).</summary>
    public static void WriteCsv(ExportGraph graph, TextWriter output)
    {
        output.WriteLine(CsvHeader);
        foreach (var t in graph.Ties)
        {
            string?[] cells = [t.A, t.B, t.AgreementId, t.Type, t.Layer.ToName(), t.Multilateral ? "true" : "false", t.Signed, t.InForce, t.Ended, Number(graph.WeightOf(t))];
            output.WriteLine(string.Join(',', cells.Select(Csv)));
        }
    }

    /// <summary>
    /// GeoJSON (RFC 7946): a Point per node that has coordinates and a LineString per tie whose two ends have them,
    /// properties as in the CSV. Nodes without coordinates are left out, each reported by a warning; so are their ties.
    /// </summary>
    public static IReadOnlyList<Diagnostic> WriteGeoJson(ExportGraph graph, IReadOnlyDictionary<string, Coordinates> coordinates, TextWriter output)
    {
        var warnings = new List<Diagnostic>();
        var features = new List<object>();
        foreach (var n in graph.Nodes)
        {
            if (coordinates.TryGetValue(n, out var c))
            {
                features.Add(new
                {
                    type = "Feature",
                    geometry = new { type = "Point", coordinates = new[] { c.Lon, c.Lat } },
                    properties = new { id = n, name = graph.NameOf(n) },
                });
            }
            else
            {
                warnings.Add(Diagnostic.Warning(DiagnosticCodes.NoCoordinates,
                    $"{n} has no point (not on Natural Earth's 1:50m outlines, or not in the --coordinates file), so it and its ties are left out of the GeoJSON: give it with --coordinates FILE (iso3,lat,lon)", "--coordinates"));
            }
        }

        foreach (var t in graph.Ties)
        {
            if (coordinates.TryGetValue(t.A, out var a) && coordinates.TryGetValue(t.B, out var b))
            {
                features.Add(new
                {
                    type = "Feature",
                    geometry = new { type = "LineString", coordinates = new[] { new[] { a.Lon, a.Lat }, new[] { b.Lon, b.Lat } } },
                    properties = new
                    {
                        source = t.A, target = t.B, agreement = t.AgreementId, type = t.Type, layer = t.Layer.ToName(),
                        multilateral = t.Multilateral, signed = t.Signed, inForce = t.InForce, ended = t.Ended, weight = graph.WeightOf(t),
                    },
                });
            }
        }

        output.WriteLine(JsonSerializer.Serialize(new { type = "FeatureCollection", features }, Json.Options));
        return warnings;
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
