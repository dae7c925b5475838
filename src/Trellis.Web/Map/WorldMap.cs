using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Trellis.Web.Map;

/// <summary>
/// Country outlines from Natural Earth (npm <c>world-atlas</c> 2.0.2, <c>countries-110m.json</c>,
/// restored at build time and copied beside the app), drawn once as SVG in an equirectangular
/// projection: x = longitude, y = −latitude, so the view box is <c>-180 -90 360 180</c> and any
/// overlay uses plain degrees. Also gives each country a label point (the centroid of its largest
/// polygon), keyed by ISO3, for drawing ties between states.
/// </summary>
public sealed class WorldMap
{
    /// <summary>Where the build puts the TopoJSON file, beside the app.</summary>
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "map", "countries-110m.json");

    /// <summary>Natural Earth short names that differ from the registry's state names.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["United States of America"] = "USA", ["Bosnia and Herz."] = "BIH", ["Central African Rep."] = "CAF", ["Dem. Rep. Congo"] = "COD",
        ["Dominican Rep."] = "DOM", ["Eq. Guinea"] = "GNQ", ["Macedonia"] = "MKD", ["S. Sudan"] = "SSD", ["Solomon Is."] = "SLB",
        ["Turkey"] = "TUR", ["eSwatini"] = "SWZ",
        // names of the 1:50m outlines (data/states/points.yaml is derived from them)
        ["Antigua and Barb."] = "ATG", ["St. Kitts and Nevis"] = "KNA", ["Marshall Is."] = "MHL", ["São Tomé and Principe"] = "STP",
        ["St. Vin. and Gren."] = "VCT",
    };

    private readonly Lazy<(string Svg, Dictionary<string, (double Lon, double Lat)> Points)> _drawn;
    private string? _etag;

    public WorldMap(string file)
    {
        File = file;
        _drawn = new Lazy<(string, Dictionary<string, (double, double)>)>(() => Draw(file));
    }

    public string File { get; }

    public bool Available => System.IO.File.Exists(File);

    /// <summary>The outlines as a standalone SVG document (about 140 KB, 80 KB gzipped), one path per country.</summary>
    public string Svg => _drawn.Value.Svg;

    /// <summary>A strong HTTP entity tag of <see cref="Svg"/>: the first 16 hex digits of its SHA-256, quoted.</summary>
    public string ETag => _etag ??= $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Svg)))[..16]}\"";

    /// <summary>The label point of a country by registry name or ISO3 resolution, if it is on the map.</summary>
    public (double Lon, double Lat)? PointOf(string iso3) => _drawn.Value.Points.TryGetValue(iso3, out var p) ? p : null;

    /// <summary>Resolves Natural Earth names to ISO3 codes through the registry's names (call once at startup).</summary>
    public void UseNames(IEnumerable<Registry.State> states)
    {
        // The loader reports two states of one name (TRL011); the first stands here, so that the map never throws.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in states)
        {
            names.TryAdd(s.Name, s.Iso3);
        }

        _names = names;
    }

    private Dictionary<string, string> _names = new(StringComparer.Ordinal);

    private (string, Dictionary<string, (double, double)>) Draw(string file)
    {
        if (!System.IO.File.Exists(file))
        {
            throw new FileNotFoundException($"the map data {file} is missing: build the app (its build restores the npm package world-atlas and copies countries-110m.json)", file);
        }

        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(file));
        var root = document.RootElement;
        var transform = root.GetProperty("transform");
        var (sx, sy) = (transform.GetProperty("scale")[0].GetDouble(), transform.GetProperty("scale")[1].GetDouble());
        var (tx, ty) = (transform.GetProperty("translate")[0].GetDouble(), transform.GetProperty("translate")[1].GetDouble());
        var arcs = root.GetProperty("arcs").EnumerateArray().Select(arc =>
        {
            double x = 0, y = 0;
            return arc.EnumerateArray().Select(p =>
            {
                x += p[0].GetDouble();
                y += p[1].GetDouble();
                return (Lon: x * sx + tx, Lat: y * sy + ty);
            }).ToArray();
        }).ToArray();

        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-180 -90 360 180\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append("<rect x=\"-180\" y=\"-90\" width=\"360\" height=\"180\" fill=\"#eef3f8\"/>");
        svg.Append("<g fill=\"#d9dee4\" stroke=\"#9aa5b1\" stroke-width=\"0.15\" stroke-linejoin=\"round\">");
        var points = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var geometry in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            if (!geometry.TryGetProperty("arcs", out var arcRefs))
            {
                continue;
            }

            var name = geometry.TryGetProperty("properties", out var props) && props.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? arcRefs.EnumerateArray().Select(Rings).ToList()
                : [Rings(arcRefs)];
            svg.Append("<path d=\"");
            var outlines = new List<List<(double Lon, double Lat)>>();
            foreach (var polygon in polygons)
            {
                for (var r = 0; r < polygon.Count; r++)
                {
                    foreach (var piece in OnMap(polygon[r]))
                    {
                        for (var i = 0; i < piece.Count; i++)
                        {
                            svg.Append(i == 0 ? 'M' : 'L').Append(F(piece[i].Lon)).Append(',').Append(F(-piece[i].Lat));
                        }

                        svg.Append('Z');
                        if (r == 0)
                        {
                            outlines.Add(piece);
                        }
                    }
                }
            }

            svg.Append("\"><title>").Append(System.Net.WebUtility.HtmlEncode(name)).Append("</title></path>");
            var iso3 = Aliases.GetValueOrDefault(name) ?? _names.GetValueOrDefault(name);
            if (iso3 is not null && outlines.Count > 0)
            {
                var largest = outlines.OrderByDescending(r => Math.Abs(Area(r))).First();
                points[iso3] = Centroid(largest);
            }
        }

        svg.Append("</g></svg>");
        return (svg.ToString(), points);

        List<List<(double Lon, double Lat)>> Rings(JsonElement polygon) => polygon.EnumerateArray().Select(ring =>
        {
            var coordinates = new List<(double Lon, double Lat)>();
            foreach (var index in ring.EnumerateArray().Select(i => i.GetInt32()))
            {
                var arc = index >= 0 ? arcs[index] : arcs[~index].Reverse().ToArray();
                coordinates.AddRange(coordinates.Count == 0 ? arc : arc.Skip(1));
            }

            return coordinates;
        }).ToList();
    }

    /// <summary>
    /// How far beyond the map's edges (degrees) a ring is cut or closed, so that the outline drawn
    /// along the cut lies outside the view box and never shows as a line.
    /// </summary>
    internal const double Bleed = 1;

    /// <summary>
    /// A ring of the data as the pieces drawn on the map. Natural Earth (as world-atlas ships it)
    /// keeps rings that cross the antimeridian whole (Russia's Chukotka, Fiji) and closes
    /// Antarctica, which goes round the South Pole, by a jump from 180° to −180°; drawn as they are,
    /// each jump is a line across the whole map (Antarctica's was the stray horizontal line near
    /// the bottom of the map). Here the ring is unwrapped so that no step exceeds 180° of
    /// longitude, a ring round a pole is closed beyond that pole's edge of the map, and the result
    /// is cut to the map's width (plus <see cref="Bleed"/>), once for each 360° copy that shows.
    /// </summary>
    internal static List<List<(double Lon, double Lat)>> OnMap(IReadOnlyList<(double Lon, double Lat)> ring)
    {
        var pieces = new List<List<(double Lon, double Lat)>>();
        if (ring.Count < 3)
        {
            return pieces;
        }

        var unwrapped = new List<(double Lon, double Lat)>(ring.Count + 2) { ring[0] };
        double offset = 0;
        for (var i = 1; i < ring.Count; i++)
        {
            var step = ring[i].Lon + offset - unwrapped[^1].Lon;
            offset += step > 180 ? -360 : step < -180 ? 360 : 0;
            unwrapped.Add((ring[i].Lon + offset, ring[i].Lat));
        }

        if (Math.Abs(unwrapped[^1].Lon - unwrapped[0].Lon) > 180)
        {
            // Round a pole: go down (or up) past the map's edge, along it in steps of at most 90°, and back to the start.
            var pole = unwrapped.Average(p => p.Lat) < 0 ? -90 - Bleed : 90 + Bleed;
            var (from, to) = (unwrapped[^1].Lon, unwrapped[0].Lon);
            var steps = (int)Math.Ceiling(Math.Abs(to - from) / 90);
            for (var i = 0; i <= steps; i++)
            {
                unwrapped.Add((from + ((to - from) * i / steps), pole));
            }
        }

        if (unwrapped.Count > 1 && unwrapped[^1] == unwrapped[0])
        {
            unwrapped.RemoveAt(unwrapped.Count - 1);
        }

        var (west, east) = (unwrapped.Min(p => p.Lon), unwrapped.Max(p => p.Lon));
        foreach (var shift in (double[])[0, -360, 360])
        {
            if (east + shift <= -180 || west + shift >= 180)
            {
                continue;
            }

            var shifted = unwrapped.Select(p => (p.Lon + shift, p.Lat)).ToList();
            var piece = west + shift >= -180 && east + shift <= 180
                ? shifted
                : Cut(Cut(shifted, -180 - Bleed, keepEast: true), 180 + Bleed, keepEast: false);
            if (piece.Count >= 3)
            {
                pieces.Add(piece);
            }
        }

        return pieces;
    }

    /// <summary>The part of a ring east (or west) of a meridian (Sutherland–Hodgman against one line).</summary>
    private static List<(double Lon, double Lat)> Cut(List<(double Lon, double Lat)> ring, double meridian, bool keepEast)
    {
        var kept = new List<(double Lon, double Lat)>(ring.Count + 4);
        for (var i = 0; i < ring.Count; i++)
        {
            var (from, to) = (ring[i == 0 ? ring.Count - 1 : i - 1], ring[i]);
            if (Inside(to) != Inside(from))
            {
                var t = (meridian - from.Lon) / (to.Lon - from.Lon);
                kept.Add((meridian, from.Lat + (t * (to.Lat - from.Lat))));
            }

            if (Inside(to))
            {
                kept.Add(to);
            }
        }

        return kept;

        bool Inside((double Lon, double Lat) p) => keepEast ? p.Lon >= meridian : p.Lon <= meridian;
    }

    private static double Area(List<(double Lon, double Lat)> ring)
    {
        double a = 0;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            a += (ring[j].Lon * ring[i].Lat) - (ring[i].Lon * ring[j].Lat);
        }

        return a / 2;
    }

    private static (double Lon, double Lat) Centroid(List<(double Lon, double Lat)> ring)
    {
        double a = Area(ring), cx = 0, cy = 0;
        if (Math.Abs(a) < 1e-9)
        {
            return (ring.Average(p => p.Lon), ring.Average(p => p.Lat));
        }

        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var f = (ring[j].Lon * ring[i].Lat) - (ring[i].Lon * ring[j].Lat);
            cx += (ring[j].Lon + ring[i].Lon) * f;
            cy += (ring[j].Lat + ring[i].Lat) * f;
        }

        return (cx / (6 * a), cy / (6 * a));
    }

    private static string F(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
