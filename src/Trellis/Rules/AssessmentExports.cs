using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Trellis.Rules;

/// <summary>
/// An assessment written for people: as plain text (what <c>trellis assess</c> prints), as
/// Markdown (a checklist by authority for a staff paper or an issue tracker) and as an
/// iCalendar file (RFC 5545; one all-day event per known deadline). The CLI and the web app
/// both write their downloads here, so the formats have one definition (docs/assess.md).
/// </summary>
public static class AssessmentExports
{
    /// <summary>Requirements grouped by authority, authorities ordered by their earliest deadline (unknown last), then by name.</summary>
    public static IEnumerable<IGrouping<string, Requirement>> ByAuthority(Assessment a) =>
        a.Requirements.GroupBy(r => r.Authority, StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => r.Deadline ?? DateOnly.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal);

    /// <summary>A day as <c>YYYY-MM-DD</c>; <c>unknown</c> for null.</summary>
    public static string Day(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "unknown";

    /// <summary>A lead time in words: <c>30 days</c>, <c>5 working days</c> or <c>unknown</c>, naming the planning assumption that supplied it.</summary>
    public static string LeadTime(Requirement r) =>
        (r.LeadTime.Days is { } d ? $"{d} days" : r.LeadTime.WorkingDays is { } w ? $"{w} working days" : "unknown") +
        (r.LeadTime.Parameter is { } p ? $" (assumed: {p})" : "");

    /// <summary>
    /// The summary in one line: filings, authorities, longest lead time, latest safe submission,
    /// overdue filings, unknowns, prohibitions, fees. An unknown lead time makes the longest lead
    /// time and the submission day unknown; the known-only values are labelled as such.
    /// </summary>
    public static string SummaryText(Summary s) =>
        $"{s.Filings} filing(s) to {s.Authorities} authorit{(s.Authorities == 1 ? "y" : "ies")}" +
        LeadText(s) +
        (s.Overdue > 0 ? $"; {s.Overdue} overdue" : "") +
        (s.Feasible ? "" : "; NOT FEASIBLE") +
        $"; {s.Unknowns} unknown(s); {s.Prohibitions} prohibition(s)" +
        (s.Fees.Count > 0 ? "; fees " + string.Join(", ", s.Fees.Select(f => $"{Amount(f.Amount)} {f.Currency}")) : "");

    private static string LeadText(Summary s) =>
        s.UnknownLeadTimes > 0
            ? $"; longest lead time unknown ({s.UnknownLeadTimes} unknown lead time(s)" +
              (s.LongestKnownLeadDays is { } k ? $"; longest known {k} days" : "") + ")" +
              "; submit by: cannot be computed" + (s.LatestSafeSubmissionKnownOnly is { } known ? $" (known lead times only: {Day(known)})" : "")
            : (s.LongestLeadDays is { } l ? $"; longest lead time {l} days" : "; no lead time") +
              (s.LatestSafeSubmission is { } d ? $"; submit everything by {Day(d)}" : "");

    /// <summary>
    /// What a planner must read first, one sentence each, in this order: why the plan is not
    /// feasible; how many filings are past their deadline; the day to submit by (or why it cannot
    /// be computed); agreements a plan field would make apply; kinds the host's baseline does not
    /// cover. The text, the Markdown and the planner page lead with these lines.
    /// </summary>
    public static IReadOnlyList<string> Headlines(Assessment a)
    {
        var s = a.Summary;
        var lines = new List<string>();
        foreach (var reason in s.InfeasibleReasons)
        {
            lines.Add($"Not feasible: {reason}");
        }

        if (s.Overdue > 0)
        {
            lines.Add($"{(s.Overdue == 1 ? "1 filing is already past its deadline" : $"{s.Overdue} filings are already past their deadline")} " +
                      $"(assessment made on {Day(a.MadeOn)}; marked overdue below): ask the authority whether a late filing is still accepted");
        }

        if (a.Requirements.Count > 0)
        {
            lines.Add(s.UnknownLeadTimes > 0
                ? $"Submit by: cannot be computed — {s.UnknownLeadTimes} filing{(s.UnknownLeadTimes == 1 ? " has an unknown lead time" : "s have unknown lead times")} (listed below); " +
                  (s.LatestSafeSubmissionKnownOnly is { } known ? $"the filings with known lead times must be in by {Day(known)}" : "no filing has a known lead time")
                : $"Submit by: {Day(s.LatestSafeSubmission)} (every lead time is known; submitting everything by then meets every deadline)");
        }

        foreach (var x in a.Skipped)
        {
            if (x.Hint is { Length: > 0 } hint)
            {
                lines.Add(char.ToUpperInvariant(hint[0]) + hint[1..]);
            }
        }

        foreach (var g in a.Unknowns.Where(u => u.Field == "coverage").GroupBy(u => u.Message, StringComparer.Ordinal))
        {
            lines.Add($"{char.ToUpperInvariant(g.Key[0])}{g.Key[1..]} ({Elements(g.Select(u => u.Element ?? "").ToArray())})");
        }

        return lines;
    }

    /// <summary>The plain-text assessment of <c>trellis assess</c> (docs/assess.md, "Text").</summary>
    public static void WriteText(TextWriter o, Assessment a)
    {
        var p = a.Plan;
        o.WriteLine($"Assessment: {(p.Name.Length > 0 ? p.Name : p.File ?? "plan")}");
        o.WriteLine($"  {p.SendingState} forces in {p.HostState}; {p.Purpose}; {(p.CooperativeActivity ? "mutually decided cooperative activity" : "not a mutually decided cooperative activity")}{(p.UnitedNationsCommand ? "; United Nations Command activity" : "")}; {Day(p.Start)} to {Day(p.End)}");
        o.WriteLine($"  Law date {Day(a.LawDate)}. Applied: {(a.Instruments.Count == 0 ? "nothing" : string.Join(", ", a.Instruments.Select(i => $"{i.Title} ({i.Id}{(i.Hypothetical ? ", hypothetical" : "")})")))}");
        foreach (var s in a.Skipped)
        {
            o.WriteLine($"  Not applied: {s.Id}: {s.Detail}");
        }

        o.WriteLine();
        foreach (var line in Headlines(a))
        {
            o.WriteLine(line);
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
                o.WriteLine($"  {Day(r.Deadline),-10}  {r.Kind} ×{r.Count} ({r.Per}): {r.Title}{(r.Overdue ? " [OVERDUE]" : "")}");
                o.WriteLine($"              lead time {LeadTime(r)}; {r.Rule}; confidence {r.Confidence}{Fee(r)}");
                o.WriteLine($"              basis: {Citation(r.Basis)} <{r.Basis.Url}>");
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
                o.WriteLine($"  {u.Rule} ({u.Field}): {u.Message}{(u.Element is { } e ? $" [{e}]" : "")}");
            }

            o.WriteLine();
        }

        if (a.Assumptions.Count > 0)
        {
            o.WriteLine("Planning assumptions (not law)");
            foreach (var x in a.Assumptions)
            {
                o.WriteLine($"  {x.Name} = {x.Value}: {x.Label} [{x.Basis}{(x.Source is { } src ? $"; {src}" : "")}; {x.Confidence} confidence]");
            }

            o.WriteLine();
        }

        o.WriteLine("Summary: " + SummaryText(a.Summary));
        if (a.Baseline is { } b && a.Delta is { } delta)
        {
            o.WriteLine("Baseline alone (no agreement): " + SummaryText(b));
            o.WriteLine("Difference: " + DeltaText(delta));
            foreach (var x in delta.LeadTimes)
            {
                o.WriteLine($"  Lead time of {x.Rule}, replaced by {x.By}: {x.From} → {x.To}");
            }

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

    /// <summary>
    /// The Markdown assessment (docs/assess.md, "Markdown"): a heading with the plan, states,
    /// dates and law date; a checklist of requirements by authority, each with deadline, lead
    /// time, rule, confidence and the cited basis linked to its source; then prohibitions, what
    /// the agreements removed, the baseline alone (with a comparison), notes, unknowns to
    /// resolve, planning assumptions and the summary.
    /// </summary>
    public static string Markdown(Assessment a)
    {
        var o = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteMarkdown(o, a);
        return o.ToString();
    }

    /// <inheritdoc cref="Markdown(Assessment)"/>
    public static void WriteMarkdown(TextWriter o, Assessment a)
    {
        var p = a.Plan;
        o.WriteLine($"# {Inline(p.Name.Length > 0 ? p.Name : "Activity plan")}");
        o.WriteLine();
        o.WriteLine($"Sending state **{p.SendingState}**, host state **{p.HostState}**; {p.Purpose}" +
                    $"{(p.CooperativeActivity ? " (mutually decided cooperative activity)" : "")}{(p.UnitedNationsCommand ? " (United Nations Command activity)" : "")}; {Day(p.Start)} to {Day(p.End)} (inclusive). Law date **{Day(a.LawDate)}**.");
        o.WriteLine();
        o.WriteLine($"Applied: {(a.Instruments.Count == 0 ? "nothing" : string.Join(", ", a.Instruments.Select(i => $"{Inline(i.Title)} (`{i.Id}`{(i.Hypothetical ? ", hypothetical" : "")})")))}.");
        foreach (var s in a.Skipped)
        {
            o.WriteLine($"Not applied: `{s.Id}`: {Inline(s.Detail)}.");
        }

        o.WriteLine();
        foreach (var line in Headlines(a))
        {
            o.WriteLine($"- **{Inline(line)}**");
        }

        o.WriteLine();
        o.WriteLine($"**Summary:** {SummaryText(a.Summary)}.");
        o.WriteLine();
        o.WriteLine("## Requirements by authority");
        if (a.Requirements.Count == 0)
        {
            o.WriteLine();
            o.WriteLine("No filings required by the rules applied.");
        }

        foreach (var group in ByAuthority(a))
        {
            o.WriteLine();
            o.WriteLine($"### {Inline(group.Key)}");
            o.WriteLine();
            foreach (var r in group)
            {
                o.WriteLine($"- [ ] **{Day(r.Deadline)}**{(r.Overdue ? " **overdue**" : "")} {r.Kind} ×{r.Count} ({r.Per}): {Inline(r.Title)}");
                o.WriteLine($"  - lead time {LeadTime(r)}; rule `{r.Rule}`; confidence {r.Confidence}{Fee(r)}");
                o.WriteLine($"  - basis: {Link(Citation(r.Basis), r.Basis.Url)}");
                if (r.Elements.Count > 0)
                {
                    o.WriteLine($"  - for: {Elements(r.Elements)}");
                }

                if (r.Note is { } note)
                {
                    o.WriteLine($"  - note: {Inline(note)}");
                }
            }
        }

        Section(o, "Prohibited", a.Prohibitions, x =>
            $"- **{Inline(x.Title)}** (`{x.Rule}`, confidence {x.Confidence}){(x.Elements.Count > 0 ? $" for {Elements(x.Elements)}" : "")}: {Inline(x.Reason)} {Link(Citation(x.Basis), x.Basis.Url)}");

        if (a.Displaced.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("## What the agreements removed");
            o.WriteLine();
            o.WriteLine("| Requirement of a lower layer | Kind | Filings saved | Displaced by | Basis |");
            o.WriteLine("|---|---|---:|---|---|");
            foreach (var d in a.Displaced)
            {
                o.WriteLine($"| {Cell(d.Title)} (`{d.Rule}`) | {d.Kind} | {d.Count} | `{d.DisplacedBy}` ({d.How}) | {Link(Cell(Citation(d.Basis)), d.Basis.Url)} |");
            }
        }

        if (a.Baseline is { } b && a.Delta is { } delta)
        {
            o.WriteLine();
            o.WriteLine("## Without the agreements");
            o.WriteLine();
            o.WriteLine($"Host baseline alone: {SummaryText(b)}.");
            o.WriteLine();
            o.WriteLine($"Difference: {DeltaText(delta)}.");
            if (delta.Removed.Count > 0 || delta.Added.Count > 0 || delta.ProhibitedWithout.Count > 0 || delta.LeadTimes.Count > 0)
            {
                o.WriteLine();
            }

            foreach (var x in delta.LeadTimes)
            {
                o.WriteLine($"- Lead time of `{x.Rule}`, replaced by `{x.By}`: {x.From} → {x.To}");
            }

            foreach (var rule in delta.Removed)
            {
                o.WriteLine($"- Required without the agreements, not now: `{rule}`");
            }

            foreach (var rule in delta.Added)
            {
                o.WriteLine($"- Required now, not without the agreements: `{rule}`");
            }

            foreach (var x in delta.ProhibitedWithout)
            {
                o.WriteLine($"- Prohibited without the agreements: {Inline(x.Title)} (`{x.Rule}`) {Link(Citation(x.Basis), x.Basis.Url)}");
            }
        }

        Section(o, "Notes", a.Notes, n => $"- *{Inline(n.Topic)}*: {Inline(n.Text)} (`{n.Rule}`, confidence {n.Confidence}) {Link(Citation(n.Basis), n.Basis.Url)}");
        Section(o, "Unknowns to resolve", a.Unknowns, u => $"- [ ] `{u.Rule}` ({u.Field}): {Inline(u.Message)}{(u.Element is { } e ? $" (`{e}`)" : "")}");
        Section(o, "Planning assumptions (not law)", a.Assumptions,
            x => $"- `{x.Name}` = {x.Value}: {Inline(x.Label)} ({Inline(x.Basis)}{(x.Source is { } src ? $"; {src}" : "")}; {x.Confidence} confidence)");

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

    /// <summary>A Markdown section of one line per item, left out when there are none.</summary>
    private static void Section<T>(TextWriter o, string heading, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine($"## {heading}");
        o.WriteLine();
        foreach (var item in items)
        {
            o.WriteLine(line(item));
        }
    }

    /// <summary>
    /// The iCalendar assessment (RFC 5545, folded lines, CRLF): one all-day event for the activity
    /// (its description lists the requirements whose deadline is unknown) and one all-day event on
    /// each known deadline, carrying rule, lead time, confidence and basis in its description. A
    /// requirement whose lead time is unknown is an event on the arrival day titled
    /// <c>Lead time unknown: ...</c>: its deadline is not known, so it is never a silent deadline.
    /// UIDs are stable across exports (<c>&lt;rule&gt;-&lt;sending&gt;-&lt;host&gt;-&lt;start&gt;@trellis</c>), so
    /// re-importing updates the events; <paramref name="stamp"/> is the DTSTAMP of every event.
    /// </summary>
    public static string Ics(Assessment a, DateTimeOffset stamp)
    {
        var p = a.Plan;
        var dtStamp = new CalDateTime(new DateTime(stamp.UtcDateTime.Ticks - stamp.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
        var calendar = new Ical.Net.Calendar { ProductId = "-//Trellis//Assessment//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"Trellis: {(p.Name.Length > 0 ? p.Name : "assessment")}");
        var key = $"{p.SendingState}-{p.HostState}-{p.Start:yyyyMMdd}".ToLowerInvariant();
        var unknown = a.Requirements.Where(r => r.Deadline is null).ToArray();
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"activity-{key}@trellis",
            DtStamp = dtStamp,
            Summary = $"{(p.Name.Length > 0 ? p.Name : "Activity")} ({p.SendingState} in {p.HostState})",
            Start = Date(p.Start),
            End = Date(p.End.AddDays(1)),
            Description = $"{p.SendingState} forces in {p.HostState}, {p.Purpose}; law date {Day(a.LawDate)}.\n{SummaryText(a.Summary)}." +
                          (unknown.Length > 0 ? "\nDeadlines unknown (manual input needed): " + string.Join("; ", unknown.Select(r => $"{r.Title} ({r.Authority}; {Citation(r.Basis)})")) : ""),
        });
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in a.Requirements)
        {
            var uid = $"{r.Rule}-{key}";
            for (var n = 2; !uids.Add(uid); n++)
            {
                uid = $"{r.Rule}-{key}-{n}";
            }

            var day = r.Deadline ?? p.Start;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = uid + "@trellis",
                DtStamp = dtStamp,
                Summary = r.Deadline is null
                    ? $"Lead time unknown: {r.Kind} ×{r.Count} to {r.Authority}: {r.Title}"
                    : $"{(r.Overdue ? "Overdue" : "Deadline")}: {r.Kind} ×{r.Count} to {r.Authority}: {r.Title}",
                Start = Date(day),
                End = Date(day.AddDays(1)),
                Description = (r.Deadline is null
                                  ? $"No source gives the lead time: the deadline is unknown, not this day (the arrival). Ask {r.Authority} and enter it by hand.\n"
                                  : "") +
                              $"Rule {r.Rule}; lead time {LeadTime(r)}; confidence {r.Confidence}{Fee(r)}.\nBasis: {Citation(r.Basis)} {r.Basis.Url}" +
                              (r.Elements.Count > 0 ? $"\nFor: {Elements(r.Elements)}" : ""),
                Url = Uri.TryCreate(r.Basis.Url, UriKind.Absolute, out var url) ? url : null,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Date(DateOnly d) => new(d.Year, d.Month, d.Day);

    private static string Citation(Basis b) => $"{b.Instrument}, {b.Article}{(b.Paragraph is { } para ? $", para. {para}" : "")}";

    private static string Fee(Requirement r) =>
        r.Fee is { } f ? f.Unknown ? "; fee unknown" : $"; fee {Amount(f.Total)} {f.Currency}" : "";

    private static string DeltaText(Delta d) =>
        $"{Signed(d.Filings)} filing(s), {Signed(d.Authorities)} authorit{(Math.Abs(d.Authorities) == 1 ? "y" : "ies")}" +
        (d.LongestLeadDays is { } l ? $", longest lead time {Signed(l)} days" : ", longest lead time: change unknown (a lead time is unknown on one side or both)") +
        string.Concat(d.Fees.Where(f => f.Amount != 0).Select(f => $", fees {(f.Amount > 0 ? "+" : "")}{Amount(f.Amount)} {f.Currency}"));

    private static string Signed(long n) => n > 0 ? "+" + n.ToString(CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture);

    private static string Amount(decimal? amount) => amount?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "?";

    private static string Elements(IReadOnlyList<string> ids) =>
        ids.Count <= 12 ? string.Join(", ", ids) : string.Join(", ", ids.Take(12)) + $" and {ids.Count - 12} more";

    private static string Link(string text, string? url) =>
        string.IsNullOrEmpty(url) ? text : $"[{text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)}](<{url}>)";

    private static string Inline(string? text) => (text ?? "").ReplaceLineEndings(" ").Trim();

    private static string Cell(string? text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);
}
