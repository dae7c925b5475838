using System.Globalization;
using System.Text.Json.Nodes;

namespace Trellis.Geo;

/// <summary>
/// The documented JSON of a reach query (<c>docs/geography.md</c>). Stable: fields are only ever added.
/// Distances are in km, rounded to 0.1 km (the registry's coordinates are good to about 1 km).
/// </summary>
/// <param name="AsOf">The day, <c>YYYY-MM-DD</c>.</param>
public sealed record ReachView(ReachPointView Point, double RadiusKm, string AsOf, IReadOnlyList<StateReachView> States)
{
    public static ReachView Of(ReachResult result)
    {
        var q = result.Query;
        return new ReachView(
            new ReachPointView(q.Point.Lat, q.Point.Lon),
            q.RadiusKm,
            q.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            result.States.Select(s => new StateReachView(
                s.State,
                s.NearestKm is { } km ? ReachOutput.Km(km) : null,
                s.Facilities.Select(f => new ReachFacilityView(
                    f.Facility.Id, f.Facility.Name, f.Facility.Host, ReachOutput.Km(f.DistanceKm), f.Grant.GrantedBy,
                    f.Grants.Skip(1).Select(g => g.GrantedBy).ToArray())).ToArray())).ToArray());
    }
}

/// <summary>The query point in decimal degrees.</summary>
public sealed record ReachPointView(double Lat, double Lon);

/// <summary>One state: <c>nearestKm</c> is the nearest usable facility anywhere (null when none); <c>facilities</c> those within the radius.</summary>
public sealed record StateReachView(string State, double? NearestKm, IReadOnlyList<ReachFacilityView> Facilities);

/// <summary>
/// A usable facility; <c>grantedBy</c> is <c>territory</c> or an agreement id (the best basis, see
/// <see cref="ReachFacility.Grants"/>); <c>alsoGrantedBy</c> the other bases, best first (the table's <c>(+N)</c>).
/// </summary>
public sealed record ReachFacilityView(string Id, string Name, string Host, double DistanceKm, string GrantedBy, IReadOnlyList<string> AlsoGrantedBy);

/// <summary>Writes a reach result as GeoJSON (RFC 7946).</summary>
public static class ReachOutput
{
    /// <summary>A distance as output: km rounded to 0.1.</summary>
    public static double Km(double km) => Math.Round(km, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A FeatureCollection: first the reach circle (a Polygon, or a MultiPolygon when it crosses the
    /// antimeridian; properties <c>kind: "reach"</c>, <c>lat</c>, <c>lon</c>, <c>radiusKm</c>, <c>asOf</c>,
    /// <c>vertices</c>), then each facility that a listed state can use within the radius as a Point
    /// (properties <c>kind: "facility"</c>, <c>id</c>, <c>name</c>, <c>host</c>, <c>distanceKm</c>,
    /// <c>approximate</c>, and <c>users</c>: the states granted use, each with <c>grantedBy</c>), nearest first.
    /// </summary>
    public static string GeoJson(ReachResult result, int vertices = ReachCircle.DefaultVertices)
    {
        var q = result.Query;
        var features = new JsonArray();
        var polygons = ReachCircle.Polygons(q.Point, q.RadiusKm, vertices);
        JsonNode Rings(GeoPolygon p) => new JsonArray(p.Rings.Select(r => (JsonNode)new JsonArray(r.Select(Position).ToArray())).ToArray());
        var geometry = polygons.Count == 1
            ? new JsonObject { ["type"] = "Polygon", ["coordinates"] = Rings(polygons[0]) }
            : new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray(polygons.Select(Rings).ToArray()) };
        features.Add(new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = "reach",
            ["geometry"] = geometry,
            ["properties"] = new JsonObject
            {
                ["kind"] = "reach",
                ["lat"] = q.Point.Lat,
                ["lon"] = q.Point.Lon,
                ["radiusKm"] = q.RadiusKm,
                ["asOf"] = q.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["vertices"] = vertices,
            },
        });

        var byFacility = result.States
            .SelectMany(s => s.Facilities.Select(f => (s.State, f)))
            .GroupBy(x => x.f.Facility.Id, StringComparer.Ordinal)
            .Select(g => (Facility: g.First().f, Users: g.ToArray()))
            .OrderBy(x => x.Facility.DistanceKm)
            .ThenBy(x => x.Facility.Facility.Id, StringComparer.Ordinal);
        foreach (var (reached, users) in byFacility)
        {
            var f = reached.Facility;
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = f.Id,
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = Position([f.Lon, f.Lat]) },
                ["properties"] = new JsonObject
                {
                    ["kind"] = "facility",
                    ["id"] = f.Id,
                    ["name"] = f.Name,
                    ["host"] = f.Host,
                    ["distanceKm"] = Km(reached.DistanceKm),
                    ["approximate"] = f.Approximate,
                    ["users"] = new JsonArray(users.Select(u => (JsonNode)new JsonObject
                    {
                        ["state"] = u.State,
                        ["grantedBy"] = u.f.Grant.GrantedBy,
                    }).ToArray()),
                },
            });
        }

        var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        return collection.ToJsonString(Json.Options);
    }

    private static JsonNode Position(double[] lonLat) => new JsonArray(lonLat[0], lonLat[1]);
}
