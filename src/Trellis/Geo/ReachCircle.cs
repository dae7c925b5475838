namespace Trellis.Geo;

/// <summary>A GeoJSON polygon: rings of [longitude, latitude] positions, the exterior ring first, each closed.</summary>
public sealed record GeoPolygon(IReadOnlyList<IReadOnlyList<double[]>> Rings);

/// <summary>
/// The boundary of a reach circle (a spherical cap) as GeoJSON polygons, following RFC 7946:
/// longitudes in [−180, 180], exterior rings counter-clockwise, holes clockwise, and a circle that
/// crosses the antimeridian cut in two. A circle around a pole is closed along the pole; a circle that
/// holds both poles is the whole map with the small circle around the antipode as a hole.
/// </summary>
public static class ReachCircle
{
    /// <summary>The number of vertices used unless told otherwise.</summary>
    public const int DefaultVertices = 128;

    /// <summary>
    /// One polygon when the circle does not cross the antimeridian, else two (a MultiPolygon).
    /// <paramref name="vertices"/> points are placed at equal bearings from the centre.
    /// </summary>
    public static IReadOnlyList<GeoPolygon> Polygons(GeoPoint centre, double radiusKm, int vertices = DefaultVertices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vertices, 8);
        if (Geodesy.RadiusProblem(radiusKm, nameof(radiusKm)) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), radiusKm, problem);
        }

        var world = Closed([[-180, -90], [180, -90], [180, 90], [-180, 90]]);
        var angular = radiusKm / Geodesy.EarthRadiusKm;
        var toNorth = (90 - centre.Lat) * Math.PI / 180;
        var toSouth = (90 + centre.Lat) * Math.PI / 180;
        var north = angular >= toNorth;
        var south = angular >= toSouth;
        if (angular >= Math.PI - 1e-9)
        {
            return [new GeoPolygon([world])];
        }

        if (north && south)
        {
            // The complement is a small cap around the antipode that holds neither pole: cut it out.
            var antipode = new GeoPoint(-centre.Lat, Geodesy.NormalizeLongitude(centre.Lon + 180));
            var holes = Split(Ring(antipode, Geodesy.HalfCircumferenceKm - radiusKm, vertices))
                .Select(r => Oriented(r, counterClockwise: false));
            return [new GeoPolygon([world, .. holes])];
        }

        var ring = Ring(centre, radiusKm, vertices);
        if (north || south)
        {
            return [new GeoPolygon([Oriented(AroundPole(ring, north ? 90 : -90), counterClockwise: true)])];
        }

        return Split(ring).Select(r => new GeoPolygon([Oriented(r, counterClockwise: true)])).ToArray();
    }

    /// <summary>The open ring of boundary points, with longitudes unwrapped around the centre's (they may leave [−180, 180]).</summary>
    private static List<double[]> Ring(GeoPoint centre, double radiusKm, int vertices)
    {
        var ring = new List<double[]>(vertices + 1);
        for (var i = 0; i < vertices; i++)
        {
            var (lat, lon) = Geodesy.DestinationRaw(centre, 360.0 * i / vertices, radiusKm);
            ring.Add([lon, lat]);
        }

        return ring;
    }

    /// <summary>A ring that holds no pole, cut at ±180° into one or two closed rings inside [−180, 180].</summary>
    private static IEnumerable<List<double[]>> Split(List<double[]> ring)
    {
        var min = ring.Min(p => p[0]);
        var max = ring.Max(p => p[0]);
        if (max > 180)
        {
            yield return Closed(Clip(ring, 180, keepBelow: true));
            yield return Closed(Shift(Clip(ring, 180, keepBelow: false), -360));
        }
        else if (min < -180)
        {
            yield return Closed(Clip(ring, -180, keepBelow: false));
            yield return Closed(Shift(Clip(ring, -180, keepBelow: true), 360));
        }
        else
        {
            yield return Closed(ring);
        }
    }

    /// <summary>A ring that winds once around a pole, cut at ±180° and closed along the pole.</summary>
    private static List<double[]> AroundPole(List<double[]> ring, double poleLat)
    {
        // Make longitudes continuous: over the ring they then grow (or fall) by almost 360°.
        var points = new List<double[]>(ring.Count);
        var previous = ring[0][0];
        foreach (var p in ring)
        {
            var lon = p[0] - (360 * Math.Round((p[0] - previous) / 360));
            points.Add([lon, p[1]]);
            previous = lon;
        }

        if (points[^1][0] < points[0][0])
        {
            points.Reverse();
        }

        // Start in [-180, 180), close the loop at start + 360, and prepend the same loop one turn
        // earlier, so that the positions cover [-180, 180] in order; keep that span.
        var shift = -360 * Math.Floor((points[0][0] + 180) / 360);
        var loop = points.Select(p => new[] { p[0] + shift, p[1] }).ToList();
        loop.Add([loop[0][0] + 360, loop[0][1]]);
        var twice = loop.Select(p => new[] { p[0] - 360, p[1] }).Concat(loop.Skip(1)).ToList();
        var result = new List<double[]>(ring.Count + 4);
        for (var i = 1; i < twice.Count; i++)
        {
            var (a, b) = (twice[i - 1], twice[i]);
            if (a[0] < -180 && b[0] >= -180)
            {
                result.Add([-180, Lerp(a, b, -180)]);
            }

            if (b[0] > -180 && b[0] < 180)
            {
                result.Add(b);
            }

            if (a[0] < 180 && b[0] >= 180)
            {
                result.Add([180, Lerp(a, b, 180)]);
                break;
            }
        }

        result.Add([180, poleLat]);
        result.Add([-180, poleLat]);
        return Closed(result);
    }

    private static double Lerp(double[] a, double[] b, double lon) =>
        b[0] == a[0] ? a[1] : a[1] + ((b[1] - a[1]) * (lon - a[0]) / (b[0] - a[0]));

    /// <summary>Sutherland–Hodgman clipping of a closed ring against the half-plane lon ≤ limit (or ≥ limit).</summary>
    private static List<double[]> Clip(List<double[]> ring, double limit, bool keepBelow)
    {
        bool Inside(double[] p) => keepBelow ? p[0] <= limit : p[0] >= limit;
        var output = new List<double[]>();
        var open = IsClosed(ring) ? ring.Take(ring.Count - 1).ToList() : ring;
        for (var i = 0; i < open.Count; i++)
        {
            var current = open[i];
            var previous = open[(i + open.Count - 1) % open.Count];
            if (Inside(current))
            {
                if (!Inside(previous))
                {
                    output.Add([limit, Lerp(previous, current, limit)]);
                }

                output.Add(current);
            }
            else if (Inside(previous))
            {
                output.Add([limit, Lerp(previous, current, limit)]);
            }
        }

        return output;
    }

    private static List<double[]> Shift(List<double[]> ring, double by) => ring.Select(p => new[] { p[0] + by, p[1] }).ToList();

    private static bool IsClosed(List<double[]> ring) =>
        ring.Count > 1 && ring[0][0] == ring[^1][0] && ring[0][1] == ring[^1][1];

    private static List<double[]> Closed(List<double[]> ring)
    {
        var rounded = ring.Select(p => new[] { Math.Round(p[0], 6), Math.Round(p[1], 6) }).ToList();
        if (!IsClosed(rounded))
        {
            rounded.Add([rounded[0][0], rounded[0][1]]);
        }

        return rounded;
    }

    /// <summary>Twice the signed area in the lon/lat plane; positive for a counter-clockwise ring.</summary>
    internal static double SignedArea(IReadOnlyList<double[]> ring)
    {
        var sum = 0.0;
        for (var i = 1; i < ring.Count; i++)
        {
            sum += (ring[i - 1][0] * ring[i][1]) - (ring[i][0] * ring[i - 1][1]);
        }

        return sum;
    }

    private static List<double[]> Oriented(List<double[]> ring, bool counterClockwise)
    {
        if (SignedArea(ring) > 0 != counterClockwise)
        {
            ring.Reverse();
        }

        return ring;
    }
}
