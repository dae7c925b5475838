using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Diagnostics;
using Trellis.Exercises;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Web.Endpoints;

/// <summary>The exercise calendar, as <c>trellis exercise calendar --format json</c> writes it (its <c>--from</c> and <c>--to</c> are <c>since</c> and <c>until</c> here).</summary>
public sealed record CalendarView(DateOnly? Since, DateOnly? Until, IReadOnlyList<CalendarEntry> Editions);

/// <summary>
/// Exercises as events (docs/exercises.md): the combined assessment of a registry edition, as
/// <c>trellis exercise assess ID --edition YEAR --format json</c> writes it, and the exercise calendar as JSON and ICS.
/// </summary>
public static class ExerciseEndpoints
{
    public static IEndpointRouteBuilder MapExerciseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/exercises").WithTags("Exercises");
        group.MapGet("/calendar", Calendar).WithName("ExerciseCalendar")
            .WithSummary("The registry's exercise editions by date; since and until (YYYY-MM-DD, inclusive) keep those that overlap");
        group.MapGet("/calendar.ics", CalendarIcs).WithName("ExerciseCalendarIcs")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("The exercise calendar as an iCalendar feed: one all-day event per edition with exact dates");
        group.MapGet("/{id}/{edition}/assessment", Assess).WithName("AssessExercise")
            .WithSummary("Assess an exercise edition: per sending state what it must file, which agreements apply and where none does")
            .WithDescription("`edition` is the edition's year (or its name when a year has two); `heldIn` the host it is held in when it has several " +
                             "(default the first, with warning TRL218); `today` (YYYY-MM-DD) the day the assessment is made. Every sending state gets the " +
                             "standard plan (data/parameters/friction-plan.yaml) over the edition's days. An unknown exercise or edition is 404 (TRL901); " +
                             "an edition without exact days 422 (TRL215). A host without a baseline is 200 with `hostHasBaseline: false`.");
        return app;
    }

    /// <summary>Runs an edition's assessment the way the API does; the exercise page uses it too.</summary>
    public static (EventAssessment? Result, ProblemHttpResult? Problem) Run(Assessor assessor, string id, string edition, string? heldIn, string? today, TimeProvider clock)
    {
        if (!QueryValues.TryDay(today, "today", clock.Today(), out var madeOn, out var problem))
        {
            return (null, problem);
        }

        var registry = assessor.Registry;
        var ev = EventLoader.FromEdition(registry, id, edition, string.IsNullOrWhiteSpace(heldIn) ? null : heldIn, "edition");
        if (ev.HasErrors || ev.Value is null)
        {
            var first = ev.Diagnostics.First(d => d.Severity == Severity.Error);
            return (null, first.Code switch
            {
                DiagnosticCodes.UnknownId => Problems.NotFound(first.Message),
                DiagnosticCodes.EditionDatesUnknown => Problems.InvalidDocument("The edition cannot be assessed", ev.Diagnostics, StatusCodes.Status422UnprocessableEntity),
                DiagnosticCodes.HeldInNotAHost or DiagnosticCodes.UnknownState => Problems.BadQuery("heldIn", first.Message, first.Code),
                _ => Problems.BadQuery("edition", first.Message, first.Code),
            });
        }

        var template = PlanLoader.LoadTemplate(Path.Combine(registry.DataDirectory ?? ".", RuleBook.ParametersFolder, FrictionMatrix.TemplateFile));
        if (template.HasErrors || template.Value is null)
        {
            return (null, Problems.InvalidDocument("The friction template has errors", template.Diagnostics));
        }

        var result = EventAssessor.Assess(assessor, ev.Value, template.Value, madeOn);
        if (result.HasErrors || result.Value is null)
        {
            return (null, Problems.InvalidDocument("The event cannot be assessed", result.Diagnostics));
        }

        return (result.Value, null);
    }

    /// <summary>Parses <c>since</c> and <c>until</c> and lists the editions; the calendar page uses it too.</summary>
    public static (CalendarView? Result, ProblemHttpResult? Problem) RunCalendar(AgreementRegistry registry, string? since, string? until)
    {
        DateOnly? first = null, last = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (!QueryValues.TryDay(since, "since", default, out var f, out var problem))
            {
                return (null, problem);
            }

            first = f;
        }

        if (!string.IsNullOrWhiteSpace(until))
        {
            if (!QueryValues.TryDay(until, "until", default, out var t, out var problem))
            {
                return (null, problem);
            }

            last = t;
        }

        if (first is { } a && last is { } b && b < a)
        {
            return (null, Problems.BadQuery("until", $"until ({b:yyyy-MM-dd}) is before since ({a:yyyy-MM-dd})"));
        }

        return (new CalendarView(first, last, ExerciseCalendar.Entries(registry, first, last)), null);
    }

    private static Results<Ok<EventAssessment>, ProblemHttpResult> Assess(Assessor assessor, TimeProvider clock, string id, string edition,
        string? heldIn = null, string? today = null)
    {
        var (result, problem) = Run(assessor, id, edition, heldIn, today, clock);
        return problem is not null ? problem : TypedResults.Ok(result!);
    }

    private static Results<Ok<CalendarView>, ProblemHttpResult> Calendar(AgreementRegistry registry, string? since = null, string? until = null)
    {
        var (result, problem) = RunCalendar(registry, since, until);
        return problem is not null ? problem : TypedResults.Ok(result!);
    }

    private static Results<ContentHttpResult, ProblemHttpResult> CalendarIcs(AgreementRegistry registry, TimeProvider clock, string? since = null, string? until = null)
    {
        var (result, problem) = RunCalendar(registry, since, until);
        return problem is not null ? problem : TypedResults.Text(ExerciseCalendar.Ics(result!.Editions, clock.GetUtcNow()), "text/calendar; charset=utf-8");
    }
}
