using System.Xml.Linq;
using Trellis.Network;
using Trellis.Network.Export;
using Trellis.Network.Import;
using Trellis.Registry;

namespace Trellis.Tests.Network;

public sealed class ExportTests
{
    private static readonly DateOnly Day = new(2026, 1, 1);

    private static (AgreementRegistry Registry, AgreementGraph Graph, RegistrySource Source) Sample()
    {
        using var data = new TempData();
        data.Agreement("gbr-jpn-raa")
            .Agreement("jpn-usa-mutual-defence", "[JPN, USA]", "mutual-defence", "1960-01-19", "1960-06-23")
            .Agreement("jpn-usa-logistics", "[JPN, USA]", "logistics", "1996-04-15", "1996-10")
            .Agreement("quad", "[AUS, JPN, USA]", "arrangement", "2007-05-25", "2007-05-25")
            .Agreement("aus-phl-vfa", "[AUS, PHL]", "vfa", "2007-05-31", "2012-09-29", "ended: \"2020-01-01\"");
        var registry = RegistryLoader.Load(data.Root).GetValueOrThrow();
        var source = new RegistrySource(registry);
        return (registry, AgreementGraph.At(source, Day), source);
    }

    [Fact]
    public void GraphMl_RoundTrip_OneEdgePerAgreementWithTypeAndDates()
    {
        var (_, graph, source) = Sample();
        var text = new StringWriter();
        Exporters.WriteGraphMl(ExportGraph.Of(graph, source, "test"), text);
        var doc = XDocument.Parse(text.ToString());
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var keys = doc.Root!.Elements(ns + "key").ToDictionary(k => (string)k.Attribute("id")!, k => (string)k.Attribute("attr.name")!);
        var g = doc.Root.Element(ns + "graph")!;
        Assert.Equal("undirected", (string)g.Attribute("edgedefault")!);
        Assert.Equal(graph.Nodes, g.Elements(ns + "node").Select(n => (string)n.Attribute("id")!));
        var edges = g.Elements(ns + "edge").Select(e => new
        {
            Source = (string)e.Attribute("source")!,
            Target = (string)e.Attribute("target")!,
            Data = e.Elements(ns + "data").ToDictionary(d => keys[(string)d.Attribute("key")!], d => d.Value),
        }).ToArray();
        Assert.Equal(graph.Ties.Count, edges.Length); // 6: RAA, mutual defence, logistics, 3 × Quad
        Assert.Equal(2, edges.Count(e => e.Source == "JPN" && e.Target == "USA" && !e.Data["agreement"].StartsWith("quad", StringComparison.Ordinal)));
        var raa = edges.Single(e => e.Data["agreement"] == "gbr-jpn-raa");
        Assert.Equal(("GBR", "JPN"), (raa.Source, raa.Target));
        Assert.Equal("raa", raa.Data["type"]);
        Assert.Equal("access", raa.Data["layer"]);
        Assert.Equal("2023-10-15", raa.Data["inForce"]);
        Assert.Equal("2023-10-15", raa.Data["start"]);
        Assert.Equal("false", raa.Data["multilateral"]);
        Assert.Equal("2", raa.Data["weight"]);
        var logistics = edges.Single(e => e.Data["agreement"] == "jpn-usa-logistics");
        Assert.Equal("1996-10", logistics.Data["inForce"]);
        Assert.Equal("1996-10-31", logistics.Data["start"]); // a partial date read as its last day, like the snapshot
        Assert.All(edges.Where(e => e.Data["agreement"] == "quad"), e => Assert.Equal("true", e.Data["multilateral"]));

        // Parsed back into a simple graph, the metrics are the same.
        var back = AgreementGraph.FromTies(
            edges.Select(e => new Tie(e.Source, e.Target, e.Data["agreement"], e.Data["type"],
                AgreementTypes.TryParseLayer(e.Data["layer"], out var l) ? l : Layer.Arrangement, e.Data["multilateral"] == "true")),
            Day);
        Assert.Equal(graph.Metrics().States, back.Metrics().States);
    }

    [Fact]
    public void Gexf_IsDynamicWithInclusiveEnds()
    {
        var (_, _, source) = Sample();
        var text = new StringWriter();
        Exporters.WriteGexf(ExportGraph.History(source, GraphOptions.Default, "all"), text);
        var doc = XDocument.Parse(text.ToString());
        XNamespace ns = "http://www.gexf.net/1.2draft";
        var graph = doc.Root!.Element(ns + "graph")!;
        Assert.Equal("dynamic", (string)graph.Attribute("mode")!);
        Assert.Equal("date", (string)graph.Attribute("timeformat")!);
        var vfa = graph.Element(ns + "edges")!.Elements(ns + "edge").Single(e => ((string)e.Attribute("id")!).StartsWith("aus-phl-vfa", StringComparison.Ordinal));
        Assert.Equal("2012-09-29", (string)vfa.Attribute("start")!);
        Assert.Equal("2019-12-31", (string)vfa.Attribute("end")!); // ended 2020-01-01 (exclusive) → last day in force
        Assert.Contains(graph.Element(ns + "nodes")!.Elements(ns + "node"), n => (string)n.Attribute("id")! == "PHL" && (string)n.Attribute("label")! == "Philippines");
    }

    [Fact]
    public void Csv_ReadBackAsSource_GivesTheSameMetrics()
    {
        var (registry, graph, source) = Sample();
        var text = new StringWriter();
        Exporters.WriteCsv(ExportGraph.History(source, GraphOptions.Default, "all"), text);
        Assert.StartsWith(Exporters.CsvHeader, text.ToString(), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"trellis-edges-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        var back = Importers.EdgeList(path, registry.States).GetValueOrThrow();
        Assert.Equal(graph.Metrics(), AgreementGraph.At(back, Day).Metrics(), new MetricsComparer());
        Assert.Contains(AgreementGraph.At(back, new DateOnly(2015, 1, 1)).Ties, t => t.AgreementId == "aus-phl-vfa");
        Assert.DoesNotContain(AgreementGraph.At(back, Day).Ties, t => t.AgreementId == "aus-phl-vfa");
    }

    [Fact]
    public void GeoJson_LeavesOutNodesWithoutCoordinates()
    {
        var (_, graph, source) = Sample();
        var text = new StringWriter();
        var coords = new Dictionary<string, Coordinates> { ["JPN"] = new(35.68, 139.69), ["GBR"] = new(51.5, -0.12) };
        var warnings = Exporters.WriteGeoJson(ExportGraph.Of(graph, source, "t"), coords, text);
        Assert.Equal(2, warnings.Count); // AUS, USA
        using var doc = System.Text.Json.JsonDocument.Parse(text.ToString());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(3, features.Length); // JPN, GBR, and the RAA between them
        Assert.Equal(139.69, features[1].GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
    }

    private sealed class MetricsComparer : IEqualityComparer<NetworkMetrics>
    {
        public bool Equals(NetworkMetrics? x, NetworkMetrics? y) => x is not null && y is not null && x.States.SequenceEqual(y.States) && x.Graph == y.Graph;

        public int GetHashCode(NetworkMetrics obj) => obj.States.Count;
    }
}
