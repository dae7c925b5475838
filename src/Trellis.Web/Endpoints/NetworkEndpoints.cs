using Trellis.Network.Queries;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Network.Export;
using Trellis.Registry;

namespace Trellis.Web.Endpoints;

/// <summary>A node and its ties, for drawing: <c>GET /api/network/graph</c>.</summary>
public sealed record GraphNodeView(string Id, string Name, string Region);

public sealed record GraphTieView(string A, string B, string Agreement, string Type, string Layer, bool Hypothetical);

public sealed record GraphView(string AsOf, IReadOnlyList<string> Layers, IReadOnlyList<GraphNodeView> Nodes, IReadOnlyList<GraphTieView> Ties);

/// <summary>
/// The agreement network over the registry: metrics, timeline, hubs, what-if, candidates and
/// exports, with the JSON of the matching <c>trellis network</c> subcommand.
/// </summary>
public static class NetworkEndpoints
{
    public static IEndpointRouteBuilder MapNetworkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/network").WithTags("Network");
        group.MapGet("/metrics", Metrics).WithName("NetworkMetrics")
            .WithSummary("Every state's centrality, core number, clustering and community, and the graph's density and centralisation, on asOf")
            .WithDescription("`layers`: comma-separated subset of alliance, access, logistics, information, industrial, arrangement. JSON of `trellis network metrics --format json`.");
        group.MapGet("/graph", Graph).WithName("NetworkGraph").WithSummary("The states and ties in force on asOf, for drawing");
        group.MapGet("/timeline", TimelineOf).WithName("NetworkTimeline")
            .WithSummary("A metric on the same day (`day`, MM-DD) of every year from `from` to `to`, for `states` or the whole graph");
        group.MapGet("/hubs", Hubs).WithName("NetworkHubs")
            .WithSummary("Hub and spokes: the hub's alliance spokes, how far they link without it, and which spokes are hubs themselves (yearly with from/to)");
        group.MapGet("/whatif", WhatIfOf).WithName("NetworkWhatIf")
            .WithSummary("How metrics change when agreements are removed (`remove=ID`) or added (`add=ID`, or a hypothetical `add=AAA-BBB:type`)");
        group.MapGet("/candidates", CandidatesOf).WithName("NetworkCandidates")
            .WithSummary("Pairs of states without an agreement, ranked by the change a new one (of `type`) would make to `metric` (METRIC or METRIC:ISO3)");
        group.MapGet("/export", Export).WithName("NetworkExport")
            .WithSummary("The graph as GraphML, GEXF, a CSV edge list or GeoJSON; `allDates=true` exports every agreement with its dates")
            .WithDescription("GeoJSON places each state at its bundled point (data/states/points.yaml, from Natural Earth's 1:50m outlines) as the CLI does, " +
                             "or at the middle of its recorded facilities when it has none; a state with neither is left out with its ties and named in the " +
                             "`Trellis-Omitted` header.");
        return app;
    }

    public static bool TryOptions(string? layers, out GraphOptions options, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        options = GraphOptions.Default;
        problem = null;
        var names = AssessEndpoints.Split(layers is null ? null : [layers]);
        if (names.Length == 0)
        {
            return true;
        }

        var set = new HashSet<Layer>();
        foreach (var name in names)
        {
            if (!AgreementTypes.TryParseLayer(name, out var layer))
            {
                problem = Problems.BadQuery("layers", $"layers: '{name}' is not a layer; use alliance, access, logistics, information, industrial or arrangement");
                return false;
            }

            set.Add(layer);
        }

        options = options with { Layers = set };
        return true;
    }

    public static MetricsView MetricsOn(RegistrySource source, DateOnly day, GraphOptions options) =>
        MetricsView.Of(AgreementGraph.At(source, day, options).Metrics(new MetricOptions { CommunitySeed = 1, CommunityRuns = 10 }), day, source.Name, NetworkViews.LayerNames(options));

    public static GraphView GraphOn(RegistrySource source, AgreementRegistry registry, DateOnly day, GraphOptions options)
    {
        var graph = AgreementGraph.At(source, day, options);
        return new GraphView(NetworkViews.Day(day), NetworkViews.LayerNames(options),
            graph.Nodes.Order(StringComparer.Ordinal).Select(n => new GraphNodeView(n, registry.FindState(n)?.Name ?? n, registry.FindState(n)?.Region ?? "")).ToArray(),
            graph.Ties.Select(t => new GraphTieView(t.A, t.B, t.AgreementId, t.Type, t.Layer.ToName(), t.Hypothetical)).ToArray());
    }

    public static (WhatIfView? View, ProblemHttpResult? Problem) WhatIfOn(AgreementRegistry registry, DateOnly day, GraphOptions options, string[]? add, string[]? remove)
    {
        var added = new List<Agreement>();
        foreach (var item in AssessEndpoints.Split(add))
        {
            if (!TryAgreement(registry, item, "add", day, out var agreement, out var problem))
            {
                return (null, problem);
            }

            added.Add(agreement);
        }

        var removed = new List<Agreement>();
        foreach (var item in AssessEndpoints.Split(remove))
        {
            if (!TryAgreement(registry, item, "remove", null, out var agreement, out var problem))
            {
                return (null, problem);
            }

            removed.Add(agreement);
        }

        if (added.Count == 0 && removed.Count == 0)
        {
            return (null, Problems.BadQuery("add", "say what changes: add=ID or add=AAA-BBB:type, and/or remove=ID"));
        }

        return (WhatIfView.From(WhatIf.Run(registry, added, removed, day, options), options), null);
    }

    public static (HubsView? View, ProblemHttpResult? Problem) HubsOf(RegistrySource source, AgreementRegistry registry, string? hub, int from, int to, GraphOptions options)
    {
        var code = HubAndSpokes.DefaultHub;
        if (!string.IsNullOrWhiteSpace(hub) && !QueryValues.TryState(hub, "hub", registry, out code, out var problem))
        {
            return (null, problem);
        }

        if (to < from || from < 1 || to > 9999 || to - from > 200)
        {
            return (null, Problems.BadQuery("to", $"from {from} to {to}: give at most 200 years with from not after to"));
        }

        var reports = HubAndSpokes.Yearly(source, from, to, 1, 1, options, code, HubAndSpokes.DefaultThreshold);
        return (HubsView.From(reports, code, HubAndSpokes.DefaultThreshold, source.Name, options), null);
    }

    private static Results<Ok<MetricsView>, ProblemHttpResult> Metrics(RegistrySource source, TimeProvider clock, string? asOf = null, string? layers = null)
    {
        if (!QueryValues.TryDay(asOf, "asOf", clock.Today(), out var day, out var problem) || !TryOptions(layers, out var options, out problem))
        {
            return problem;
        }

        return TypedResults.Ok(MetricsOn(source, day, options));
    }

    private static Results<Ok<GraphView>, ProblemHttpResult> Graph(RegistrySource source, AgreementRegistry registry, TimeProvider clock, string? asOf = null, string? layers = null)
    {
        if (!QueryValues.TryDay(asOf, "asOf", clock.Today(), out var day, out var problem) || !TryOptions(layers, out var options, out problem))
        {
            return problem;
        }

        return TypedResults.Ok(GraphOn(source, registry, day, options));
    }

    private static Results<Ok<TimelineView>, ProblemHttpResult> TimelineOf(RegistrySource source, AgreementRegistry registry,
        int from, int to, string? day = null, string? metric = null, string? states = null, string? layers = null)
    {
        if (to < from || from < 1 || to > 9999 || to - from > 200)
        {
            return Problems.BadQuery("to", $"from {from} to {to}: give at most 200 years with from not after to");
        }

        var (month, dayOfMonth) = (1, 1);
        if (!string.IsNullOrWhiteSpace(day))
        {
            if (!DateOnly.TryParseExact("2000-" + day.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                return Problems.BadQuery("day", $"day '{day}' should be MM-DD, e.g. 01-01", DiagnosticCodes.InvalidDate);
            }

            (month, dayOfMonth) = (parsed.Month, parsed.Day);
        }

        var m = MetricCatalog.Find(metric ?? "degree");
        if (m is null)
        {
            return Problems.BadQuery("metric", $"metric '{metric}' is not a metric; use one of: {string.Join(", ", MetricCatalog.Names)}", DiagnosticCodes.UnknownMetric);
        }

        if (!TryOptions(layers, out var options, out var problem))
        {
            return problem;
        }

        var points = Timeline.Yearly(source, from, to, month, dayOfMonth, options, new MetricOptions { Metrics = m.Needs == MetricSet.None ? MetricSet.Degree : m.Needs });
        var wanted = new List<string>();
        if (!m.IsGraph)
        {
            foreach (var s in AssessEndpoints.Split(states is null ? null : [states]))
            {
                if (!QueryValues.TryState(s, "states", registry, out var code, out problem))
                {
                    return problem;
                }

                wanted.Add(code);
            }
        }

        return TypedResults.Ok(TimelineView.From(points, m, wanted, month, dayOfMonth, source.Name, options));
    }

    private static Results<Ok<HubsView>, ProblemHttpResult> Hubs(RegistrySource source, AgreementRegistry registry, int from, int to, string? hub = null, string? layers = null)
    {
        if (!TryOptions(layers, out var options, out var problem))
        {
            return problem;
        }

        var (view, hubProblem) = HubsOf(source, registry, hub, from, to, options);
        return hubProblem is not null ? hubProblem : TypedResults.Ok(view!);
    }

    private static Results<Ok<WhatIfView>, ProblemHttpResult> WhatIfOf(AgreementRegistry registry, TimeProvider clock, string? asOf = null, string[]? add = null, string[]? remove = null, string? layers = null)
    {
        if (!QueryValues.TryDay(asOf, "asOf", clock.Today(), out var day, out var problem) || !TryOptions(layers, out var options, out problem))
        {
            return problem;
        }

        var (view, whatIfProblem) = WhatIfOn(registry, day, options, add, remove);
        return whatIfProblem is not null ? whatIfProblem : TypedResults.Ok(view!);
    }

    private static Results<Ok<CandidatesView>, ProblemHttpResult> CandidatesOf(RegistrySource source, AgreementRegistry registry, TimeProvider clock,
        string? asOf = null, string? among = null, string? type = null, string? metric = null, int top = 20, string? layers = null)
    {
        if (!QueryValues.TryDay(asOf, "asOf", clock.Today(), out var day, out var problem) || !TryOptions(layers, out var options, out problem))
        {
            return problem;
        }

        var parsed = NetworkQueries.Candidates(registry, type, metric, top, AssessEndpoints.Split(among is null ? null : [among]), options, field => field);
        if (parsed.HasErrors || parsed.Value is not { } query)
        {
            var d = parsed.Diagnostics.First(x => x.Severity == Severity.Error);
            return Problems.BadQuery(d.File ?? "", d.Message, d.Code);
        }

        var total = 0;
        var ranked = Candidates.Rank(AgreementGraph.At(source, day, options), query, progress: (_, all) => total = all);
        return TypedResults.Ok(CandidatesView.From(ranked, total, query, day, source.Name, options));
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Export(
        RegistrySource source, AgreementRegistry registry, Geo.StatePoints points, HttpResponse response, TimeProvider clock,
        string format, string? asOf = null, bool allDates = false, string? layers = null)
    {
        if (format is not ("graphml" or "gexf" or "csv" or "geojson"))
        {
            return Problems.BadQuery("format", $"format '{format}' is not offered; use graphml, gexf, csv or geojson");
        }

        if (!QueryValues.TryDay(asOf, "asOf", clock.Today(), out var day, out var problem) || !TryOptions(layers, out var options, out problem))
        {
            return problem;
        }

        var layerText = string.Join(", ", NetworkViews.LayerNames(options));
        var graph = allDates
            ? ExportGraph.History(source, options, $"{source.Name}, every agreement ever in force, layers: {layerText}")
            : ExportGraph.Of(AgreementGraph.At(source, day, options), source, $"{source.Name}, in force on {NetworkViews.Day(day)}, layers: {layerText}");
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), leaveOpen: true))
        {
            switch (format)
            {
                case "graphml":
                    Exporters.WriteGraphMl(graph, writer);
                    break;
                case "gexf":
                    Exporters.WriteGexf(graph, writer);
                    break;
                case "geojson":
                    var places = points.PlacesOf(graph.Nodes, registry.Facilities); // as `trellis network export --format geojson`
                    Exporters.WriteGeoJson(graph, places, writer);
                    var omitted = graph.Nodes.Where(n => !places.ContainsKey(n)).ToArray();
                    if (omitted.Length > 0)
                    {
                        response.Headers["Trellis-Omitted"] = string.Join(',', omitted);
                    }

                    break;
                default:
                    Exporters.WriteCsv(graph, writer);
                    break;
            }
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        return TypedResults.Text(text, format switch
        {
            "graphml" => "application/graphml+xml; charset=utf-8",
            "gexf" => "application/gexf+xml; charset=utf-8",
            "geojson" => "application/geo+json; charset=utf-8",
            _ => "text/csv; charset=utf-8",
        });
    }

    /// <summary>
    /// A registry agreement by id, or — for <paramref name="hypotheticalDay"/> — a hypothetical one
    /// written <c>AAA-BBB:type</c> (e.g. <c>JPN-PHL:raa</c>), in force from that day.
    /// </summary>
    public static bool TryAgreement(AgreementRegistry registry, string text, string parameter, DateOnly? hypotheticalDay,
        [NotNullWhen(true)] out Agreement? agreement, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        agreement = registry.Lookup(text);
        if (agreement is not null)
        {
            return true;
        }

        var parts = text.Split(':', 2);
        var pair = parts[0].Split('-', StringSplitOptions.TrimEntries);
        if (hypotheticalDay is { } day && parts.Length == 2 && pair.Length == 2)
        {
            if (!QueryValues.TryState(pair[0], parameter, registry, out var a, out problem) || !QueryValues.TryState(pair[1], parameter, registry, out var b, out problem))
            {
                return false;
            }

            if (!AgreementTypes.TryParse(parts[1].Trim(), out var type) || a == b)
            {
                problem = Problems.BadQuery(parameter, $"{parameter}: '{text}' should be two different states and a type, e.g. JPN-PHL:raa ({string.Join(", ", AgreementTypes.Names)})", DiagnosticCodes.UnknownType);
                return false;
            }

            var id = $"hypothetical-{a.ToLowerInvariant()}-{b.ToLowerInvariant()}-{type.ToName()}";
            var date = PartialDate.FromDate(day);
            agreement = new Agreement(id, $"Hypothetical {type.ToName()} between {a} and {b}", $"{a}–{b} {type.ToName()} (hypothetical)", type, [a, b],
                null, date, date, null, [], Confidence.Low) { Hypothetical = true };
            return true;
        }

        var hint = registry.AgreementHint(text);
        problem = TypedResults.Problem($"{parameter}: there is no agreement '{text}' in the registry{(hypotheticalDay is null ? "" : "; a hypothetical one is written AAA-BBB:type, e.g. JPN-PHL:raa")}.{hint}",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid request parameter",
            extensions: new Dictionary<string, object?> { ["code"] = DiagnosticCodes.UnknownId, ["parameter"] = parameter });
        return false;
    }

}
