using System.Globalization;
using System.Text;
using Trellis.Rules;

namespace Trellis.Web.Planning;

/// <summary>
/// The planner's downloads: the assessment as JSON (that of <c>trellis assess --format json</c>),
/// as Markdown (a checklist by authority) and as an iCalendar file (one all-day event per
/// deadline); the plan itself as YAML or JSON is its saved text.
/// </summary>
public static class PlanExports
{
    /// <summary>Requirements grouped by authority, authorities ordered by their earliest deadline (unknown last).</summary>
    public static IEnumerable<IGrouping<string, Requirement>> ByAuthority(Assessment a) =>
        a.Requirements.GroupBy(r => r.Authority, StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => r.Deadline ?? DateOnly.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal);

    public static string Markdown(Assessment a)
    {
        var o = new StringBuilder();
        var p = a.Plan;
        o.Append("# ").AppendLine(p.Name.Length > 0 ? p.Name : "Activity plan");
        o.AppendLine();
        o.AppendLine(CultureInfo.InvariantCulture, $"{p.SendingState} forces in {p.HostState}, {p.Purpose}, {Day(p.Start)} to {Day(p.End)}; law date {Day(a.LawDate)}.");
        o.AppendLine(CultureInfo.InvariantCulture, $"Applied: {string.Join(", ", a.Instruments.Select(i => i.Title))}.");
        o.AppendLine();
        o.AppendLine(CultureInfo.InvariantCulture, $"**{a.Summary.Filings} filings** to {a.Summary.Authorities} authorities; longest lead time {(a.Summary.LongestLeadDays is { } l ? $"{l} days" : "unknown")}; {a.Summary.Unknowns} unknowns.");
        if (a.Baseline is { } b && a.Delta is { } d)
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"Without the agreements: {b.Filings} filings to {b.Authorities} authorities (difference {d.Filings:+#;-#;0} filings).");
        }

        foreach (var group in ByAuthority(a))
        {
            o.AppendLine().Append("## ").AppendLine(group.Key).AppendLine();
            foreach (var r in group)
            {
                o.AppendLine(CultureInfo.InvariantCulture,
                    $"- [ ] **{Day(r.Deadline)}** {r.Kind} ×{r.Count}: {r.Title} — {r.Basis.Instrument}, {r.Basis.Article} (<{r.Basis.Url}>; confidence {r.Confidence})");
            }
        }

        if (a.Unknowns.Count > 0)
        {
            o.AppendLine().AppendLine("## To resolve").AppendLine();
            foreach (var u in a.Unknowns)
            {
                o.AppendLine(CultureInfo.InvariantCulture, $"- {u.Rule} ({u.Field}): {u.Message}");
            }
        }

        return o.ToString();
    }

    /// <summary>One all-day event per requirement with a deadline (RFC 5545).</summary>
    public static string Ics(Assessment a, DateTime now)
    {
        var o = new StringBuilder();
        o.Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Trellis//Planner//EN\r\nCALSCALE:GREGORIAN\r\n");
        var stamp = now.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var (r, i) in a.Requirements.Where(r => r.Deadline is not null).Select((r, i) => (r, i)))
        {
            var day = r.Deadline!.Value;
            o.Append("BEGIN:VEVENT\r\n");
            o.Append(CultureInfo.InvariantCulture, $"UID:{r.Rule}-{i}@trellis\r\n");
            o.Append(CultureInfo.InvariantCulture, $"DTSTAMP:{stamp}\r\n");
            o.Append(CultureInfo.InvariantCulture, $"DTSTART;VALUE=DATE:{day:yyyyMMdd}\r\n");
            o.Append(CultureInfo.InvariantCulture, $"DTEND;VALUE=DATE:{day.AddDays(1):yyyyMMdd}\r\n");
            o.Append("SUMMARY:").Append(Escape($"Deadline: {r.Title} ({r.Authority})")).Append("\r\n");
            o.Append("DESCRIPTION:").Append(Escape($"{r.Kind} ×{r.Count}; basis {r.Basis.Instrument}, {r.Basis.Article} {r.Basis.Url}; confidence {r.Confidence}")).Append("\r\n");
            o.Append("END:VEVENT\r\n");
        }

        o.Append("END:VCALENDAR\r\n");
        return o.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string Day(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "unknown";
}
