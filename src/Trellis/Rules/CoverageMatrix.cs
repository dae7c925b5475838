namespace Trellis.Rules;

/// <summary>How far a host's domestic law for one kind of plan element has been researched.</summary>
public enum CoverageLevel
{
    /// <summary>The baseline has no rule for the kind: an assessment says "not researched — settle by hand".</summary>
    NotResearched,

    /// <summary>Rules exist, but at least one filing's lead time is unknown or a rule rests on a low-confidence source.</summary>
    Partly,

    /// <summary>Rules exist, every filing's lead time is known (days, working days or a planning parameter) and no rule is low confidence.</summary>
    Researched,
}

/// <summary>One cell of the coverage matrix: a host's baseline and one element kind.</summary>
/// <param name="Kind">The element kind, as plans spell it (<c>radio</c>).</param>
/// <param name="Rules">Baseline rules that concern the kind.</param>
/// <param name="UnknownLeadTimes">Of those, filings whose lead time no source gives.</param>
/// <param name="LowConfidence">Of those, rules whose confidence is low.</param>
/// <param name="Lowest">The lowest confidence among them; null when there are none.</param>
public sealed record CoverageCell(string Host, string Kind, CoverageLevel Level, int Rules, int UnknownLeadTimes, int LowConfidence, Registry.Confidence? Lowest);

/// <summary>
/// The coverage matrix: for every host with a baseline and every element kind of the plan format,
/// whether its law is researched, partly researched or not researched, read from the rules
/// themselves. <see cref="CoveredKinds"/> is also what <c>assess</c> uses to raise its
/// <c>coverage</c> unknowns, so the matrix and the assessment cannot disagree.
/// </summary>
public static class CoverageMatrix
{
    /// <summary>Bit per <see cref="ElementKind"/> the layer has at least one element rule for.</summary>
    public static uint CoveredKinds(RuleLayer baseline)
    {
        uint covered = 0;
        foreach (var rule in baseline.Rules)
        {
            covered |= rule.When.KindMask;
        }

        return covered;
    }

    /// <summary>Every host with a baseline (code order) × every element kind (vocabulary order).</summary>
    public static IReadOnlyList<CoverageCell> Compute(RuleBook book) =>
        book.BaselineStates.Order(StringComparer.Ordinal).SelectMany(host => Of(book.Baseline(host)!)).ToArray();

    /// <summary>One host's row: its baseline × every element kind, in vocabulary order.</summary>
    public static IReadOnlyList<CoverageCell> Of(RuleLayer baseline)
    {
        var cells = new CoverageCell[RulesVocabulary.ElementKinds.Count];
        for (var k = 0; k < cells.Length; k++)
        {
            var bit = 1u << k;
            int rules = 0, unknown = 0, low = 0;
            Registry.Confidence? lowest = null;
            foreach (var rule in baseline.Rules)
            {
                if ((rule.When.KindMask & bit) == 0)
                {
                    continue;
                }

                rules++;
                if (rule.Require is { LeadTime.Kind: LeadTimeKind.Unknown })
                {
                    unknown++;
                }

                if (rule.Confidence == Registry.Confidence.Low)
                {
                    low++;
                }

                lowest = lowest is { } l && l <= rule.Confidence ? l : rule.Confidence;
            }

            var level = rules == 0 ? CoverageLevel.NotResearched
                : unknown > 0 || low > 0 ? CoverageLevel.Partly
                : CoverageLevel.Researched;
            cells[k] = new CoverageCell(baseline.Host ?? baseline.Instrument, RulesVocabulary.ElementKinds[k], level, rules, unknown, low, lowest);
        }

        return cells;
    }

    /// <summary>The level as tables and JSON spell it: <c>researched</c>, <c>partly</c>, <c>not-researched</c>.</summary>
    public static string Name(CoverageLevel level) => level switch
    {
        CoverageLevel.Researched => "researched",
        CoverageLevel.Partly => "partly",
        _ => "not-researched",
    };

    /// <summary>
    /// The matrix as a Markdown table, hosts as rows and kinds as columns, each cell
    /// "researched", "partly (n unknown)" or "not researched"; <c>docs/assess.md</c> carries it.
    /// </summary>
    public static string Markdown(IReadOnlyList<CoverageCell> cells)
    {
        var kinds = RulesVocabulary.ElementKinds;
        var sb = new System.Text.StringBuilder();
        sb.Append("| host | ").Append(string.Join(" | ", kinds)).Append(" |\n");
        sb.Append("|---|").Append(string.Concat(kinds.Select(_ => "---|"))).Append('\n');
        foreach (var row in cells.GroupBy(c => c.Host))
        {
            sb.Append("| ").Append(row.Key).Append(" | ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>One cell in words: "researched", "partly: 2 unknown lead times, 1 low" or "not researched".</summary>
    public static string Cell(CoverageCell c)
    {
        if (c.Level != CoverageLevel.Partly)
        {
            return c.Level == CoverageLevel.Researched ? "researched" : "not researched";
        }

        var why = new List<string>(2);
        if (c.UnknownLeadTimes > 0)
        {
            why.Add(c.UnknownLeadTimes == 1 ? "1 unknown lead time" : $"{c.UnknownLeadTimes} unknown lead times");
        }

        if (c.LowConfidence > 0)
        {
            why.Add($"{c.LowConfidence} low");
        }

        return "partly: " + string.Join(", ", why);
    }
}
