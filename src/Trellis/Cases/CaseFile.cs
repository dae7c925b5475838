using Trellis.Rules;

namespace Trellis.Cases;

/// <summary>
/// One filing a case carries: a requirement of the frozen assessment, addressed to the host
/// authority it names. <see cref="Key"/> identifies the same requirement across re-assessments
/// (the rule that produced it), so an amendment can tell added, removed and changed filings apart.
/// </summary>
/// <param name="Deadline">The day it must be in by; null when its lead time is unknown (never the arrival day in disguise).</param>
/// <param name="LeadTimeUnknown">True when no source gives the lead time: the deadline is unknown, to settle by hand.</param>
public sealed record FilingSpec(
    string Key,
    string Rule,
    string Instrument,
    string Kind,
    string Title,
    string Authority,
    long Count,
    DateOnly? Deadline,
    bool LeadTimeUnknown,
    string Confidence,
    string Basis,
    string? BasisUrl,
    IReadOnlyList<string> Elements)
{
    /// <summary>The filing a requirement becomes.</summary>
    public static FilingSpec Of(Requirement r)
    {
        var basis = r.Basis.Paragraph is null ? $"{r.Basis.Instrument}, {r.Basis.Article}" : $"{r.Basis.Instrument}, {r.Basis.Article}({r.Basis.Paragraph})";
        return new(r.Rule, r.Rule, r.Instrument, r.Kind, r.Title, r.Authority, r.Count, r.LeadTime.Unknown ? null : r.Deadline,
            r.LeadTime.Unknown, r.Confidence, basis, r.Basis.Url, r.Elements);
    }

    /// <summary>What differs from <paramref name="before"/> in words ("deadline 2027-03-01 → unknown"), empty when nothing does.</summary>
    public IReadOnlyList<string> ChangesFrom(FilingSpec before)
    {
        var changes = new List<string>();
        if (before.Authority != Authority)
        {
            changes.Add($"authority {before.Authority} → {Authority}");
        }

        if (before.Count != Count)
        {
            changes.Add($"count {before.Count} → {Count}");
        }

        if (before.Deadline != Deadline || before.LeadTimeUnknown != LeadTimeUnknown)
        {
            changes.Add($"deadline {DeadlineText(before)} → {DeadlineText(this)}");
        }

        if (before.Kind != Kind)
        {
            changes.Add($"kind {before.Kind} → {Kind}");
        }

        if (!before.Elements.SequenceEqual(Elements))
        {
            changes.Add($"elements {string.Join(", ", before.Elements)} → {string.Join(", ", Elements)}");
        }

        return changes;

        static string DeadlineText(FilingSpec f) => f.Deadline?.ToString("yyyy-MM-dd") ?? "unknown";
    }
}

/// <summary>
/// An assessment frozen for a case: the law date, the registry's content hash and every filing.
/// What the host reviews is this, not whatever the registry says later.
/// </summary>
public sealed record FrozenAssessment(DateOnly LawDate, string RegistryHash, IReadOnlyList<FilingSpec> Filings)
{
    public static FrozenAssessment Of(Assessment assessment, string registryHash) =>
        new(assessment.LawDate, registryHash, assessment.Requirements.Select(FilingSpec.Of).ToArray());
}

