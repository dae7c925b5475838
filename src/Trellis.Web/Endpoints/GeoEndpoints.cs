using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Diagnostics;
using Trellis.Geo;
using Trellis.Registry;

namespace Trellis.Web.Endpoints;

/// <summary>Geography: <c>GET /api/reach</c>, the JSON of <c>trellis reach --format json</c>.</summary>
public static class GeoEndpoints
{
    public static IEndpointRouteBuilder MapGeoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reach", Get).WithTags("Geography").WithName("Reach")
            .WithSummary("For each state, the facilities within radiusKm of (lat, lon) it can use on asOf, and the agreement that grants each")
            .WithDescription("`access` is `any` (default) or `reciprocal`; `state` keeps one state; `format=geojson` returns GeoJSON with the reach circle.");
        app.MapGet("/map/world.svg", (Map.WorldMap map, HttpRequest request, HttpResponse response) =>
        {
            // Drawn once per process; the browser keeps it for a day, so the map data is fetched once,
            // and after that revalidates it with its ETag (304, no body) until the map changes.
            response.Headers.CacheControl = "public, max-age=86400";
            response.Headers.ETag = map.ETag;
            return request.Headers.IfNoneMatch.Contains(map.ETag)
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Text(map.Svg, "image/svg+xml; charset=utf-8");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Parses the query and computes the reach; the map page uses it too.</summary>
    public static (ReachResult? Result, ProblemHttpResult? Problem) Run(AgreementRegistry registry, DateOnly today, string? lat, string? lon, string? radiusKm, string? asOf, string? state, string? access)
    {
        if (!TryNumber(lat, "lat", Geodesy.LatitudeProblem, out var latitude, out var problem)
            || !TryNumber(lon, "lon", Geodesy.LongitudeProblem, out var longitude, out problem)
            || !TryNumber(radiusKm, "radiusKm", Geodesy.RadiusProblem, out var radius, out problem)
            || !QueryValues.TryDay(asOf, "asOf", today, out var day, out problem))
        {
            return (null, problem);
        }

        string? code = null;
        if (!string.IsNullOrWhiteSpace(state) && !QueryValues.TryState(state, "state", registry, out code, out problem))
        {
            return (null, problem);
        }

        if (access is not (null or "" or "any" or "reciprocal"))
        {
            return (null, Problems.BadQuery("access", $"access '{access}' is not a policy; use any or reciprocal"));
        }

        var query = new ReachQuery(new GeoPoint(latitude, longitude), radius, day)
        {
            State = code,
            Policy = access == "reciprocal" ? AccessPolicy.ReciprocalTypes : AccessPolicy.AnyAccessType,
        };
        return (Reach.Compute(registry, query), null);
    }

    private static Results<Ok<ReachView>, ContentHttpResult, ProblemHttpResult> Get(AgreementRegistry registry, TimeProvider clock,
        string? lat = null, string? lon = null, string? radiusKm = null, string? asOf = null, string? state = null, string? access = null, string? format = null)
    {
        if (format is not (null or "" or "json" or "geojson"))
        {
            return Problems.BadQuery("format", $"format '{format}' is not offered; use json or geojson");
        }

        var (result, problem) = Run(registry, clock.Today(), lat, lon, radiusKm, asOf, state, access);
        if (problem is not null)
        {
            return problem;
        }

        return format == "geojson"
            ? TypedResults.Text(ReachOutput.GeoJson(result!), "application/geo+json; charset=utf-8")
            : TypedResults.Ok(ReachView.Of(result!));
    }

    private static bool TryNumber(string? text, string name, Func<double, string, string?> check, out double value, out ProblemHttpResult? problem)
    {
        problem = null;
        value = 0;
        if (string.IsNullOrWhiteSpace(text) || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            problem = Problems.BadQuery(name, $"{name} needs a number, e.g. lat=21&lon=121&radiusKm=600", DiagnosticCodes.InvalidOption);
            return false;
        }

        if (check(value, name) is { } message)
        {
            problem = Problems.BadQuery(name, message, DiagnosticCodes.InvalidOption);
            return false;
        }

        return true;
    }
}
