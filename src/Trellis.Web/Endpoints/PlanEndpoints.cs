using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Trellis.Registry;
using Trellis.Rules;
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

public sealed record PlanListView(int Count, IReadOnlyList<PlanSummary> Plans);

public sealed record PlanCreated(Guid Id);

/// <summary>
/// Saved plans: create, list, read, replace and delete. Each plan has a version, sent as its
/// <c>ETag</c> (<c>"3"</c>). <c>PUT</c> needs <c>If-Match</c> with the version the edit started
/// from (428 without it; 412 when someone saved in between); <c>DELETE</c> honours <c>If-Match</c>
/// when given. A refused request changes nothing.
/// </summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans");
        group.MapPost("/", Create).WithName("CreatePlan")
            .Accepts<string>(false, "application/yaml", "application/json")
            .WithSummary("Save a plan (YAML or JSON); 201 with its id and ETag")
            .WithDescription("`name` overrides the plan's own name. A plan with errors is refused with 400 and every diagnostic.");
        group.MapGet("/", List).WithName("ListPlans").WithSummary("Saved plans, most recently changed first");
        group.MapGet("/{id:guid}", Get).WithName("GetPlan").WithSummary("A saved plan with its text; its version is the ETag");
        group.MapGet("/{id:guid}/body", GetBody).WithName("GetPlanBody").WithSummary("A saved plan's text exactly as saved, as YAML or JSON");
        group.MapPut("/{id:guid}", Replace).WithName("ReplacePlan")
            .Accepts<string>(false, "application/yaml", "application/json")
            .WithSummary("Replace a saved plan; needs If-Match with its current ETag (412 when stale, 428 when missing)");
        group.MapGet("/{id:guid}/export", Export).WithName("ExportPlan")
            .WithSummary("A saved plan's assessment as json (that of trellis assess), md (a checklist by authority) or ics (deadlines), or its text as yaml")
            .WithDescription("`compare`, `asOf` and `without` as for POST /api/assess.");
        group.MapDelete("/{id:guid}", Delete).WithName("DeletePlan").WithSummary("Delete a saved plan; If-Match is honoured when given");
        return app;
    }

    public static string ETagOf(int version) => $"\"{version}\"";

    private static async Task<Results<Created<PlanCreated>, ProblemHttpResult>> Create(
        HttpRequest request, HttpResponse response, TrellisDb db, AgreementRegistry registry, IOptions<TrellisOptions> options,
        string? name = null, CancellationToken cancellationToken = default)
    {
        var (plan, problem) = await ReadPlanAsync(request, registry, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var now = DateTime.UtcNow;
        var saved = new SavedPlan { Id = Guid.CreateVersion7(), CreatedAt = now, Version = 1 };
        Apply(saved, plan!.Value.Text, plan.Value.Plan, name, now);
        db.Plans.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        response.Headers.ETag = ETagOf(saved.Version);
        return TypedResults.Created($"/api/plans/{saved.Id}", new PlanCreated(saved.Id));
    }

    private static async Task<Ok<PlanListView>> List(TrellisDb db, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking().OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PlanListView(plans.Count, plans.Select(PlanSummary.Of).ToArray()));
    }

    private static async Task<Results<Ok<PlanDocument>, ProblemHttpResult>> Get(Guid id, HttpResponse response, TrellisDb db, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return NoSuchPlan(id);
        }

        response.Headers.ETag = ETagOf(plan.Version);
        return TypedResults.Ok(PlanDocument.Of(plan));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetBody(Guid id, HttpResponse response, TrellisDb db, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return NoSuchPlan(id);
        }

        response.Headers.ETag = ETagOf(plan.Version);
        return TypedResults.Text(plan.Body, plan.Format == PlanFormats.Json ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(Guid id, TrellisDb db, AgreementRegistry registry, Assessor assessor, TimeProvider clock,
        HttpResponse response, string format = "json", bool compare = true, string? asOf = null, string[]? without = null, string? today = null,
        CancellationToken cancellationToken = default)
    {
        if (format is not ("json" or "yaml" or "md" or "ics"))
        {
            return Problems.BadQuery("format", $"format '{format}' is not offered; use json, yaml, md or ics");
        }

        var saved = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (saved is null)
        {
            return NoSuchPlan(id);
        }

        var file = string.Concat(saved.Name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')).Trim('-');
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
        Guid id, HttpRequest request, HttpResponse response, TrellisDb db, AgreementRegistry registry, IOptions<TrellisOptions> options,
        string? name = null, CancellationToken cancellationToken = default)
    {
        var ifMatch = request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count == 0)
        {
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "If-Match required",
                "send If-Match with the ETag of the version you edited (GET /api/plans/{id} returns it), so that a concurrent edit is not overwritten");
        }

        var saved = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (saved is null)
        {
            return NoSuchPlan(id);
        }

        if (!Matches(ifMatch, saved.Version))
        {
            return Stale(saved.Version);
        }

        var (plan, problem) = await ReadPlanAsync(request, registry, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        Apply(saved, plan!.Value.Text, plan.Value.Plan, name ?? saved.Name, DateTime.UtcNow);
        saved.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(null);
        }

        response.Headers.ETag = ETagOf(saved.Version);
        return TypedResults.Ok(PlanSummary.Of(saved));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpRequest request, TrellisDb db, CancellationToken cancellationToken)
    {
        var saved = await db.Plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (saved is null)
        {
            return NoSuchPlan(id);
        }

        var ifMatch = request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count > 0 && !Matches(ifMatch, saved.Version))
        {
            return Stale(saved.Version);
        }

        db.Plans.Remove(saved);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(null);
        }

        return TypedResults.NoContent();
    }

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

    internal static void Apply(SavedPlan saved, PlanText text, ActivityPlan plan, string? name, DateTime now)
    {
        var chosen = !string.IsNullOrWhiteSpace(name) ? name.Trim()
            : !string.IsNullOrWhiteSpace(plan.Name) ? plan.Name.Trim()
            : $"{plan.SendingState} in {plan.HostState} from {plan.Start:yyyy-MM-dd}";
        saved.Name = chosen.Length > SavedPlan.NameMaxLength ? chosen[..SavedPlan.NameMaxLength] : chosen;
        saved.Format = text.Format;
        saved.Body = text.Text;
        saved.SendingState = plan.SendingState;
        saved.HostState = plan.HostState;
        saved.Start = plan.Start;
        saved.End = plan.End;
        saved.UpdatedAt = now;
    }

    private static bool Matches(IList<EntityTagHeaderValue> ifMatch, int version) =>
        ifMatch.Any(tag => tag == EntityTagHeaderValue.Any || (!tag.IsWeak && tag.Tag.Value == ETagOf(version)));

    private static ProblemHttpResult NoSuchPlan(Guid id) => Problems.NotFound($"there is no saved plan {id}; GET /api/plans lists them");

    private static ProblemHttpResult Stale(int? current) =>
        TypedResults.Problem(
            "the plan was changed since you read it: GET it again, reapply your edit and send If-Match with the new ETag",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Plan changed meanwhile",
            extensions: current is { } v ? new Dictionary<string, object?> { ["currentETag"] = ETagOf(v) } : null);
}