/// <summary>What a re-assessment changes in a case's filings.</summary>
/// <param name="Changed">Each with what changed in words.</param>
public sealed record Amendment(
    IReadOnlyList<FilingSpec> Added,
    IReadOnlyList<FilingSpec> Removed,
    IReadOnlyList<(FilingSpec Before, FilingSpec After, IReadOnlyList<string> Changes)> Changed,
    IReadOnlyList<FilingSpec> Unchanged)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>The difference between the filings frozen before and those of the new assessment, by <see cref="FilingSpec.Key"/>.</summary>
    public static Amendment Between(IReadOnlyList<FilingSpec> before, IReadOnlyList<FilingSpec> after)
    {
        var old = new Dictionary<string, FilingSpec>(StringComparer.Ordinal);
        foreach (var f in before)
        {
            old.TryAdd(f.Key, f);
        }

        var added = new List<FilingSpec>();
        var changed = new List<(FilingSpec, FilingSpec, IReadOnlyList<string>)>();
        var unchanged = new List<FilingSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in after)
        {
            if (!seen.Add(f.Key))
            {
                continue;
            }

            if (!old.TryGetValue(f.Key, out var was))
            {
                added.Add(f);
                continue;
            }

            var changes = f.ChangesFrom(was);
            if (changes.Count == 0)
            {
                unchanged.Add(f);
            }
            else
            {
                changed.Add((was, f, changes));
            }
        }

        var removed = before.Where(f => !seen.Contains(f.Key)).DistinctBy(f => f.Key).ToArray();
        return new(added, removed, changed, unchanged);
    }

    /// <summary>
    /// Where a filing goes when the case is amended: a changed filing reopens (back to
    /// <c>submitted</c> for the host to review again, unless it is still a draft or was withdrawn);
    /// an unchanged one keeps its status; a removed one is withdrawn.
    /// </summary>
    public static FilingStatus Reopened(FilingStatus status) =>
        status is FilingStatus.Draft or FilingStatus.Withdrawn ? status : FilingStatus.Submitted;
}

/// <summary>How a filing stands against its deadline on a given day.</summary>
public enum Due
{
    /// <summary>Decided or withdrawn: nothing is due.</summary>
    Settled,

    /// <summary>No deadline can be computed (unknown lead time): settle by hand.</summary>
    Unknown,

    /// <summary>The deadline is before today.</summary>
    Overdue,

    /// <summary>The deadline is today or within <see cref="Deadlines.AtRiskDays"/> days.</summary>
    AtRisk,

    OnTrack,
}

public static class Deadlines
{
    /// <summary>
    /// A planning parameter, not law: a filing is "at risk" from this many calendar days before its
    /// deadline (docs/cases.md).
    /// </summary>
    public const int AtRiskDays = 7;

    public static Due DueOn(DateOnly? deadline, FilingStatus status, DateOnly today)
    {
        if (Lifecycle.IsFinal(status))
        {
            return Due.Settled;
        }

        if (deadline is not { } d)
        {
            return Due.Unknown;
        }

        return d < today ? Due.Overdue : d.DayNumber - today.DayNumber <= AtRiskDays ? Due.AtRisk : Due.OnTrack;
    }

    public static string Name(this Due due) => due switch
    {
        Due.Settled => "settled",
        Due.Unknown => "unknown",
        Due.Overdue => "overdue",
        Due.AtRisk => "at-risk",
        _ => "on-track",
    };
}

/// <summary>One line of the host's routing table: filings to <see cref="Authority"/> (null: every authority) of <see cref="State"/> go to <see cref="OrganisationId"/>.</summary>
public sealed record AuthorityRoute(string State, string? Authority, Guid OrganisationId);

public static class AuthorityRouting
{
    /// <summary>
    /// The host organisation that receives filings addressed to <paramref name="authority"/> of
    /// <paramref name="hostState"/>: a route naming the authority exactly (case-insensitive) wins;
    /// then the longest route text the authority begins with ("Japan Customs" receives "Japan
    /// Customs (Ministry of Finance)"); then a route for every authority; else null — shown to
    /// both sides as "no host organisation yet".
    /// </summary>
    public static Guid? Route(string hostState, string authority, IEnumerable<AuthorityRoute> routes)
    {
        var candidates = routes.Where(r => string.Equals(r.State, hostState, StringComparison.OrdinalIgnoreCase)).ToArray();
        var text = authority.Trim();
        var exact = candidates.FirstOrDefault(r => r.Authority is { } a && string.Equals(a.Trim(), text, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact.OrganisationId;
        }

        var prefix = candidates.Where(r => r.Authority is { Length: > 0 } a && text.StartsWith(a.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.Authority!.Trim().Length).FirstOrDefault();
        return prefix?.OrganisationId ?? candidates.FirstOrDefault(r => r.Authority is null)?.OrganisationId;
    }
}
