namespace Trellis.Registry;

/// <summary>A source as it appears in output.</summary>
public sealed record SourceView(string Url, string? Title);

/// <summary>
/// An agreement as it appears in the documented JSON output of <c>trellis agreements</c>,
/// <c>trellis agreement</c> and <c>GET /api/agreements</c>. Dates are written as in the data
/// files (<c>2017</c>, <c>2019-07</c>, <c>2023-10-15</c>); <c>status</c> is on <c>asOf</c>.
/// </summary>
public sealed record AgreementView(
    string Id,
    string Title,
    string Short,
    string Type,
    string Layer,
    IReadOnlyList<string> Parties,
    IReadOnlyList<string>? VisitingForces,
    string? NegotiatingSince,
    string? Signed,
    string? InForce,
    string? Ended,
    string Status,
    IReadOnlyList<SourceView> Sources,
    string Confidence,
    bool SiteSpecific,
    string? Ref,
    string? Notes)
{
    public static AgreementView Of(Agreement a, DateOnly asOf, PartialDatePolicy policy = PartialDatePolicy.Latest) => new(
        a.Id,
        a.Title,
        a.ShortName,
        a.Type.ToName(),
        a.Type.LayerOf().ToName(),
        a.Parties,
        VisitingOf(a),
        a.NegotiatingSince?.ToString(),
        a.Signed?.ToString(),
        a.InForceUndated ? "unknown" : a.InForce?.ToString(),
        a.Ended?.ToString(),
        a.StatusOn(asOf, policy).ToName(),
        a.Sources.Select(s => new SourceView(s.Url, s.Title)).ToArray(),
        a.Confidence.ToString().ToLowerInvariant(),
        a.SiteSpecific,
        a.Ref,
        a.Notes);

    /// <summary>
    /// Whose forces an access-layer agreement admits into the other parties' territory: as recorded, else every
    /// party (docs/data-format.md, "Visiting forces"); null for the other layers, where the question does not arise.
    /// </summary>
    public static IReadOnlyList<string>? VisitingOf(Agreement a) =>
        a.VisitingForces ?? (a.Type.LayerOf() == Registry.Layer.Access ? a.Parties : null);

    /// <summary>Whose forces an access-layer agreement admits where, in words (the CLI's text, the agreement page); null for the other layers.</summary>
    public static string? AdmitsText(Agreement a, AgreementRegistry registry)
    {
        if (VisitingOf(a) is not { } visiting)
        {
            return null;
        }

        if (visiting.Count == a.Parties.Count)
        {
            return a.VisitingForces is null
                ? "forces of every party (whose forces it covers is not recorded)"
                : "forces of each party into the other parties' territory (reciprocal)";
        }

        var hosts = a.Parties.Where(p => !visiting.Contains(p)).Select(h => registry.FindState(h)?.Name ?? h);
        return $"forces of {string.Join(", ", visiting)} only, into {string.Join(", ", hosts)}";
    }
}

/// <summary>The documented JSON object of <c>trellis agreements --format json</c>.</summary>
public sealed record AgreementListView(string AsOf, int Count, IReadOnlyList<AgreementView> Agreements);

/// <summary>A filter over the registry's agreements, as the CLI and the API take it.</summary>
public sealed record AgreementQuery
{
    /// <summary>Only agreements to which this state is a party.</summary>
    public string? State { get; init; }

    /// <summary>Only agreements between these two states.</summary>
    public (string A, string B)? Between { get; init; }

    public AgreementType? Type { get; init; }

    /// <summary>Only agreements with this status on <see cref="AsOf"/>.</summary>
    public AgreementStatus? Status { get; init; }

    /// <summary>The day statuses are computed for (the caller's today: see <see cref="Clock.Today"/>).</summary>
    public required DateOnly AsOf { get; init; }

    public PartialDatePolicy Policy { get; init; } = PartialDatePolicy.Latest;

    /// <summary>The matching agreements, ordered by earliest recorded date then id.</summary>
    public IReadOnlyList<Agreement> Run(AgreementRegistry registry)
    {
        IEnumerable<Agreement> result = State is { } s ? registry.AgreementsOf(s)
            : Between is { } pair ? registry.HistoryOf(pair.A, pair.B)
            : registry.Agreements;
        if (Between is { } p)
        {
            result = result.Where(a => a.IsBetween(p.A, p.B));
        }

        if (Type is { } t)
        {
            result = result.Where(a => a.Type == t);
        }

        if (Status is { } st)
        {
            result = result.Where(a => a.StatusOn(AsOf, Policy) == st);
        }

        return result
            .OrderBy(a => (a.Signed ?? a.NegotiatingSince ?? a.InForce)?.First ?? DateOnly.MaxValue)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToArray();
    }
}
