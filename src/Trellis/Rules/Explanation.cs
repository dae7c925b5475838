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
          .Append(p.UnitedNationsCommand ? "; United Nations Command activity" : "")
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
            sb.Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"{Heading(t)}\n");
            foreach (var line in Lines(t))
            {
                sb.Append("  ").Append(line).Append('\n');
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

    /// <summary>The heading of one rule's explanation: <c>[instrument] id: title</c>.</summary>
    public static string Heading(RuleTrace t) => $"[{t.Instrument}] {t.Rule.Id}: {t.Rule.Title}";

    /// <summary>
    /// The explanation of one rule, line by line, as <c>trellis assess --explain</c> prints it under
    /// <see cref="Heading"/>: its effect, its basis and confidence, whether it applied, the elements
    /// it matched (with units) and did not (with the condition they failed), what displaced it, what it
    /// displaced, and the output line it produced.
    /// </summary>
    public static IReadOnlyList<string> Lines(RuleTrace t)
    {
        var r = t.Rule;
        var lines = new List<string>
        {
            $"effect: {Effect(r)}",
            $"basis: {r.Citation.Instrument}, {r.Citation.Article}" + (r.Citation.Paragraph is { } para ? $", para. {para}" : "")
                + $" <{r.Citation.Url}> (confidence {r.Confidence.ToString().ToLowerInvariant()})",
        };
        if (t.NotApplicable is { } why)
        {
            lines.Add($"not applicable: {why}");
        }
        else if (!r.When.IsElementRule)
        {
            lines.Add("matched: the plan");
        }

        if (t.Matched.Count > 0)
        {
            lines.Add("matched: " + string.Join(", ", t.Matched.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Element} ({m.Units})"))));
        }

        lines.AddRange(t.NotMatched.Select(x => $"not matched: {x.Element} ({x.Reason})"));
        lines.AddRange(t.DisplacedBy.Select(x => $"displaced by {x.By}{For(x.Elements)}"));
        lines.AddRange(t.Displacing.Select(x => $"displaces {x.Target}{For(x.Elements)}"));
        if (t.Outcome is { } outcome)
        {
            lines.Add($"=> {outcome}");
        }

        return lines;
    }

    /// <summary>
    /// Why <paramref name="requirement"/> is in <paramref name="a"/>: its rule's trace (<see cref="Lines"/>),
    /// the lower-layer requirements it displaced and how, and its caveats (its note, the unknowns and
    /// planning assumptions that concern it, a low confidence). Null when the assessment has no trace
    /// (made without <see cref="AssessOptions.Explain"/>) or no trace of the rule.
    /// </summary>
    public static RequirementExplanation? Of(Assessment a, Requirement requirement)
    {
        if (a.Trace?.FirstOrDefault(t => t.Rule.Id == requirement.Rule) is not { } trace)
        {
            return null;
        }

        var displaced = a.Displaced.Where(d => d.DisplacedBy == requirement.Rule)
            .Select(d => $"{d.Rule} ({d.Title}){For(d.Elements)}: {d.How}").ToArray();
        var caveats = new List<string>();
        if (requirement.Note is { } note)
        {
            caveats.Add(note);
        }

        caveats.AddRange(a.Unknowns.Where(u => u.Rule == requirement.Rule).Select(u => $"unknown ({u.Field}): {u.Message}"));
        caveats.AddRange(a.Assumptions.Where(x => x.Rules.Contains(requirement.Rule, StringComparer.Ordinal))
            .Select(x => $"assumption {x.Name} = {x.Value} ({x.Confidence} confidence): {x.Label} [{x.Basis}]"));
        if (trace.Rule.Confidence == Registry.Confidence.Low)
        {
            caveats.Add("low confidence: secondary, inferred or unverified — a pointer to check, never law to rely on");
        }
        else if (!string.Equals(requirement.Confidence, trace.Rule.Confidence.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            caveats.Add($"{requirement.Confidence} confidence, below the rule's {trace.Rule.Confidence.ToString().ToLowerInvariant()}: the line rests on an assumption above");
        }

        return new RequirementExplanation(requirement.Rule, Heading(trace), Lines(trace), displaced, caveats, requirement.Confidence);
    }

    private static string For(IReadOnlyList<string> elements) => elements.Count == 0 ? "" : " for " + string.Join(", ", elements);

    /// <summary>A rule's effect in words, as the explanation prints it: <c>require permit per person from …, lead time 10 days</c>.</summary>
    public static string EffectOf(Rule r) => Effect(r);

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

/// <summary>The explanation of one requirement line (<see cref="Explanation.Of"/>).</summary>
/// <param name="Heading"><c>[instrument] id: title</c>, as in the full explanation.</param>
/// <param name="Lines">The rule's trace, as <c>trellis assess --explain</c> prints it.</param>
/// <param name="Displaced">Each lower-layer requirement the rule displaced: id, title, elements and how.</param>
/// <param name="Caveats">Its note, unknowns, planning assumptions and a low confidence, in words.</param>
public sealed record RequirementExplanation(
    string Rule,
    string Heading,
    IReadOnlyList<string> Lines,
    IReadOnlyList<string> Displaced,
    IReadOnlyList<string> Caveats,
    string Confidence);
