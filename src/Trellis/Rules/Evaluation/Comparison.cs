
namespace Trellis.Rules;

/// <summary>Comparison: an assessment minus the host's baseline alone (<see cref="Assessor.Compare"/>).</summary>
public sealed partial class Assessor
{
    private static int? Known(Summary s) => s.UnknownLeadTimes > 0 ? null : s.LongestLeadDays ?? 0;

    private static Delta DeltaOf(Assessment current, Assessment baseline)
    {
        var currencies = current.Summary.Fees.Select(f => f.Currency).Union(baseline.Summary.Fees.Select(f => f.Currency), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var fees = currencies.Select(c => new FeeTotal(c,
            current.Summary.Fees.Where(f => f.Currency == c).Sum(f => f.Amount) - baseline.Summary.Fees.Where(f => f.Currency == c).Sum(f => f.Amount)))
            .ToArray();
        var nowProhibited = current.Prohibitions.Select(p => p.Rule).ToHashSet(StringComparer.Ordinal);
        var nowRequired = current.Requirements.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        var thenRequired = baseline.Requirements.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        // Unknown minus anything is unknown: never a saving. A side with no requirement at all has no lead time (0).
        int? longest = Known(current.Summary) is { } a && Known(baseline.Summary) is { } b ? a - b : null;
        var leadTimes = new List<LeadTimeChange>();
        foreach (var d in current.Displaced)
        {
            if (d.How != "replace" || baseline.Requirements.FirstOrDefault(r => r.Rule == d.Rule) is not { } from ||
                current.Requirements.FirstOrDefault(r => r.Rule == d.DisplacedBy) is not { } to ||
                leadTimes.Exists(x => x.Rule == d.Rule && x.By == d.DisplacedBy))
            {
                continue;
            }

            leadTimes.Add(new LeadTimeChange(d.Rule, d.DisplacedBy, AssessmentExports.LeadTime(from), AssessmentExports.LeadTime(to), from.LeadDays, to.LeadDays,
                from.LeadDays is { } f && to.LeadDays is { } t ? t - f : null));
        }

        return new Delta(
            checked(current.Summary.Filings - baseline.Summary.Filings),
            current.Summary.Authorities - baseline.Summary.Authorities,
            longest,
            current.Summary.Unknowns - baseline.Summary.Unknowns,
            fees,
            leadTimes,
            baseline.Prohibitions.Where(p => !nowProhibited.Contains(p.Rule)).ToArray(),
            baseline.Requirements.Select(r => r.Rule).Where(r => !nowRequired.Contains(r)).Distinct(StringComparer.Ordinal).ToArray(),
            current.Requirements.Select(r => r.Rule).Where(r => !thenRequired.Contains(r)).Distinct(StringComparer.Ordinal).ToArray());
    }
}
