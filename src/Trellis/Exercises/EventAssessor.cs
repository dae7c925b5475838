using Trellis.Diagnostics;
using Trellis.Rules;

namespace Trellis.Exercises;

/// <summary>
/// Assesses an exercise event: each sending state's plan (its own file, or the standard plan template over the event's
/// days) with the <see cref="Assessor"/>, against the baseline of the state the event is held in and the agreements in
/// force between the two on the plan's start. The held-in state's own forces are not assessed.
/// </summary>
public static class EventAssessor
{
    /// <summary>
    /// The combined assessment of <paramref name="ev"/>, or every problem with the plans (a plan file that does not load,
    /// TRL214 for a plan of another state or host, TRL208 for counts that overflow). <paramref name="today"/> is the day
    /// the assessment is made (default: the assessor's clock). A host without a baseline is not an error: the result
    /// says so (<see cref="EventAssessment.HostHasBaseline"/>) and assesses nothing.
    /// </summary>
    public static LoadResult<EventAssessment> Assess(Assessor assessor, ExerciseEvent ev, PlanTemplate template, DateOnly? today = null)
    {
        var diagnostics = new List<Diagnostic>();
        var plans = new List<(ActivityPlan Plan, string? File)>();
        foreach (var sending in ev.SendingStates)
        {
            if (ev.Plans.TryGetValue(sending, out var path))
            {
                if (LoadPlan(assessor, ev, sending, path, diagnostics) is { } plan)
                {
                    plans.Add((plan, plan.File));
                }
            }
            else
            {
                plans.Add((new ActivityPlan(sending, ev.HeldIn, template.Purpose, ev.Start, ev.End, template.Elements)
                {
                    Name = template.Name,
                    CooperativeActivity = template.CooperativeActivity,
                }, null));
            }
        }

        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new(null, diagnostics);
        }

        var options = new AssessOptions { Today = today ?? assessor.Today };
        var notAssessed = new List<NotAssessed>();
        if (ev.Participants.Contains(ev.HeldIn, StringComparer.Ordinal))
        {
            notAssessed.Add(new NotAssessed(ev.HeldIn, "host",
                $"{ev.Name} is held in {assessor.StateName(ev.HeldIn)}: its own forces are at home, so nothing is assessed for them."));
        }

        if (assessor.Book.Baseline(ev.HeldIn) is null)
        {
            var message = plans.Count > 0
                ? assessor.CheckPlan(plans[0].Plan, options)[0].Message
                : $"Trellis has no baseline for {assessor.StateName(ev.HeldIn)}: nothing can be assessed.";
            notAssessed.AddRange(plans.Select(p => new NotAssessed(p.Plan.SendingState, "no-baseline",
                $"Trellis has no baseline for {assessor.StateName(ev.HeldIn)}: nothing can be assessed for {assessor.StateName(p.Plan.SendingState)}.")));
            return new(Result(ev, false, message, options, notAssessed, [], diagnostics), diagnostics);
        }

        var participants = new EventParticipant?[plans.Count];
        var failures = new IReadOnlyList<Diagnostic>?[plans.Count];
        Parallel.For(0, plans.Count, i =>
        {
            try
            {
                participants[i] = Participant(assessor, plans[i].Plan, plans[i].File, options);
            }
            catch (DiagnosticException ex)
            {
                failures[i] = ex.Diagnostics; // counts × multiplicities that overflow (TRL208)
            }
        });
        diagnostics.AddRange(failures.Where(f => f is not null).SelectMany(f => f!));
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new(null, diagnostics);
        }

        return new(Result(ev, true, null, options, notAssessed, participants.Select(p => p!).ToArray(), diagnostics), diagnostics);
    }

    private static EventAssessment Result(ExerciseEvent ev, bool hasBaseline, string? noBaseline, AssessOptions options, List<NotAssessed> notAssessed,
        IReadOnlyList<EventParticipant> participants, List<Diagnostic> diagnostics) =>
        new(EventView.Of(ev), hasBaseline, noBaseline, options.Today!.Value, notAssessed, participants,
            participants.Where(p => p.NoAgreement).Select(p => p.Sending).ToArray(),
            ev.Warnings.Concat(diagnostics.Where(d => d.Severity == Severity.Warning)).Select(d => d.ToString()).ToArray());

    private static EventParticipant Participant(Assessor assessor, ActivityPlan plan, string? file, AssessOptions options)
    {
        var a = assessor.Compare(plan, options);
        var s = a.Summary;
        var agreements = a.Instruments.Where(i => i.Layer == "agreement").Select(i => i.Id).ToArray();
        var host = assessor.StateName(plan.HostState);
        var sending = assessor.StateName(plan.SendingState);
        var otherWay = a.Skipped.Where(k => k.Reason != "no-rules").Select(k => $"{k.Id} ({k.Reason}: {k.Detail})").ToArray();
        var noRules = a.Skipped.Count(k => k.Reason == "no-rules");
        var note = agreements.Length > 0
            ? $"Applied to {sending} in {host}: {string.Join(", ", agreements)}, over the baseline of {host}."
            : $"No agreement applies to {sending} in {host}: the baseline of {host} alone." +
              (otherWay.Length > 0 ? " Not applied: " + string.Join("; ", otherWay) + "." : "") +
              (noRules > 0 ? $" {noRules} other agreement(s) between the two are in force with no access rules encoded (see skipped)." : "");
        return new EventParticipant(plan.SendingState, file is null ? "template" : "file", file, plan.Name, plan.Start, plan.End,
            s.Filings, s.Authorities, s.LongestLeadDays, s.LongestKnownLeadDays, s.Unknowns, s.Prohibitions, agreements, agreements.Length == 0,
            a.Baseline?.Filings ?? s.Filings, a.Skipped, note, a);
    }

    private static ActivityPlan? LoadPlan(Assessor assessor, ExerciseEvent ev, string sending, string path, List<Diagnostic> diagnostics)
    {
        var loaded = PlanLoader.Load(path, assessor.Registry);
        diagnostics.AddRange(loaded.Diagnostics);
        if (loaded.HasErrors || loaded.Value is not { } plan)
        {
            return null;
        }

        if (plan.SendingState != sending || plan.HostState != ev.HeldIn)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.EventPlanMismatch,
                $"the plan given for {sending} is of {plan.SendingState} forces in {plan.HostState}; {ev.Name} is held in {ev.HeldIn}: " +
                $"give a plan with sendingState: {sending} and hostState: {ev.HeldIn}", plan.File));
            return null;
        }

        if (plan.End < ev.Start || plan.Start > ev.End)
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.PlanOutsideEvent,
                $"the plan for {sending} runs {plan.Start:yyyy-MM-dd} to {plan.End:yyyy-MM-dd}, outside {ev.Name} ({ev.Start:yyyy-MM-dd} to {ev.End:yyyy-MM-dd}): " +
                "it is assessed on its own dates", plan.File));
        }

        return plan;
    }
}
