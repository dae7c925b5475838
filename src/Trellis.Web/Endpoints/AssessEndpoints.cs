using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Web.Endpoints;

/// <summary>The friction matrix, as <c>trellis friction --format json</c> writes it.</summary>
public sealed record FrictionView(DateOnly AsOf, string Template, IReadOnlyList<FrictionRow> Pairs);

/// <summary>The coverage matrix, as <c>trellis coverage --format json</c> writes it.</summary>
public sealed record CoverageView(IReadOnlyList<CoverageCell> Cells);

/// <summary>
/// Assessment of activity plans: <c>POST /api/assess</c> answers with the JSON of
/// <c>trellis assess PLAN --format json</c> (with <c>compare</c>, that of <c>--compare</c>).
/// </summary>
public static class AssessEndpoints
{
    public static IEndpointRouteBuilder MapAssessEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Assessment");
        group.MapPost("/assess", Assess).WithName("Assess")
            .Accepts<string>(false, "application/yaml", "application/json")
            .WithSummary("Assess a plan: every filing, its authority, deadline and legal basis")
            .WithDescription("The body is a plan (docs/rules-format.md §1) as YAML or JSON. `compare=true` adds the host's baseline alone and the difference; " +
                             "`asOf` (YYYY-MM-DD) is the law date (default the plan's start); `today` (YYYY-MM-DD) the day the assessment is made, which decides what is overdue " +
                             "(default the server's clock); `without` switches agreements off (repeat it or separate ids by commas). " +
                             "The JSON is that of `trellis assess PLAN --format json`. A host without a baseline is 422 with code TRL209 (nothing can be assessed); " +
                             "counts × multiplicities that overflow are 400 with code TRL208.");
        group.MapGet("/friction", Friction).WithName("Friction")
            .WithSummary("The legal friction of every pair of states with a baseline, for a standard plan starting on asOf");
        group.MapGet("/coverage", (Assessor assessor) => TypedResults.Ok(new CoverageView(CoverageMatrix.Compute(assessor.Book))))
            .WithName("Coverage")
            .WithSummary("For every host with a baseline and every element kind: researched, partly or not researched (docs/assess.md)");
        return app;
    }

    /// <summary>
    /// Runs an assessment the way the API does; the planner page and the plan exports use it too.
    /// <paramref name="today"/> (YYYY-MM-DD) is the day the assessment is made; when empty, today by <paramref name="clock"/>.
    /// <paramref name="explain"/> records the trace (<see cref="Explanation.Of"/>), for the planner's explanations.
    /// </summary>
    public static (Assessment? Result, ProblemHttpResult? Problem) Run(Assessor assessor, ActivityPlan plan, bool compare, string? asOf, IEnumerable<string>? without,
        string? today, TimeProvider clock, bool explain = false)
    {
        var madeOn = clock.Today();
        if (!string.IsNullOrWhiteSpace(today))
        {
            if (!QueryValues.TryDay(today, "today", madeOn, out madeOn, out var problem))
            {
                return (null, problem);
            }
        }

        DateOnly? lawDate = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (!QueryValues.TryDay(asOf, "asOf", madeOn, out var day, out var problem))
            {
                return (null, problem);
            }

            lawDate = day;
        }

        var options = new AssessOptions
        {
            AsOf = lawDate,
            Without = Split(without),
            Today = madeOn,
            Explain = explain,
        };
        if (assessor.Check(options, "without", "GET /api/agreements") is { Count: > 0 } problems)
        {
            return (null, Problems.BadQuery("without", problems[0].Message, problems[0].Code));
        }

        if (assessor.CheckPlan(plan, options) is { Count: > 0 } notAssessable)
        {
            return (null, Problems.InvalidDocument("Nothing can be assessed", notAssessable, StatusCodes.Status422UnprocessableEntity));
        }

        try
        {
            return (compare ? assessor.Compare(plan, options) : assessor.Assess(plan, options), null);
        }
        catch (Diagnostics.DiagnosticException ex)
        {
            // Counts × multiplicities that overflow (TRL208): the plan's numbers, not a server error.
            return (null, Problems.InvalidDocument("The plan cannot be assessed as written", ex.Diagnostics));
        }
    }

    public static string[] Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToArray();

    private static async Task<Results<Ok<Assessment>, ProblemHttpResult>> Assess(
        HttpRequest request, Assessor assessor, AgreementRegistry registry, IOptions<TrellisOptions> options, TimeProvider clock,
        [FromQuery] bool compare = false, [FromQuery] string? asOf = null, [FromQuery] string[]? without = null, [FromQuery] string? today = null,
        CancellationToken cancellationToken = default)
    {
        var (text, problem) = await PlanBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var plan = text!.Read(registry);
        if (plan.HasErrors || plan.Value is null)
        {
            return Problems.InvalidDocument("The plan has errors", plan.Diagnostics);
        }

        var (result, runProblem) = Run(assessor, plan.Value, compare, asOf, without, today, clock);
        return runProblem is not null ? runProblem : TypedResults.Ok(result!);
    }

    private static Results<Ok<FrictionView>, ProblemHttpResult> Friction(Assessor assessor, AgreementRegistry registry, TimeProvider clock, string? asOf = null)
    {
        if (!QueryValues.TryDay(asOf, "asOf", clock.Today(), out var day, out var problem))
        {
            return problem;
        }

        var template = PlanLoader.LoadTemplate(Path.Combine(registry.DataDirectory ?? ".", RuleBook.ParametersFolder, FrictionMatrix.TemplateFile));
        if (template.HasErrors || template.Value is null)
        {
            return Problems.InvalidDocument("The friction template has errors", template.Diagnostics);
        }

        return TypedResults.Ok(new FrictionView(day, template.Value.Name, FrictionMatrix.Compute(assessor, template.Value, day)));
    }
}
