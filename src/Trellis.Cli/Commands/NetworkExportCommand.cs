using System.CommandLine;
using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Geo;
using Trellis.Network;
using Trellis.Network.Export;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network export</c>: the graph for Gephi, NetworkX, igraph, spreadsheets and maps.</summary>
public static class NetworkExportCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new NetworkOptions();
        var format = new Option<string>("--format")
        {
            Description = "graphml (NetworkX, igraph, Gephi), gexf (Gephi, with dates for its timeline), csv (edge list), geojson (map; states at the bundled points of data/states/points.yaml unless --coordinates is given).",
            HelpName = "FORMAT",
            Required = true,
        };
        format.AcceptOnlyFromAmong("graphml", "gexf", "csv", "geojson");
        var output = new Option<string?>("--output") { Description = "Write to FILE instead of standard output.", HelpName = "FILE" };
        var allDates = new Option<bool>("--all-dates") { Description = "Every agreement ever in force, each with its dates (for Gephi's timeline), instead of the snapshot on --as-of." };
        var coordinates = new Option<string?>("--coordinates") { Description = "CSV with columns iso3,lat,lon placing each state for geojson, instead of the bundled points (data/states/points.yaml).", HelpName = "FILE" };
        var command = new Command("export", "Write the graph (one edge per agreement and pair, with type and dates; node ids = ISO3) as GraphML, GEXF, CSV or GeoJSON.") { format };
        shared.AddGraphOptions(command);
        command.Options.Add(allDates);
        command.Options.Add(output);
        command.Options.Add(coordinates);
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var options = shared.Graph(parse);
            var source = shared.OpenSource(context, parse, registry);
            var layers = string.Join(", ", NetworkViews.LayerNames(options));
            ExportGraph graph;
            if (parse.GetValue(allDates))
            {
                if (parse.GetValue(shared.AsOf) is not null)
                {
                    throw CliException.Option("--all-dates", "--all-dates exports every date; leave out --as-of, or drop --all-dates for a snapshot");
                }

                graph = ExportGraph.History(source, options, $"{source.Name}, every agreement ever in force, layers: {layers}");
            }
            else
            {
                var day = shared.Day(parse);
                NetworkOptions.WarnCoverage(context, source, day);
                graph = ExportGraph.Of(AgreementGraph.At(source, day, options), source, $"{source.Name}, in force on {NetworkViews.Day(day)}, layers: {layers}");
            }

            var kind = parse.GetValue(format)!;
            var coordinatesFile = parse.GetValue(coordinates);
            var coords = kind != "geojson" ? new Dictionary<string, Coordinates>()
                : coordinatesFile is not null ? ReadCoordinates(coordinatesFile)
                : BundledPlaces(registry, graph.Nodes);
            var file = parse.GetValue(output);
            using (var writer = file is null ? null : new StreamWriter(file, false, new System.Text.UTF8Encoding(false)))
            {
                var o = writer ?? context.Out;
                switch (kind)
                {
                    case "graphml":
                        Exporters.WriteGraphMl(graph, o);
                        break;
                    case "gexf":
                        Exporters.WriteGexf(graph, o);
                        break;
                    case "csv":
                        Exporters.WriteCsv(graph, o);
                        break;
                    default:
                        context.WriteDiagnostics(Exporters.WriteGeoJson(graph, coords, o));
                        break;
                }
            }

            if (file is not null)
            {
                context.Err.WriteLine($"{graph.Nodes.Count} nodes, {graph.Ties.Count} edges written to {file}");
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    /// <summary>The states placed at the bundled points (data/states/points.yaml), else at their facilities.</summary>
    private static Dictionary<string, Coordinates> BundledPlaces(Registry.AgreementRegistry registry, IEnumerable<string> states)
    {
        var points = StatePoints.Load(registry);
        return points.HasErrors || points.Value is null ? throw new CliException(points.Diagnostics) : points.Value.PlacesOf(states, registry.Facilities);
    }

    private static Dictionary<string, Coordinates> ReadCoordinates(string file)
    {
        if (!Registry.DataFile.Exists(file))
        {
            throw new CliException([Diagnostic.Error(DiagnosticCodes.MissingFile, "the coordinates file does not exist: give a CSV with columns iso3,lat,lon", file)]);
        }

        // Through the core's one file guard: a regular UTF-8 file under the size limit, or a diagnostic.
        var problems = new List<Diagnostic>();
        var text = Registry.DataFile.ReadText(file, file, problems) ?? throw new CliException(problems);
        var result = new Dictionary<string, Coordinates>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        var header = lines.Length == 0 ? [] : lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int iso = Array.IndexOf(header, "iso3"), lat = Array.IndexOf(header, "lat"), lon = Array.IndexOf(header, "lon");
        if (iso < 0 || lat < 0 || lon < 0)
        {
            throw new CliException([Diagnostic.Error(DiagnosticCodes.MissingColumn, "the coordinates file needs the columns iso3, lat and lon", file, 1)]);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length <= Math.Max(iso, Math.Max(lat, lon)))
            {
                continue;
            }

            if (!double.TryParse(cells[lat], NumberStyles.Float, CultureInfo.InvariantCulture, out var la) || la is < -90 or > 90 ||
                !double.TryParse(cells[lon], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) || lo is < -180 or > 180)
            {
                throw new CliException([Diagnostic.Error(DiagnosticCodes.InvalidCoordinate, "lat must lie in -90..90 and lon in -180..180", file, i + 1)]);
            }

            result[cells[iso].Trim().ToUpperInvariant()] = new Coordinates(la, lo);
        }

        return result;
    }
}
