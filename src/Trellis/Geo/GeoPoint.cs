using System.Globalization;

namespace Trellis.Geo;

/// <summary>
/// A position on the Earth in decimal degrees (WGS 84 coordinates read on a sphere, see
/// <see cref="Geodesy"/>): latitude north positive in [−90, 90], longitude east positive in [−180, 180].
/// </summary>
public readonly record struct GeoPoint
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a coordinate is out of range or not a number.</summary>
    public GeoPoint(double lat, double lon)
    {
        if (Geodesy.LatitudeProblem(lat, nameof(lat)) is { } latProblem)
        {
            throw new ArgumentOutOfRangeException(nameof(lat), lat, latProblem);
        }

        if (Geodesy.LongitudeProblem(lon, nameof(lon)) is { } lonProblem)
        {
            throw new ArgumentOutOfRangeException(nameof(lon), lon, lonProblem);
        }

        Lat = lat;
        Lon = lon;
    }

    /// <summary>Latitude in degrees, north positive.</summary>
    public double Lat { get; }

    /// <summary>Longitude in degrees, east positive.</summary>
    public double Lon { get; }

    /// <summary><c>21.0000, 121.0000</c>: latitude then longitude, four decimals.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Lat:F4}, {Lon:F4}");
}

/// <summary>
/// Great-circle geometry on a sphere. Trellis reads coordinates on a sphere of the IUGG mean
/// radius <see cref="EarthRadiusKm"/> (R₁ = 6,371.0088 km), not on the WGS 84 ellipsoid: the
/// error is at most about 0.5 % of a distance, far below the uncertainty of the registry's
/// coordinates (rounded to 0.01°, about 1 km).
/// </summary>
public static class Geodesy
{
    /// <summary>The IUGG mean Earth radius R₁ = (2a + b) / 3 of WGS 84, in km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>
    /// The largest radius a reach query accepts: half the equatorial circumference of WGS 84
    /// (π × 6,378.137 km ≈ 20,037.5 km). Any radius from π × <see cref="EarthRadiusKm"/>
    /// (≈ 20,015.1 km) up covers the whole sphere.
    /// </summary>
    public const double MaxRadiusKm = 20037.5;

    /// <summary>Half the circumference of the sphere (π R): the distance to the antipode.</summary>
    public const double HalfCircumferenceKm = Math.PI * EarthRadiusKm;

    private const double Radians = Math.PI / 180.0;

    /// <summary>
    /// The great-circle distance in km between two points, by the haversine formula:
    /// a = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2), d = 2 R asin(√a). Accurate for all distances,
    /// including very short and antipodal ones.
    /// </summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b) => DistanceKm(a.Lat, a.Lon, b.Lat, b.Lon);

