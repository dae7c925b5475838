using System.CommandLine;
using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Rules;

namespace Trellis.Cli.Commands;

/// <summary>
/// <c>trellis assess PLAN</c>: the filings, deadlines and legal basis of an activity plan, with and
/// without agreements. Output formats are documented in docs/assess.md.
/// </summary>
public static class AssessCommand
{
    public static Command Create(CliContext context)
    {
        var plan = new Argument<string>("plan") { Description = "The activity plan (YAML; docs/rules-format.md §1)." };
        var asOf = new Option<string?>("--as-of") { Description = "Law date: apply the agreements in force on this day (YYYY-MM-DD; default the plan's start).", HelpName = "DATE" };
        var without = new Option<string[]>("--without") { Description = "Switch an agreement off (repeatable), e.g. --without gbr-jpn-raa.", HelpName = "ID" };
        var with = new Option<string[]>("--with") { Description = "Add a hypothetical agreement folder (agreement.yaml + rules.yaml) not in the registry (repeatable).", HelpName = "DIR" };
        var compare = new Option<bool>("--compare") { Description = "Also assess the host's baseline alone and report the difference." };
        var explain = new Option<bool>("--explain") { Description = "Show, for every rule, whether it was considered, matched and displaced." };
        var parameters = new Option<string?>("--parameters") { Description = "Override planning parameters with your organisation's file (docs/rules-format.md §3).", HelpName = "FILE" };
        var format = Formats.Option("text", "json", "markdown", "ics");
        var command = new Command("assess", "Assess an activity plan: every filing, who receives it, by when and on what legal basis.")
        {
            plan, asOf, without, with, compare, explain, parameters, format,
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

            var activity = Ok(PlanLoader.Load(parse.GetValue(plan)!, registry));
            var options = new AssessOptions
            {
                AsOf = parse.GetValue(asOf) is { } day ? CliContext.ParseDay(day, "--as-of", default) : null,
                Without = (parse.GetValue(without) ?? []).Select(w => w.Trim()).ToArray(),
                Explain = parse.GetValue(explain),
            };
            var assessor = new Assessor(registry, book);
            if (assessor.Check(options) is { Count: > 0 } problems)
            {
                throw new CliException(problems);
            }

            var result = parse.GetValue(compare) ? assessor.Compare(activity, options) : assessor.Assess(activity, options);
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "json":
                    o.WriteLine(Json.Serialize(result));
                    break;
                case "markdown":
                    WriteMarkdown(o, result);
                    break;
                case "ics":
                    o.Write(Ics(result));
                    break;
                default:
                    WriteText(o, result);
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static T Ok<T>(LoadResult<T> result) where T : class =>
        result.HasErrors || result.Value is null ? throw new CliException(result.Diagnostics) : result.Value;

    private static string Day(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "unknown";

    private static string Lead(Requirement r) =>
        (r.LeadTime.Days is { } d ? $"{d} days" : r.LeadTime.WorkingDays is { } w ? $"{w} working days" : "unknown") +
        (r.LeadTime.Parameter is { } p ? $" (assumed: {p})" : "");

    /// <summary>Authorities ordered by their earliest deadline (unknown last); requirements by deadline within each.</summary>
    private static IEnumerable<IGrouping<string, Requirement>> ByAuthority(Assessment a) =>
        a.Requirements.GroupBy(r => r.Authority, StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => r.Deadline ?? DateOnly.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal);

    private static void WriteText(TextWriter o, Assessment a)
    {
        var p = a.Plan;
        o.WriteLine($"Assessment: {(p.Name.Length > 0 ? p.Name : p.File ?? "plan")}");
        o.WriteLine($"  {p.SendingState} forces in {p.HostState}; {p.Purpose}; {(p.CooperativeActivity ? "mutually decided cooperative activity" : "not a mutually decided cooperative activity")}; {p.Start:yyyy-MM-dd} to {p.End:yyyy-MM-dd}");
        o.WriteLine($"  Law date {a.LawDate:yyyy-MM-dd}. Applied: {(a.Instruments.Count == 0 ? "nothing" : string.Join(", ", a.Instruments.Select(i => $"{i.Title} ({i.Id}{(i.Hypothetical ? ", hypothetical" : "")})")))}");
        foreach (var s in a.Skipped)
        {
            o.WriteLine($"  Not applied: {s.Id}: {s.Detail}");
        }

        o.WriteLine();
        if (a.Requirements.Count == 0)
        {
            o.WriteLine("No filings required by the rules applied.");
        }

        foreach (var group in ByAuthority(a))
        {
            o.WriteLine(group.Key);
            foreach (var r in group)
            {
                o.WriteLine($"  {Day(r.Deadline),-10}  {r.Kind} ×{r.Count} ({r.Per}): {r.Title}");
                o.WriteLine($"              lead time {Lead(r)}; {r.Rule}; confidence {r.Confidence}" +
                            (r.Fee is { } f ? f.Unknown ? "; fee unknown" : $"; fee {RuleFormat(f.Total)} {f.Currency}" : ""));
                o.WriteLine($"              basis: {r.Basis.Instrument}, {r.Basis.Article}{(r.Basis.Paragraph is { } para ? $", para. {para}" : "")} <{r.Basis.Url}>");
                if (r.Elements.Count > 0)
                {
                    o.WriteLine($"              for: {Elements(r.Elements)}");
                }

                if (r.Note is { } note)
                {
                    o.WriteLine($"              note: {note}");
                }
            }

            o.WriteLine();
        }

        if (a.Prohibitions.Count > 0)
        {
            o.WriteLine("Prohibited");
            foreach (var x in a.Prohibitions)
            {
                o.WriteLine($"  {x.Title} ({x.Rule}; confidence {x.Confidence}){(x.Elements.Count > 0 ? $": {Elements(x.Elements)}" : "")}");
                o.WriteLine($"    {x.Reason}");
                o.WriteLine($"    basis: {x.Basis.Instrument}, {x.Basis.Article} <{x.Basis.Url}>");
            }

            o.WriteLine();
        }

        if (a.Displaced.Count > 0)
        {
            o.WriteLine("Displaced by agreement");
            foreach (var d in a.Displaced)
            {
                o.WriteLine($"  {d.Rule} ({d.Kind}{(d.Count > 0 ? $" ×{d.Count}" : "")}) {d.How}d by {d.DisplacedBy} [{d.DisplacedByInstrument}, {d.Basis.Article}; confidence {d.Confidence}]" +
                            (d.Elements.Count > 0 ? $" for {Elements(d.Elements)}" : ""));
            }

            o.WriteLine();
        }

        if (a.Notes.Count > 0)
        {
            o.WriteLine("Notes");
            foreach (var n in a.Notes)
            {
                o.WriteLine($"  [{n.Topic}] {n.Text} ({n.Rule}; confidence {n.Confidence})");
            }

            o.WriteLine();
        }

        if (a.Unknowns.Count > 0)
        {
            o.WriteLine("Unknown: needs manual input");
            foreach (var u in a.Unknowns)
            {
                o.WriteLine($"  {u.Rule} ({u.Field}): {u.Message}");
            }

            o.WriteLine();
        }

        if (a.Assumptions.Count > 0)
        {
            o.WriteLine("Planning assumptions (not law)");
            foreach (var x in a.Assumptions)
            {
                o.WriteLine($"  {x.Name} = {x.Value}: {x.Label} [{x.Basis}{(x.Source is { } src ? $"; {src}" : "")}]");
            }

            o.WriteLine();
        }

        o.WriteLine("Summary: " + SummaryText(a.Summary));
        if (a.Baseline is { } b && a.Delta is { } delta)
        {
            o.WriteLine("Baseline alone (no agreement): " + SummaryText(b));
            o.WriteLine($"Difference: {Signed(delta.Filings)} filing(s), {Signed(delta.Authorities)} authorit{(Math.Abs(delta.Authorities) == 1 ? "y" : "ies")}" +
                        (delta.LongestLeadDays is { } l ? $", longest lead time {Signed(l)} days" : "") +
                        string.Concat(delta.Fees.Where(f => f.Amount != 0).Select(f => $", fees {(f.Amount > 0 ? "+" : "")}{RuleFormat(f.Amount)} {f.Currency}")));
            foreach (var x in delta.ProhibitedWithout)
            {
                o.WriteLine($"  Prohibited without the agreement: {x.Title} ({x.Rule}){(x.Elements.Count > 0 ? $": {Elements(x.Elements)}" : "")}");
            }
        }

        if (a.Trace is not null)
        {
            o.WriteLine();
            o.WriteLine("Explanation");
            o.WriteLine("-----------");
            o.Write(Explanation.Render(a));
        }
    }

    private static string SummaryText(Summary s) =>
        $"{s.Filings} filing(s) to {s.Authorities} authorit{(s.Authorities == 1 ? "y" : "ies")}" +
        (s.LongestLeadDays is { } l ? $"; longest lead time {l} days" : "; no known lead time") +
        (s.LatestSafeSubmission is { } d ? $"; submit everything by {d:yyyy-MM-dd}" : "") +
        $"; {s.Unknowns} unknown(s); {s.Prohibitions} prohibition(s)" +
        (s.Fees.Count > 0 ? "; fees " + string.Join(", ", s.Fees.Select(f => $"{RuleFormat(f.Amount)} {f.Currency}")) : "");

    private static string Signed(long n) => n > 0 ? "+" + n.ToString(CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture);

    private static string RuleFormat(decimal? amount) => amount?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "?";

    private static string Elements(IReadOnlyList<string> ids) =>
        ids.Count <= 12 ? string.Join(", ", ids) : string.Join(", ", ids.Take(12)) + $" and {ids.Count - 12} more";

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static void WriteMarkdown(TextWriter o, Assessment a)
    {
        var p = a.Plan;
        o.WriteLine($"# {Cell(p.Name.Length > 0 ? p.Name : "Assessment")}");
        o.WriteLine();
        o.WriteLine($"{p.SendingState} forces in {p.HostState}, {p.Purpose}, {p.Start:yyyy-MM-dd} to {p.End:yyyy-MM-dd}. Law date {a.LawDate:yyyy-MM-dd}.");
        o.WriteLine($"Applied: {string.Join(", ", a.Instruments.Select(i => $"{i.Title} (`{i.Id}`)"))}.");
        o.WriteLine();
        o.WriteLine("## Requirements");
        o.WriteLine();
        o.WriteLine("| Deadline | Authority | Kind | Count | Requirement | Lead time | Basis | Confidence |");
        o.WriteLine("|---|---|---|---:|---|---|---|---|");
        foreach (var r in ByAuthority(a).SelectMany(g => g))
        {
            o.WriteLine($"| {Day(r.Deadline)} | {Cell(r.Authority)} | {r.Kind} | {r.Count} | {Cell(r.Title)} (`{r.Rule}`) | {Lead(r)} | [{Cell(r.Basis.Instrument)}, {Cell(r.Basis.Article)}]({r.Basis.Url}) | {r.Confidence} |");
        }

        if (a.Prohibitions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("## Prohibited");
            o.WriteLine();
            foreach (var x in a.Prohibitions)
            {
                o.WriteLine($"- **{Cell(x.Title)}** (`{x.Rule}`, confidence {x.Confidence}): {Cell(x.Reason)} [{Cell(x.Basis.Article)}]({x.Basis.Url})");
            }
        }

        if (a.Displaced.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("## Displaced");
            o.WriteLine();
            o.WriteLine("| Rule | Kind | Count | Displaced by | Basis |");
            o.WriteLine("|---|---|---:|---|---|");
            foreach (var d in a.Displaced)
            {
                o.WriteLine($"| `{d.Rule}` | {d.Kind} | {d.Count} | `{d.DisplacedBy}` ({d.How}) | [{Cell(d.Basis.Instrument)}, {Cell(d.Basis.Article)}]({d.Basis.Url}) |");
            }
        }

        if (a.Notes.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("## Notes");
            o.WriteLine();
            foreach (var n in a.Notes)
            {
                o.WriteLine($"- *{n.Topic}*: {Cell(n.Text)} (`{n.Rule}`, confidence {n.Confidence})");
            }
        }

        if (a.Unknowns.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("## Unknown: needs manual input");
            o.WriteLine();
            foreach (var u in a.Unknowns)
            {
                o.WriteLine($"- `{u.Rule}` ({u.Field}): {Cell(u.Message)}");
            }
        }

        if (a.Assumptions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("## Planning assumptions (not law)");
            o.WriteLine();
            foreach (var x in a.Assumptions)
            {
                o.WriteLine($"- `{x.Name}` = {x.Value}: {Cell(x.Label)} ({Cell(x.Basis)})");
            }
        }

        o.WriteLine();
        o.WriteLine("## Summary");
        o.WriteLine();
        o.WriteLine(SummaryText(a.Summary));
        if (a.Baseline is { } b && a.Delta is { } delta)
        {
            o.WriteLine();
            o.WriteLine($"Baseline alone: {SummaryText(b)}");
            o.WriteLine();
            o.WriteLine($"Difference: {Signed(delta.Filings)} filing(s), {Signed(delta.Authorities)} authorities" +
                        (delta.LongestLeadDays is { } l ? $", longest lead time {Signed(l)} days" : "") + ".");
            foreach (var x in delta.ProhibitedWithout)
            {
                o.WriteLine($"- Prohibited without the agreement: {Cell(x.Title)} (`{x.Rule}`)");
            }
        }

        if (a.Trace is not null)
        {
            o.WriteLine();
            o.WriteLine("## Explanation");
            o.WriteLine();
            o.WriteLine("```");
            o.Write(Explanation.Render(a));
            o.WriteLine("```");
        }
    }

    /// <summary>One all-day event per known deadline, plus the activity itself; unknown deadlines are listed in the activity's description.</summary>
    internal static string Ics(Assessment a)
    {
        var calendar = new Ical.Net.Calendar();
        calendar.AddProperty("X-WR-CALNAME", $"Trellis: {(a.Plan.Name.Length > 0 ? a.Plan.Name : "assessment")}");
        var key = $"{a.Plan.SendingState}-{a.Plan.HostState}-{a.Plan.Start:yyyyMMdd}".ToLowerInvariant();
        var unknown = a.Requirements.Where(r => r.Deadline is null).ToArray();
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"activity-{key}@trellis",
            Summary = $"{(a.Plan.Name.Length > 0 ? a.Plan.Name : "Activity")} ({a.Plan.SendingState} in {a.Plan.HostState})",
            Start = new CalDateTime(a.Plan.Start.Year, a.Plan.Start.Month, a.Plan.Start.Day),
            End = new CalDateTime(a.Plan.End.AddDays(1).Year, a.Plan.End.AddDays(1).Month, a.Plan.End.AddDays(1).Day),
            Description = $"{a.Summary.Filings} filing(s) to {a.Summary.Authorities} authorities." +
                          (unknown.Length > 0 ? "\nDeadlines unknown (manual input needed): " + string.Join("; ", unknown.Select(r => $"{r.Title} ({r.Authority})")) : ""),
        });
        foreach (var r in a.Requirements.Where(r => r.Deadline is not null))
        {
            var d = r.Deadline!.Value;
            var next = d.AddDays(1);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{r.Rule}-{key}@trellis",
                Summary = $"Deadline: {r.Kind} ×{r.Count} to {r.Authority}: {r.Title}",
                Start = new CalDateTime(d.Year, d.Month, d.Day),
                End = new CalDateTime(next.Year, next.Month, next.Day),
                Description = $"Rule {r.Rule}; lead time {Lead(r)}; confidence {r.Confidence}.\nBasis: {r.Basis.Instrument}, {r.Basis.Article} {r.Basis.Url}" +
                              (r.Elements.Count > 0 ? $"\nFor: {Elements(r.Elements)}" : ""),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
