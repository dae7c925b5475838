using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Network.Export;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Geo;

/// <summary>
/// One point per state for drawing it on a world map (<c>data/states/points.yaml</c>; docs/data-format.md):
/// derived from Natural Earth's outlines, not a fact about the state, so the file says how it was made,
/// cites its source and carries a confidence. States too small for the outlines have no point.
/// </summary>
public sealed record StatePoints(IReadOnlyDictionary<string, Coordinates> Points, IReadOnlyList<string> NotOnTheMap, string SourceUrl, string Confidence)
{
    /// <summary>Where the table lives inside the data folder.</summary>
    public static readonly string RelativePath = Path.Combine("states", "points.yaml");

    /// <summary>Reads the table of <paramref name="registry"/>'s data folder (<see cref="RelativePath"/>).</summary>
    public static LoadResult<StatePoints> Load(AgreementRegistry registry) =>
        Load(Path.Combine(registry.DataDirectory ?? ".", RelativePath), registry);

    /// <summary>
    /// Where a state sits on a map: its point, or — lacking one — the middle of the facilities it hosts on
    /// the sphere (<see cref="Geodesy.Middle"/>; their coordinates are sourced in the registry); null when it
    /// has neither, or its facilities have no middle (two antipodes).
    /// </summary>
    public Coordinates? PlaceOf(string iso3, IReadOnlyList<Facility> facilities)
    {
        if (Points.TryGetValue(iso3, out var point))
        {
            return point;
        }

        // The mean of unit vectors, not of degrees: facilities at 179° E and 179° W have their middle at 180°, not 0°.
        return Geodesy.Middle(facilities.Where(f => f.Host == iso3).Select(f => (f.Lat, f.Lon))) is { } middle
            ? new Coordinates(middle.Lat, middle.Lon)
            : null;
    }

    /// <summary>The place of each of <paramref name="states"/> that has one (<see cref="PlaceOf"/>).</summary>
    public Dictionary<string, Coordinates> PlacesOf(IEnumerable<string> states, IReadOnlyList<Facility> facilities)
    {
        var places = new Dictionary<string, Coordinates>(StringComparer.Ordinal);
        foreach (var state in states)
        {
            if (PlaceOf(state, facilities) is { } place)
            {
                places[state] = place;
            }
        }

        return places;
    }

    /// <summary>Reads the table, checking every code against the registry and every point's range; every problem with its line.</summary>
    public static LoadResult<StatePoints> Load(string path, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        var file = RegistryLoader.Display(path);
        if (!DataFile.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile, "the table of state points is missing (data/states/points.yaml): restore it, or give --coordinates FILE", file));
            return new(null, diagnostics);
        }

        var f = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "the table of state points");
        if (f is null)
        {
            return new(null, diagnostics);
        }

        f.AllowOnly("source", "confidence", "method", "points", "notOnTheMap");
        var source = f.Mapping("source", "the source", required: true);
        source?.AllowOnly("url", "title");
        var url = source?.String("url", required: true);
        var confidence = f.Choice("confidence", ["high", "medium", "low"], required: true);
        f.String("method", required: true);

        var points = new Dictionary<string, Coordinates>(StringComparer.Ordinal);
        if (f.Mapping("points", "the points", required: true) is { } table)
        {
            foreach (var code in table.Keys())
            {
                if (!registry.HasState(code))
                {
                    table.Add(DiagnosticCodes.UnknownState, $"'{code}' is not a state code of data/states/states.yaml", table.LineOf(code));
                    continue;
                }

                if (table.Mapping(code, $"the point of {code}") is { } point)
                {
                    point.AllowOnly("lat", "lon");
                    var (lat, lon) = (point.Double("lat", required: true), point.Double("lon", required: true));
                    if (lat is { } la && lon is { } lo)
                    {
                        if (la is < -90 or > 90 || lo is < -180 or > 180)
                        {
                            point.Add(DiagnosticCodes.InvalidCoordinate, $"the point of {code} ({la.ToString(CultureInfo.InvariantCulture)}, {lo.ToString(CultureInfo.InvariantCulture)}) is off the globe: lat lies in -90..90, lon in -180..180", point.Line);
                        }
                        else
                        {
                            points[code] = new Coordinates(la, lo);
                        }
                    }
                }
            }
        }

        var missing = f.StringList("notOnTheMap").Select(x => x.Value).ToArray();
        return diagnostics.Any(d => d.Severity == Severity.Error) || url is null || confidence is null
            ? new(null, diagnostics)
            : new(new StatePoints(points, missing, url, confidence), diagnostics);
    }
}
