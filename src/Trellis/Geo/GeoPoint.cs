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