    /// <inheritdoc cref="DistanceKm(GeoPoint, GeoPoint)"/>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var phi1 = lat1 * Radians;
        var phi2 = lat2 * Radians;
        var sinDPhi = Math.Sin((lat2 - lat1) * Radians / 2);
        var sinDLambda = Math.Sin((lon2 - lon1) * Radians / 2);
        var h = (sinDPhi * sinDPhi) + (Math.Cos(phi1) * Math.Cos(phi2) * sinDLambda * sinDLambda);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Clamp(h, 0.0, 1.0)));
    }

    /// <summary>
    /// The point reached by going <paramref name="distanceKm"/> along a great circle from
    /// <paramref name="start"/> with initial bearing <paramref name="bearingDegrees"/> (0 north, 90 east).
    /// The longitude is normalised to [−180, 180].
    /// </summary>
    public static GeoPoint Destination(GeoPoint start, double bearingDegrees, double distanceKm)
    {
        var (lat, lon) = DestinationRaw(start, bearingDegrees, distanceKm);
        return new GeoPoint(lat, NormalizeLongitude(lon));
    }

    /// <summary>Like <see cref="Destination"/> but the longitude is start + Δλ with Δλ in (−180, 180], not normalised.</summary>
    internal static (double Lat, double Lon) DestinationRaw(GeoPoint start, double bearingDegrees, double distanceKm)
    {
        var delta = distanceKm / EarthRadiusKm;
        var theta = bearingDegrees * Radians;
        var phi1 = start.Lat * Radians;
        var sinPhi2 = (Math.Sin(phi1) * Math.Cos(delta)) + (Math.Cos(phi1) * Math.Sin(delta) * Math.Cos(theta));
        var phi2 = Math.Asin(Math.Clamp(sinPhi2, -1.0, 1.0));
        var dLambda = Math.Atan2(Math.Sin(theta) * Math.Sin(delta) * Math.Cos(phi1), Math.Cos(delta) - (Math.Sin(phi1) * sinPhi2));
        return (phi2 / Radians, start.Lon + (dLambda / Radians));
    }

    /// <summary>
    /// The middle of <paramref name="points"/> on the sphere: the direction of the mean of their unit vectors,
    /// so that longitudes average round the circle (179° E and 179° W give 180°, not 0°, as an arithmetic mean
    /// of longitudes would). Null for no points, or when the mean vector is (numerically) zero and no middle
    /// exists (two antipodes; points evenly round a great circle). A longitude of −180° is given as 180°.
    /// </summary>
    public static GeoPoint? Middle(IEnumerable<(double Lat, double Lon)> points)
    {
        double x = 0, y = 0, z = 0;
        var n = 0;
        foreach (var (lat, lon) in points)
        {
            var (phi, lambda) = (lat * Radians, lon * Radians);
            x += Math.Cos(phi) * Math.Cos(lambda);
            y += Math.Cos(phi) * Math.Sin(lambda);
            z += Math.Sin(phi);
            n++;
        }

        if (n == 0)
        {
            return null;
        }

        (x, y, z) = (x / n, y / n, z / n);
        var horizontal = Math.Sqrt((x * x) + (y * y));
        if (Math.Sqrt((horizontal * horizontal) + (z * z)) < 1e-9)
        {
            return null;
        }

        // Rounded to 1e-9° (0.1 mm) so that sums of sines that should cancel give 180°, not 179.99999999999997°.
        var latitude = Math.Round(Math.Atan2(z, horizontal) / Radians, 9);
        var longitude = horizontal < 1e-12 ? 0 : Math.Round(Math.Atan2(y, x) / Radians, 9);
        return new GeoPoint(latitude, longitude == -180.0 ? 180.0 : longitude);
    }

    /// <summary>
    /// Points along the shorter great circle from <paramref name="a"/> to <paramref name="b"/>, both ends
    /// included, <paramref name="segments"/> steps apart by spherical linear interpolation. Longitudes are
    /// unwrapped (no step jumps by more than 180°), so they run from <paramref name="a"/>'s longitude
    /// continuously and may leave [−180, 180]: a tie from Japan (138° E) to the United States (99° W)
    /// ends at 261°, across the Pacific. Antipodes have no shorter great circle: the path then goes by the
    /// meridian of <paramref name="a"/> through the pole nearer to it.
    /// </summary>
    public static IReadOnlyList<(double Lat, double Lon)> GreatCircle(GeoPoint a, GeoPoint b, int segments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        var (ax, ay, az) = Vector(a);
        var (bx, by, bz) = Vector(b);
        // atan2(|a × b|, a · b): accurate near 0 and near π, where acos of the dot product is not.
        var (cx, cy, cz) = ((ay * bz) - (az * by), (az * bx) - (ax * bz), (ax * by) - (ay * bx));
        var omega = Math.Atan2(Math.Sqrt((cx * cx) + (cy * cy) + (cz * cz)), (ax * bx) + (ay * by) + (az * bz));
        var path = new List<(double Lat, double Lon)>(segments + 1) { (a.Lat, a.Lon) };
        for (var i = 1; i <= segments; i++)
        {
            var t = (double)i / segments;
            double lat, lon;
            if (i == segments)
            {
                (lat, lon) = (b.Lat, b.Lon);
            }
            else if (omega < 1e-12)
            {
                (lat, lon) = (a.Lat, a.Lon);
            }
            else if (Math.PI - omega < 1e-9)
            {
                // Antipodes: along a's meridian over the nearer pole.
                var pole = a.Lat >= 0 ? 90.0 : -90.0;
                var distance = (Math.Abs(pole - a.Lat) + Math.Abs(pole - b.Lat)) * t;
                var over = Math.Abs(pole - a.Lat);
                (lat, lon) = distance <= over ? (a.Lat + (Math.Sign(pole) * distance), a.Lon) : (pole - (Math.Sign(pole) * (distance - over)), a.Lon + 180);
            }
            else
            {
                var (s, u) = (Math.Sin((1 - t) * omega) / Math.Sin(omega), Math.Sin(t * omega) / Math.Sin(omega));
                var (x, y, z) = ((s * ax) + (u * bx), (s * ay) + (u * by), (s * az) + (u * bz));
                (lat, lon) = (Math.Atan2(z, Math.Sqrt((x * x) + (y * y))) / Radians, Math.Atan2(y, x) / Radians);
            }

            var previous = path[^1].Lon;
            lon += Math.Round((previous - lon) / 360.0) * 360.0;
            path.Add((lat, lon));
        }

        return path;

        static (double X, double Y, double Z) Vector(GeoPoint p) =>
            (Math.Cos(p.Lat * Radians) * Math.Cos(p.Lon * Radians), Math.Cos(p.Lat * Radians) * Math.Sin(p.Lon * Radians), Math.Sin(p.Lat * Radians));
    }

    /// <summary>A longitude brought into [−180, 180].</summary>
    public static double NormalizeLongitude(double lon)
    {
        var x = ((lon + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        return x == -180.0 && lon > 0 ? 180.0 : x;
    }

    /// <summary>Null when <paramref name="lat"/> is a latitude; else a message naming <paramref name="name"/> that says how to fix it.</summary>
    public static string? LatitudeProblem(double lat, string name) =>
        double.IsFinite(lat) && lat is >= -90.0 and <= 90.0 ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{name} {lat} is not a latitude: give decimal degrees from -90 to 90, north positive (e.g. {name} 21.0)");

    /// <summary>Null when <paramref name="lon"/> is a longitude; else a message naming <paramref name="name"/> that says how to fix it.</summary>
    public static string? LongitudeProblem(double lon, string name) =>
        double.IsFinite(lon) && lon is >= -180.0 and <= 180.0 ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{name} {lon} is not a longitude: give decimal degrees from -180 to 180, east positive (e.g. {name} 121.0)");

    /// <summary>Null when <paramref name="radiusKm"/> is a usable radius; else a message naming <paramref name="name"/>.</summary>
    public static string? RadiusProblem(double radiusKm, string name) =>
        double.IsFinite(radiusKm) && radiusKm > 0 && radiusKm <= MaxRadiusKm ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{name} {radiusKm} is out of range: give a radius in km greater than 0 and at most {MaxRadiusKm:F1} (half the Earth's circumference)");
}
