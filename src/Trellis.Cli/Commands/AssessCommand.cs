using System.CommandLine;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Cli.Commands;

/// <summary>
/// <c>trellis assess PLAN</c>: the filings, deadlines and legal basis of an activity plan, with and
/// without agreements. Output formats are documented in docs/assess.md and written by
/// <see cref="AssessmentExports"/>.
/// </summary>
public static class AssessCommand
{
    public static Command Create(CliContext context)
    {
        var plan = new Argument<string>("plan") { Description = "The activity plan (YAML; docs/rules-format.md §1)." };
        var asOf = new Option<string?>("--as-of") { Description = "Law date: apply the agreements in force on this day (YYYY-MM-DD; default the plan's start).", HelpName = "DATE" };
        var today = new Option<string?>("--today") { Description = "The day the assessment is made: deadlines before it are overdue (YYYY-MM-DD; default today by the system clock).", HelpName = "DATE" };
        var without = new Option<string[]>("--without") { Description = "Switch an agreement off (repeatable), e.g. --without gbr-jpn-raa.", HelpName = "ID" };
        var with = new Option<string[]>("--with") { Description = "Add a hypothetical agreement folder (agreement.yaml + rules.yaml) not in the registry (repeatable).", HelpName = "DIR" };
        var compare = new Option<bool>("--compare") { Description = "Also assess the host's baseline alone and report the difference." };
        var explain = new Option<bool>("--explain") { Description = "Show, for every rule, whether it was considered, matched and displaced." };
        var parameters = new Option<string?>("--parameters") { Description = "Override planning parameters with your organisation's file (docs/rules-format.md §3).", HelpName = "FILE" };
        var maxPlan = new Option<int>("--max-plan-mib")
        {
            Description = $"Largest plan file read, in MiB (default {PlanLoader.MaxPlanBytes >> 20}); a larger one is refused before it is read (TRL009).",
            HelpName = "MIB",
            DefaultValueFactory = _ => (int)(PlanLoader.MaxPlanBytes >> 20),
        };
        var format = Formats.Option("text", "json", "markdown", "ics");
        var command = new Command("assess", "Assess an activity plan: every filing, who receives it, by when and on what legal basis.")
        {
            plan, asOf, today, without, with, compare, explain, parameters, maxPlan, format,
        };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var book = Ok(RuleBook.Load(registry));
            if (parse.GetValue(parameters) is { } file)
            {
                book = Ok(book.WithParameters(registry, Ok(book.Parameters.WithOverrides(file))));
            }

            var hypothetical = new List<Agreement>();
            foreach (var dir in parse.GetValue(with) ?? [])
            {
                hypothetical.Add(Ok(RegistryLoader.LoadHypothetical(dir, registry)));
            }

            if (hypothetical.Count > 0)
            {
                registry = registry.With(hypothetical);
                book = Ok(book.WithAgreements(registry, hypothetical));
            }

            var maxMib = parse.GetValue(maxPlan);
            if (maxMib < 1)
            {
                throw CliException.Option("--max-plan-mib", $"--max-plan-mib is {maxMib}: give the largest plan file to read in MiB, at least 1");
            }

            var activity = Ok(PlanLoader.Load(parse.GetValue(plan)!, registry, (long)maxMib << 20));
            var options = new AssessOptions
            {
                AsOf = parse.GetValue(asOf) is { } day ? CliContext.ParseDay(day, "--as-of", default) : null,
                Without = (parse.GetValue(without) ?? []).Select(w => w.Trim()).ToArray(),
                Explain = parse.GetValue(explain),
                Today = parse.GetValue(today) is { } made ? CliContext.ParseDay(made, "--today", default) : null,
            };
            var assessor = new Assessor(registry, book, CliContext.Clock);
            if (assessor.Check(options) is { Count: > 0 } problems)
            {
                throw new CliException(problems);
            }

            if (assessor.CheckPlan(activity, options) is { Count: > 0 } notAssessable)
            {
                // Not bad input, and not an assessment of nothing: Trellis cannot assess this host.
                context.WriteDiagnostics(notAssessable);
                return TrellisCli.NotAssessable;
            }

            var result = parse.GetValue(compare) ? assessor.Compare(activity, options) : assessor.Assess(activity, options);
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "json":
                    o.WriteLine(Json.Serialize(result));
                    break;
                case "markdown":
                    AssessmentExports.WriteMarkdown(o, result);
                    break;
                case "ics":
                    o.Write(AssessmentExports.Ics(result, CliContext.Clock.GetUtcNow()));
                    break;
                default:
                    AssessmentExports.WriteText(o, result);
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static T Ok<T>(LoadResult<T> result) where T : class =>
        result.HasErrors || result.Value is null ? throw new CliException(result.Diagnostics) : result.Value;
}
