namespace Trellis.Rules;

/// <summary>The legal friction of one ordered pair: the standard plan of <see cref="Sending"/> forces in <see cref="Host"/>.</summary>
/// <param name="Agreements">The agreements whose rules applied.</param>
/// <param name="BaselineFilings">Filings under the host's baseline alone, for comparison.</param>
public sealed record FrictionRow(
    string Sending,
    string Host,
    long Filings,
    int Authorities,
    int? LongestLeadDays,
    int Unknowns,
    int Prohibitions,
    IReadOnlyList<string> Agreements,
    long BaselineFilings);

/// <summary>
/// The red-tape matrix: the standard plan template (<c>data/parameters/friction-plan.yaml</c>)
/// assessed for every ordered pair of states that both have a baseline. The network analysis
/// uses the rows as edge weights.
/// </summary>
public static class FrictionMatrix
{
    /// <summary>The template's file name in <c>data/parameters/</c>.</summary>
    public const string TemplateFile = "friction-plan.yaml";

    /// <summary>Every ordered pair (sending, host) of distinct states with a baseline, in code order.</summary>
    public static IReadOnlyList<FrictionRow> Compute(Assessor assessor, PlanTemplate template, DateOnly asOf)
    {
        var states = assessor.Book.BaselineStates.Order(StringComparer.Ordinal).ToArray();
        var rows = new List<FrictionRow>(states.Length * Math.Max(0, states.Length - 1));
        var options = new AssessOptions();
        foreach (var sending in states)
        {
            foreach (var host in states)
            {
                if (sending == host)
                {
                    continue;
                }

                var plan = template.For(sending, host, asOf);
                var a = assessor.Assess(plan, options);
                var baseline = a.Instruments.Any(i => i.Layer == "agreement")
                    ? assessor.Assess(plan, options with { BaselineOnly = true }).Summary.Filings
                    : a.Summary.Filings;
                rows.Add(new FrictionRow(sending, host, a.Summary.Filings, a.Summary.Authorities, a.Summary.LongestLeadDays, a.Summary.Unknowns,
                    a.Summary.Prohibitions, a.Instruments.Where(i => i.Layer == "agreement").Select(i => i.Id).ToArray(), baseline));
            }
        }

        return rows;
    }
}
