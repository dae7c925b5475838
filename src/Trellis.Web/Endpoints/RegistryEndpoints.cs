using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Registry;

namespace Trellis.Web.Endpoints;

/// <summary>States of the registry, as <c>GET /api/states</c> returns them.</summary>
public sealed record StateListView(int Count, IReadOnlyList<State> States);

/// <summary>Facilities of the registry, as <c>GET /api/facilities</c> returns them.</summary>
public sealed record FacilityListView(int Count, IReadOnlyList<Facility> Facilities);

/// <summary>The registry's states and facilities.</summary>
public static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Registry");
        group.MapGet("/states", States).WithName("ListStates")
            .WithSummary("Every state of the registry, by ISO3 code, with its Correlates of War code and region");
        group.MapGet("/facilities", Facilities).WithName("ListFacilities")
            .WithSummary("Facilities with coordinates, their foreign users and the agreements that grant the use")
            .WithDescription("`host` keeps facilities in that state; `user` those a state is reported to use.");
        return app;
    }

    private static Results<Ok<StateListView>, ProblemHttpResult> States(AgreementRegistry registry, string? region = null)
    {
        var states = registry.States.AsEnumerable();
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (!Vocabulary.Regions.Contains(region.Trim()))
            {
                return Problems.BadQuery("region", $"region '{region}' is not a region; use one of: {string.Join(", ", Vocabulary.Regions)}");
            }

            states = states.Where(s => s.Region == region.Trim());
        }

        var list = states.ToArray();
        return TypedResults.Ok(new StateListView(list.Length, list));
    }

    private static Results<Ok<FacilityListView>, ProblemHttpResult> Facilities(AgreementRegistry registry, string? host = null, string? user = null)
    {
        var facilities = registry.Facilities.AsEnumerable();
        if (!string.IsNullOrWhiteSpace(host))
        {
            if (!QueryValues.TryState(host, "host", registry, out var code, out var problem))
            {
                return problem;
            }

            facilities = facilities.Where(f => f.Host == code);
        }

        if (!string.IsNullOrWhiteSpace(user))
        {
            if (!QueryValues.TryState(user, "user", registry, out var code, out var problem))
            {
                return problem;
            }

            facilities = facilities.Where(f => f.Users.Any(u => u.State == code));
        }

        var list = facilities.ToArray();
        return TypedResults.Ok(new FacilityListView(list.Length, list));
    }
}
