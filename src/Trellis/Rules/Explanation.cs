using System.Globalization;
using System.Text;

namespace Trellis.Rules;

/// <summary>
/// Renders the explanation of an assessment: for every rule of every layer applied, whether it
/// was considered and why it did or did not match, what it displaced or was displaced by, and the
/// line it produced. The text is stable (golden files of worked examples compare it exactly): no
/// paths, no clock, deterministic order.
/// </summary>
public static class Explanation
{
    public static string Render(Assessment a)
    {
        if (a.Trace is null)
        {
            throw new InvalidOperationException("the assessment was made without Explain = true: no trace to render");
        }

        var sb = new StringBuilder();
        var p = a.Plan;
        sb.Append("Plan: ").Append(p.Name.Length > 0 ? p.Name : "(unnamed)").Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"  {p.SendingState} forces in {p.HostState}; {p.Purpose}; ")
          .Append(p.CooperativeActivity ? "mutually decided cooperative activity" : "not a mutually decided cooperative activity")
          .Append(CultureInfo.InvariantCulture, $"; {p.Start:yyyy-MM-dd} to {p.End:yyyy-MM-dd}; {p.Groups} element group(s)\n");
        sb.Append(CultureInfo.InvariantCulture, $"Law date: {a.LawDate:yyyy-MM-dd}")
          .Append(a.LawDate == p.Start ? " (the plan's start)\n" : " (--as-of)\n");
        sb.Append(CultureInfo.InvariantCulture, $"Made on: {a.MadeOn:yyyy-MM-dd} (deadlines before it are overdue)\n");
        sb.Append("Layers applied, lowest first:\n");
        foreach (var i in a.Instruments)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {i.Id} ({i.Layer}{(i.Hypothetical ? ", hypothetical" : "")}): {i.Title}\n");
        }

        if (a.Instruments.Count == 0)
        {
            sb.Append("  none\n");
        }

        if (a.Skipped.Count > 0)
        {
            sb.Append("Not applied:\n");
            foreach (var s in a.Skipped)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {s.Id}: {s.Detail}{(s.Hint is { } hint ? $"; {hint}" : "")}\n");
            }
        }

        foreach (var t in a.Trace)
        {
            var r = t.Rule;
            sb.Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"[{t.Instrument}] {r.Id}: {r.Title}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  effect: {Effect(r)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  basis: {r.Citation.Instrument}, {r.Citation.Article}")
              .Append(r.Citation.Paragraph is { } para ? $", para. {para}" : "")
              .Append(CultureInfo.InvariantCulture, $" <{r.Citation.Url}> (confidence {r.Confidence.ToString().ToLowerInvariant()})\n");
            if (t.NotApplicable is { } why)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  not applicable: {why}\n");
            }
            else if (!r.When.IsElementRule)
            {
                sb.Append("  matched: the plan\n");
            }

            if (t.Matched.Count > 0)
            {
                sb.Append("  matched: ").Append(string.Join(", ", t.Matched.Select(m => $"{m.Element} ({m.Units})"))).Append('\n');
            }

            foreach (var (element, reason) in t.NotMatched)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  not matched: {element} ({reason})\n");
            }

            foreach (var (by, elements) in t.DisplacedBy)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  displaced by {by}{For(elements)}\n");
            }

            foreach (var (target, elements) in t.Displacing)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  displaces {target}{For(elements)}\n");
            }

            if (t.Outcome is { } outcome)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  => {outcome}\n");
            }
        }

        var s2 = a.Summary;
        sb.Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"Summary: {s2.Filings} filing(s) to {s2.Authorities} authorit{(s2.Authorities == 1 ? "y" : "ies")}; ")
          .Append(s2.UnknownLeadTimes > 0
              ? $"longest lead time unknown ({s2.UnknownLeadTimes} unknown lead time(s)" + (s2.LongestKnownLeadDays is { } k ? $"; longest known {k} days" : "") + "); " +
                "latest safe submission unknown" + (s2.LatestSafeSubmissionKnownOnly is { } known ? $" (known lead times only: {known:yyyy-MM-dd})" : "") + "; "
              : (s2.LongestLeadDays is { } l ? $"longest lead time {l} days; " : "no lead time; ") +
                (s2.LatestSafeSubmission is { } d ? $"latest safe submission {d:yyyy-MM-dd}; " : ""))
          .Append(s2.Overdue > 0 ? $"{s2.Overdue} overdue; " : "")
          .Append(CultureInfo.InvariantCulture, $"{s2.Unknowns} unknown(s); {s2.Prohibitions} prohibition(s)")
          .Append(s2.Fees.Count > 0 ? "; fees " + string.Join(", ", s2.Fees.Select(f => $"{RuleLoader.Amount(f.Amount)} {f.Currency}")) : "")
          .Append('\n');
        foreach (var reason in s2.InfeasibleReasons)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Not feasible: {reason}\n");
        }

        foreach (var u in a.Unknowns)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Unknown ({u.Field}) {u.Rule}: {u.Message}{(u.Element is { } e ? $" [{e}]" : "")}\n");
        }

        foreach (var x in a.Assumptions)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Assumption {x.Name} = {x.Value}: {x.Label} [{x.Basis}]\n");
        }

        return sb.ToString();
    }

    private static string For(IReadOnlyList<string> elements) => elements.Count == 0 ? "" : " for " + string.Join(", ", elements);

    private static string Effect(Rule r) => r.Effect switch
    {
        EffectKind.Require or EffectKind.Replace =>
            (r.Effect == EffectKind.Replace ? $"replace {string.Join(", ", r.Displaces)} with " : "require ") +
            $"{r.Require!.Kind} per {RulesVocabulary.Multiplicities[(int)r.Require.Per]} from {r.Require.Authority}, lead time {r.Require.LeadTime}" +
            (r.Require.Fee is { } f ? f.Unknown ? ", fee unknown" : $", fee {RuleLoader.Amount(f.Amount)} {f.Currency}" : ""),
        EffectKind.Waive => "waive " + string.Join(", ", r.Displaces),
        EffectKind.Prohibit => "prohibit: " + r.Reason,
        _ => $"inform ({r.Topic}): {r.Text}",
    };
}
