using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Trellis.Registry;
using Trellis.Rules;
using Trellis.Web.Accounts;
using Trellis.Web.Persistence;

namespace Trellis.Web.Endpoints;

/// <summary>A saved plan in lists.</summary>
public sealed record PlanSummary(Guid Id, string Name, string SendingState, string HostState, DateOnly Start, DateOnly End,
    string Format, DateTime CreatedAt, DateTime UpdatedAt, int Version)
{
    public static PlanSummary Of(SavedPlan p) => new(p.Id, p.Name, p.SendingState, p.HostState, p.Start, p.End, p.Format, p.CreatedAt, p.UpdatedAt, p.Version);
}

/// <summary>A saved plan with its text.</summary>
public sealed record PlanDocument(Guid Id, string Name, string SendingState, string HostState, DateOnly Start, DateOnly End,
    string Format, DateTime CreatedAt, DateTime UpdatedAt, int Version, string Body)
{
    public static PlanDocument Of(SavedPlan p) => new(p.Id, p.Name, p.SendingState, p.HostState, p.Start, p.End, p.Format, p.CreatedAt, p.UpdatedAt, p.Version, p.Body);
}

/// <summary>A page of saved plans: <c>count</c> plans on this page; <c>next</c>, the cursor of the next page, null on the last.</summary>
public sealed record PlanListView(int Count, IReadOnlyList<PlanSummary> Plans, string? Next = null);

public sealed record PlanCreated(Guid Id);

