using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Registry;

namespace Trellis.Web.Endpoints;

/// <summary>The registry's agreements: <c>GET /api/agreements</c> and <c>GET /api/agreements/{id}</c>, the JSON of <c>trellis agreements --format json</c> and <c>trellis agreement ID --format json</c>.</summary>
public static class AgreementEndpoints
{
    public static IEndpointRouteBuilder MapAgreementEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agreements").WithTags("Agreements");
        group.MapGet("/", List).WithName("ListAgreements")
            .WithSummary("List agreements with their status on a day")
            .WithDescription("Filters combine. `between` is two ISO3 codes separated by a comma (`GBR,JPN`); `asOf` is YYYY-MM-DD (default today). The JSON is that of `trellis agreements --format json`.");
        group.MapGet("/{id}", Get).WithName("GetAgreement")
            .WithSummary("One agreement: parties, dates, status on a day, sources, confidence, notes");
        return app;
    }

    /// <summary>Builds the query from the request's parameters; the page /agreements uses it too.</summary>
    public static bool TryQuery(AgreementRegistry registry, string? state, string? between, string? type, string? status, string? asOf,
        DateOnly today, out AgreementQuery query, out ProblemHttpResult? problem)
    {
        query = new AgreementQuery { AsOf = today };
        if (!QueryValues.TryDay(asOf, "asOf", today, out var day, out problem))
        {
            return false;
        }

        query = query with { AsOf = day };
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!QueryValues.TryState(state, "state", registry, out var code, out problem))
            {
                return false;
            }

            query = query with { State = code };
        }

        if (!string.IsNullOrWhiteSpace(between))
        {
            var codes = between.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (codes.Length != 2)
            {
                problem = Problems.BadQuery("between", "between takes two state codes separated by a comma, e.g. between=GBR,JPN");
                return false;
            }

            if (!QueryValues.TryState(codes[0], "between", registry, out var a, out problem) || !QueryValues.TryState(codes[1], "between", registry, out var b, out problem))
            {
                return false;
            }

            query = query with { Between = (a, b) };
        }

        if (!string.IsNullOrWhiteSpace(type))
        {
            if (!AgreementTypes.TryParse(type.Trim(), out var parsed))
            {
                problem = Problems.BadQuery("type", $"type '{type}' is not a type; use one of: {string.Join(", ", AgreementTypes.Names)}", Diagnostics.DiagnosticCodes.UnknownType);
                return false;
            }

            query = query with { Type = parsed };
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            var match = Enum.GetValues<AgreementStatus>().Where(x => x.ToName() == status.Trim()).ToArray();
            if (match.Length != 1)
            {
                problem = Problems.BadQuery("status", $"status '{status}' is not a status; use negotiating, signed, in-force or ended");
                return false;
            }

            query = query with { Status = match[0] };
        }

        return true;
    }

    public static AgreementListView ListView(AgreementRegistry registry, AgreementQuery query)
    {
        var agreements = query.Run(registry);
        return new AgreementListView(query.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), agreements.Count,
            agreements.Select(a => AgreementView.Of(a, query.AsOf, query.Policy)).ToArray());
    }

    private static Results<Ok<AgreementListView>, ProblemHttpResult> List(AgreementRegistry registry, TimeProvider clock,
        string? state = null, string? between = null, string? type = null, string? status = null, string? asOf = null) =>
        TryQuery(registry, state, between, type, status, asOf, clock.Today(), out var query, out var problem)
            ? TypedResults.Ok(ListView(registry, query))
            : problem!;

    private static Results<Ok<AgreementView>, ProblemHttpResult> Get(AgreementRegistry registry, TimeProvider clock, string id, string? asOf = null)
    {
        if (!QueryValues.TryDay(asOf, "asOf", clock.Today(), out var day, out var problem))
        {
            return problem;
        }

        var agreement = registry.Lookup(id);
        if (agreement is null)
        {
            var hint = registry.AgreementHint(id);
            return Problems.NotFound($"there is no agreement '{id}'.{hint}");
        }

        return TypedResults.Ok(AgreementView.Of(agreement, day));
    }
}
