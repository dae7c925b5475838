using System.CommandLine;
using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Exercises;
using Trellis.Rules;

namespace Trellis.Cli.Commands;

/// <summary>
/// <c>trellis exercise</c>: exercises as events (docs/exercises.md). <c>assess EVENT</c> assesses every sending state's plan
/// for a registry edition or an event file; <c>calendar</c> lists the registry's editions by date, or writes them as ICS.
/// </summary>
public static class ExerciseCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("exercise", "Exercises as events: the combined assessment of every participating state, and the exercise calendar.");
        command.Subcommands.Add(Assess(context));
        command.Subcommands.Add(Calendar(context));
        return command;
    }

    private static Command Assess(CliContext context)
    {
        var ev = new Argument<string>("event") { Description = "A registry exercise id (rimpac, with --edition YEAR) or the path of an event file (YAML; docs/exercises.md)." };
        var edition = new Option<string?>("--edition") { Description = "The registry edition: its year, or its name when a year has two.", HelpName = "YEAR" };
        var heldIn = new Option<string?>("--held-in") { Description = "The host state the event is held in, when it has several hosts (default the first listed).", HelpName = "ISO3" };
        var plans = new Option<string[]>("--plan") { Description = "A sending state's own plan (repeatable), e.g. --plan JPN=samples/plans/jpn-rimpac-like-exercise-in-hawaii.yaml; other states get the standard plan.", HelpName = "ISO3=FILE" };
        var today = new Option<string?>("--today") { Description = "The day the assessment is made: deadlines before it are overdue (YYYY-MM-DD; default today by the system clock).", HelpName = "DATE" };
        var format = Formats.Option("text", "json", "csv");
        var command = new Command("assess", "Assess an exercise event: per sending state what it must file, which agreements apply, and where none does.")
        {
            ev, edition, heldIn, plans, today, format,
        };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var book = Ok(RuleBook.Load(registry));
            var template = Ok(PlanLoader.LoadTemplate(Path.Combine(registry.DataDirectory ?? ".", RuleBook.ParametersFolder, FrictionMatrix.TemplateFile)));
            var name = parse.GetValue(ev)!;
            var warnings = new List<Diagnostic>();
            ExerciseEvent exercise;
            if (IsFile(name))
            {
                if (parse.GetValue(edition) is not null || parse.GetValue(heldIn) is not null)
                {
                    throw CliException.Option(parse.GetValue(edition) is not null ? "--edition" : "--held-in",
                        $"'{name}' is an event file: its edition and host are in the file (--edition and --held-in are for registry exercises)");
                }

                exercise = Ok(EventLoader.Load(name, registry), warnings);
            }
            else
            {
                exercise = Ok(EventLoader.FromEdition(registry, name, parse.GetValue(edition), parse.GetValue(heldIn)), warnings);
            }

            var given = new List<(string, string)>();
            var problems = new List<Diagnostic>();
            foreach (var p in parse.GetValue(plans) ?? [])
            {
                if (EventLoader.ParsePlanOption(p, "--plan", problems) is { } pair)
                {
                    given.Add(pair);
                }
            }

            if (problems.Count > 0)
            {
                throw new CliException(problems);
            }

            exercise = Ok(EventLoader.WithPlans(exercise, given, registry), warnings);
            var madeOn = parse.GetValue(today) is { } t ? CliContext.ParseDay(t, "--today", default) : CliContext.Today;
            var result = Ok(EventAssessor.Assess(new Assessor(registry, book, CliContext.Clock), exercise, template, madeOn), warnings);
            context.WriteDiagnostics(warnings.Where(d => d.Severity == Severity.Warning));
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "json":
                    o.WriteLine(Json.Serialize(result));
                    break;
                case "csv":
                    WriteCsv(o, result);
                    break;
                default:
                    WriteText(o, result);
                    break;
            }

            if (!result.HostHasBaseline)
            {
                context.Err.WriteLine($"error {DiagnosticCodes.NoBaseline}: {result.NoBaseline}");
                return TrellisCli.NotAssessable;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static Command Calendar(CliContext context)
    {
        var from = new Option<string?>("--from") { Description = "Only editions that reach this day or later (YYYY-MM-DD).", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Only editions that begin on this day or earlier (YYYY-MM-DD).", HelpName = "DATE" };
        var format = Formats.Option("text", "ics", "json");
        var command = new Command("calendar", "The registry's exercise editions by date, as a list or an iCalendar feed.") { from, to, format };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            DateOnly? first = parse.GetValue(from) is { } f ? CliContext.ParseDay(f, "--from", default) : null;
            DateOnly? last = parse.GetValue(to) is { } l ? CliContext.ParseDay(l, "--to", default) : null;
            if (first is { } a && last is { } b && b < a)
            {
                throw CliException.Option("--to", $"--to ({b:yyyy-MM-dd}) is before --from ({a:yyyy-MM-dd})");
            }

            var entries = ExerciseCalendar.Entries(registry, first, last);
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "ics":
                    o.Write(ExerciseCalendar.Ics(entries, CliContext.Clock.GetUtcNow()));
                    if (entries.Count(e => !e.ExactDates) is > 0 and var left)
                    {
                        context.Err.WriteLine($"{left} edition(s) without exact days left out of the feed (listed by trellis exercise calendar).");
                    }

                    break;
                case "json":
                    o.WriteLine(Json.Serialize(new { since = first, until = last, editions = entries })); // the shape of GET /api/exercises/calendar
                    break;
                default:
                    var table = new TextTable("FROM", "TO", "EDITION", "EXERCISE", "HOSTS", "CONF");
                    foreach (var e in entries)
                    {
                        table.Add(e.Start ?? $"{e.Year} (no date)", e.End ?? "?", e.Name, e.ExerciseId, string.Join(",", e.Hosts), e.Confidence);
                    }

                    table.Write(o);
                    o.WriteLine();
                    o.WriteLine($"{entries.Count} edition(s), dates as the registry gives them (end inclusive; ? where none is given). " +
                                $"{entries.Count(e => e.ExactDates)} with exact days can be assessed: trellis exercise assess ID --edition YEAR.");
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    /// <summary>An event file, not a registry id: an existing file, or a path that looks like one.</summary>
    private static bool IsFile(string name) =>
        File.Exists(name) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal);

    private static void WriteText(TextWriter o, EventAssessment r)
    {
        var e = r.Event;
        o.WriteLine($"{e.Name}: held in {e.HeldIn}, {e.Start:yyyy-MM-dd} to {e.End:yyyy-MM-dd} (end inclusive); " +
                    (e.ExerciseId is { } id ? $"registry edition {id} {e.EditionYear}" : $"event file {e.File}"));
        o.WriteLine($"Hosts: {string.Join(", ", e.Hosts)}. Participants: {string.Join(", ", e.Participants)}.");
        o.WriteLine($"Assessed on {r.MadeOn:yyyy-MM-dd}: each plan against {e.HeldIn}'s baseline and the agreements in force on its start.");
        o.WriteLine();
        if (!r.HostHasBaseline)
        {
            o.WriteLine($"NOTHING ASSESSED: {r.NoBaseline}");
        }
        else
        {
            var table = new TextTable("SENDING", "PLAN", "FILINGS", "AUTH", "LEAD DAYS", "UNKNOWN", "PROHIB", "NO-AGREEMENT", "AGREEMENTS");
            foreach (var p in r.Participants)
            {
                table.Add(p.Sending, p.Plan, Num(p.Filings), Num(p.Authorities), Lead(p), Num(p.Unknowns), Num(p.Prohibitions), Num(p.BaselineFilings),
                    p.NoAgreement ? "none: baseline alone" : string.Join(", ", p.Agreements));
            }

            table.Write(o);
            o.WriteLine();
            o.WriteLine(r.WithoutAgreement.Count == 0
                ? "An agreement applies to every sending state."
                : $"No agreement applies to {string.Join(", ", r.WithoutAgreement)}: the host's baseline alone.");
        }

        foreach (var n in r.NotAssessed.Where(n => n.Reason == "host"))
        {
            o.WriteLine($"Not assessed: {n.State} ({n.Detail})");
        }

        o.WriteLine("LEAD DAYS: ? when a lead time is unknown (the longest is then not known; the longest known one in brackets). " +
                    "NO-AGREEMENT: filings under the host's baseline alone. PLAN: file (the state's own) or template (the standard plan over the event's days).");
    }

    private static void WriteCsv(TextWriter o, EventAssessment r)
    {
        o.WriteLine("sending,host,plan,planFile,start,end,filings,authorities,longestLeadDays,longestKnownLeadDays,unknowns,prohibitions,noAgreement,baselineFilings,agreements");
        foreach (var p in r.Participants)
        {
            o.WriteLine(string.Join(',', new[]
            {
                p.Sending, r.Event.HeldIn, p.Plan, p.PlanFile ?? "", $"{p.Start:yyyy-MM-dd}", $"{p.End:yyyy-MM-dd}", Num(p.Filings), Num(p.Authorities),
                p.LongestLeadDays is { } l ? Num(l) : "", p.LongestKnownLeadDays is { } k ? Num(k) : "", Num(p.Unknowns), Num(p.Prohibitions),
                p.NoAgreement ? "true" : "false", Num(p.BaselineFilings), string.Join(' ', p.Agreements),
            }.Select(TextTable.Csv)));
        }
    }

    private static string Lead(EventParticipant p) =>
        p.LongestLeadDays is { } l ? Num(l) : p.LongestKnownLeadDays is { } k and > 0 ? $"? (≥{Num(k)})" : "?";

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static T Ok<T>(LoadResult<T> result) where T : class =>
        result.HasErrors || result.Value is null ? throw new CliException(result.Diagnostics) : result.Value;

    private static T Ok<T>(LoadResult<T> result, List<Diagnostic> warnings) where T : class
    {
        if (result.HasErrors || result.Value is null)
        {
            throw new CliException([.. warnings, .. result.Diagnostics]);
        }

        warnings.AddRange(result.Diagnostics.Where(d => d.Severity == Severity.Warning && !warnings.Contains(d)));
        return result.Value;
    }
}