/// <summary>
/// Saved plans: create, list, read, replace and delete, for signed-in users (the Identity cookie or
/// <c>Authorization: Bearer</c> with a personal access token); each request is allowed or refused by
/// the policy for the plan's owner organisation (<see cref="PlanStore"/>): a plan the caller may not
/// see is 404, one they see but may not change 403. Each plan has a version, sent as its
/// <c>ETag</c> (<c>"3"</c>). <c>PUT</c> and <c>DELETE</c> need <c>If-Match</c> with the precise
/// version the change started from — 428 without it or with <c>*</c>; 412 when someone saved in
/// between. A refused request changes nothing.
/// </summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreatePlan")
            .Accepts<string>(false, "application/yaml", "application/json")
            .WithSummary("Save a plan (YAML or JSON) of your organisation; 201 with its id and ETag")
            .WithDescription("`name` overrides the plan's own name. A plan with errors is refused with 400 and every diagnostic. Needs the planner role.");
        group.MapGet("/", List).WithName("ListPlans").WithSummary("The saved plans you may read, most recently changed first (paginated)")
            .WithDescription("`limit` 1–200 (default 50); `cursor` from the previous page's `next`, which is null on the last page. `count` is the number of plans on this page.");
        group.MapGet("/{id:guid}", Get).WithName("GetPlan").WithSummary("A saved plan with its text; its version is the ETag");
        group.MapGet("/{id:guid}/body", GetBody).WithName("GetPlanBody").WithSummary("A saved plan's text exactly as saved, as YAML or JSON");
        group.MapPut("/{id:guid}", Replace).WithName("ReplacePlan")
            .Accepts<string>(false, "application/yaml", "application/json")
            .WithSummary("Replace a saved plan; needs If-Match with its current ETag (412 when stale, 428 when missing or *)");
        group.MapGet("/{id:guid}/export", Export).WithName("ExportPlan")
            .WithSummary("A saved plan's assessment as json (that of trellis assess), md (a checklist by authority) or ics (deadlines), or its text as yaml")
            .WithDescription("`compare`, `asOf` and `without` as for POST /api/assess.");
        group.MapDelete("/{id:guid}", Delete).WithName("DeletePlan").WithSummary("Delete a saved plan; needs If-Match with its current ETag (412 when stale, 428 when missing or *)");
        return app;
    }

    public static string ETagOf(int version) => $"\"{version}\"";

    private static async Task<Results<Created<PlanCreated>, ProblemHttpResult>> Create(
        HttpRequest request, HttpResponse response, CurrentActor current, PlanStore store, AgreementRegistry registry, IOptions<TrellisOptions> options,
        string? name = null, CancellationToken cancellationToken = default)
    {
        if (await current.GetAsync(cancellationToken) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var (plan, problem) = await ReadPlanAsync(request, registry, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var created = await store.CreateAsync(actor, plan!.Value.Text, plan.Value.Plan, name, cancellationToken);
        if (!created.Ok)
        {
            return Refused(created, Guid.Empty);
        }

        response.Headers.ETag = ETagOf(created.Plan!.Version);
        return TypedResults.Created($"/api/plans/{created.Plan.Id}", new PlanCreated(created.Plan.Id));
    }

    private static async Task<Results<Ok<PlanListView>, ProblemHttpResult>> List(CurrentActor current, PlanStore store, string? cursor = null, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        if (await current.GetAsync(cancellationToken) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var size = limit ?? PageCursor.DefaultPageSize;
        if (size is < 1 or > PageCursor.MaxPageSize)
        {
            return Problems.BadQuery("limit", $"limit must be between 1 and {PageCursor.MaxPageSize} (default {PageCursor.DefaultPageSize})");
        }

        if (await store.PageAsync(actor, cursor, size, cancellationToken) is not { } page)
        {
            return Problems.BadQuery("cursor", "the cursor is not one this API gave: pass the previous page's next, or start again without it");
        }

        return TypedResults.Ok(new PlanListView(page.Items.Count, page.Items.Select(PlanSummary.Of).ToArray(), page.Next));
    }

    private static async Task<Results<Ok<PlanDocument>, ProblemHttpResult>> Get(Guid id, HttpResponse response, CurrentActor current, PlanStore store, CancellationToken cancellationToken)
    {
        var (plan, problem) = await FindAsync(id, current, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        response.Headers.ETag = ETagOf(plan!.Version);
        return TypedResults.Ok(PlanDocument.Of(plan));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetBody(Guid id, HttpResponse response, CurrentActor current, PlanStore store, CancellationToken cancellationToken)
    {
        var (plan, problem) = await FindAsync(id, current, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        response.Headers.ETag = ETagOf(plan!.Version);
        return TypedResults.Text(plan.Body, plan.Format == PlanFormats.Json ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(Guid id, CurrentActor current, PlanStore store, AgreementRegistry registry, Assessor assessor,
        TimeProvider clock, HttpResponse response, string format = "json", bool compare = true, string? asOf = null, string[]? without = null, string? today = null,
        CancellationToken cancellationToken = default)
    {
        if (format is not ("json" or "yaml" or "md" or "ics"))
        {
            return Problems.BadQuery("format", $"format '{format}' is not offered; use json, yaml, md or ics");
        }

        var (saved, refused) = await FindAsync(id, current, store, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var file = string.Concat(saved!.Name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')).Trim('-');
        if (format == "yaml")
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{file}.{saved.Format}\"";
            return TypedResults.Text(saved.Body, saved.Format == PlanFormats.Json ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8");
        }

        var plan = new PlanText(saved.Body, saved.Format).Read(registry);
        if (plan.HasErrors || plan.Value is null)
        {
            return Problems.InvalidDocument("The saved plan no longer reads", plan.Diagnostics);
        }

        var (result, problem) = AssessEndpoints.Run(assessor, plan.Value, compare, asOf, without, today, clock);
        if (problem is not null)
        {
            return problem;
        }

        response.Headers.ContentDisposition = $"attachment; filename=\"{file}-assessment.{format}\"";
        var (body, contentType) = Planning.PlanExports.Assessment(result!, format, clock.GetUtcNow());
        return TypedResults.Text(body, contentType);
    }

    private static async Task<Results<Ok<PlanSummary>, ProblemHttpResult>> Replace(
        Guid id, HttpRequest request, HttpResponse response, CurrentActor current, PlanStore store, AgreementRegistry registry, IOptions<TrellisOptions> options,
        string? name = null, CancellationToken cancellationToken = default)
    {
        if (await current.GetAsync(cancellationToken) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var (versions, precondition) = ExpectedVersions(request, "edited");
        if (precondition is not null)
        {
            return precondition;
        }

        var found = await store.FindAsync(actor, id, cancellationToken);
        if (!found.Ok)
        {
            return Refused(found, id);
        }

        var (plan, problem) = await ReadPlanAsync(request, registry, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var replaced = await store.ReplaceAsync(actor, id, versions!, plan!.Value.Text, plan.Value.Plan, name, cancellationToken);
        if (!replaced.Ok)
        {
            return Refused(replaced, id);
        }

        response.Headers.ETag = ETagOf(replaced.Plan!.Version);
        return TypedResults.Ok(PlanSummary.Of(replaced.Plan));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpRequest request, CurrentActor current, PlanStore store, CancellationToken cancellationToken)
    {
        if (await current.GetAsync(cancellationToken) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var (versions, precondition) = ExpectedVersions(request, "are deleting");
        if (precondition is not null)
        {
            return precondition;
        }

        var deleted = await store.DeleteAsync(actor, id, versions!, cancellationToken);
        return deleted.Ok ? TypedResults.NoContent() : Refused(deleted, id);
    }

    private static async Task<(SavedPlan? Plan, ProblemHttpResult? Problem)> FindAsync(Guid id, CurrentActor current, PlanStore store, CancellationToken cancellationToken)
    {
        if (await current.GetAsync(cancellationToken) is not { } actor)
        {
            return (null, AccountEndpoints.NotSignedIn());
        }

        var found = await store.FindAsync(actor, id, cancellationToken);
        return found.Ok ? (found.Plan, null) : (null, Refused(found, id));
    }

    /// <summary>
    /// The versions <c>If-Match</c> names (strong ETags <c>"3"</c>); 428 when it is missing or names
    /// none precisely (<c>*</c>, weak or malformed tags): a change must say which version it started from.
    /// </summary>
    private static (IReadOnlyCollection<int>? Versions, ProblemHttpResult? Problem) ExpectedVersions(HttpRequest request, string doing)
    {
        var versions = request.GetTypedHeaders().IfMatch
            .Where(tag => !tag.IsWeak && tag != EntityTagHeaderValue.Any)
            .Select(tag => int.TryParse(tag.Tag.Value.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v > 0)
            .ToHashSet();
        return versions.Count > 0
            ? (versions, null)
            : (null, Problems.Status(StatusCodes.Status428PreconditionRequired, "If-Match required",
                $"send If-Match with the ETag of the version you {doing} (GET /api/plans/{{id}} returns it, e.g. \"3\"); * is not enough, so that a concurrent change is not overwritten"));
    }

    private static ProblemHttpResult Refused(PlanResult result, Guid id) => result.Outcome switch
    {
        PlanOutcome.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", result.Reason ?? "your roles do not allow this"),
        PlanOutcome.Stale => Stale(result.CurrentVersion),
        _ => NoSuchPlan(id),
    };

    private static async Task<((PlanText Text, ActivityPlan Plan)? Value, ProblemHttpResult? Problem)> ReadPlanAsync(
        HttpRequest request, AgreementRegistry registry, TrellisOptions options, CancellationToken cancellationToken)
    {
        var (text, problem) = await PlanBody.ReadAsync(request, options.MaxRequestBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var result = text!.Read(registry);
        if (result.HasErrors || result.Value is null)
        {
            return (null, Problems.InvalidDocument("The plan has errors", result.Diagnostics));
        }

        return ((text, result.Value), null);
    }

    private static ProblemHttpResult NoSuchPlan(Guid id) => Problems.NotFound($"there is no saved plan {id} that you may see; GET /api/plans lists yours");

    private static ProblemHttpResult Stale(int? current) =>
        TypedResults.Problem(
            "the plan was changed since you read it: GET it again, reapply your edit and send If-Match with the new ETag",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Plan changed meanwhile",
            extensions: current is { } v ? new Dictionary<string, object?> { ["currentETag"] = ETagOf(v) } : null);
}
