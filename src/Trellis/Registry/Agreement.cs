namespace Trellis.Registry;

/// <summary>Where an agreement stands on a given day.</summary>
public enum AgreementStatus
{
    /// <summary>No recorded step yet on that day (before negotiations or signature).</summary>
    None,
    /// <summary>Being negotiated, not signed.</summary>
    Negotiating,
    /// <summary>Signed, not (yet) in force; also used when entry into force is not recorded.</summary>
    Signed,
    /// <summary>In force.</summary>
    InForce,
    /// <summary>No longer in force.</summary>
    Ended,
}

public static class AgreementStatuses
{
    /// <summary>The status as written in output: <c>negotiating</c>, <c>signed</c>, <c>in-force</c>, <c>ended</c>, <c>none</c>.</summary>
    public static string ToName(this AgreementStatus status) => status switch
    {
        AgreementStatus.Negotiating => "negotiating",
        AgreementStatus.Signed => "signed",
        AgreementStatus.InForce => "in-force",
        AgreementStatus.Ended => "ended",
        _ => "none",
    };
}

/// <summary>
/// An international agreement (treaty, executive agreement, MOU or arrangement) between two
/// or more states, with the dates of its life and the sources that attest them.
/// Signature, entry into force and end are different dates; <see cref="Ended"/> is exclusive.
/// </summary>
public sealed record Agreement
{
    public Agreement(
        string id,
        string title,
        string shortName,
        AgreementType type,
        IReadOnlyList<string> parties,
        PartialDate? negotiatingSince,
        PartialDate? signed,
        PartialDate? inForce,
        PartialDate? ended,
        IReadOnlyList<Source> sources,
        Confidence confidence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (parties.Count < 2)
        {
            throw new ArgumentException($"Agreement {id} needs at least two parties.", nameof(parties));
        }

        Id = id;
        Title = title;
        ShortName = shortName;
        Type = type;
        Parties = parties;
        NegotiatingSince = negotiatingSince;
        Signed = signed;
        InForce = inForce;
        Ended = ended;
        Sources = sources;
        Confidence = confidence;
    }

    /// <summary>Stable id, e.g. <c>gbr-jpn-raa</c>; equals the folder name.</summary>
    public string Id { get; }

    /// <summary>Official title where a source quotes one, else the common name.</summary>
    public string Title { get; }

    /// <summary>Short name for tables (<c>Japan–UK RAA</c>).</summary>
    public string ShortName { get; }

    public AgreementType Type { get; }

    /// <summary>ISO3 codes of the parties, two or more, in the order of the file.</summary>
    public IReadOnlyList<string> Parties { get; }

    /// <summary>First recorded day of negotiations, if known.</summary>
    public PartialDate? NegotiatingSince { get; }

    /// <summary>Signature date; null while being negotiated.</summary>
    public PartialDate? Signed { get; }

    /// <summary>Entry into force; null when not (yet) in force or not recorded.</summary>
    public PartialDate? InForce { get; }

    /// <summary>
    /// True when sources report the agreement in force but give no date of entry into force
    /// (<c>inForce: unknown</c> in the data). Such an agreement is counted as in force from its
    /// signature, and every output shows its entry into force as <c>unknown</c>.
    /// </summary>
    public bool InForceUndated { get; init; }

    /// <summary>First day on which the agreement is no longer in force (exclusive end); null while in force.</summary>
    public PartialDate? Ended { get; }

    /// <summary>True when access is granted only to facilities that name this agreement (EDCA's agreed locations).</summary>
    public bool SiteSpecific { get; init; }

    /// <summary>
    /// The parties whose forces the agreement admits into the other parties' territory (ISO3, in the order of
    /// the file): <c>[USA]</c> for the US–Japan SOFA, which governs "the Status of United States Armed Forces
    /// in Japan". Null when the data does not record it, read as every party's forces (a reciprocal agreement,
    /// or one whose direction no source settles; <c>notes</c> says which). Setting it throws
    /// <see cref="ArgumentException"/> when the list is empty, names a state twice or names a non-party.
    /// </summary>
    public IReadOnlyList<string>? VisitingForces
    {
        get => _visitingForces;
        init
        {
            if (value is not null)
            {
                if (value.Count == 0 || value.Distinct(StringComparer.Ordinal).Count() != value.Count)
                {
                    throw new ArgumentException($"Agreement {Id}: visiting forces must be distinct parties, at least one.", nameof(VisitingForces));
                }

                if (value.FirstOrDefault(s => !HasParty(s)) is { } stranger)
                {
                    throw new ArgumentException($"Agreement {Id}: visiting force {stranger} is not a party.", nameof(VisitingForces));
                }
            }

            _visitingForces = value;
        }
    }

    private readonly IReadOnlyList<string>? _visitingForces;

    /// <summary>
    /// The parties in whose territory the agreement applies: <c>[JPN]</c> for the 1954 agreement on the status of
    /// United Nations forces in Japan. Null when it applies in every party's territory. Setting it throws
    /// <see cref="ArgumentException"/> when the list is empty, names a state twice or names a non-party.
    /// </summary>
    public IReadOnlyList<string>? Territory
    {
        get => _territory;
        init
        {
            if (value is not null && (value.Count == 0 || value.Distinct(StringComparer.Ordinal).Count() != value.Count || value.Any(s => !HasParty(s))))
            {
                throw new ArgumentException($"Agreement {Id}: territory must be distinct parties, at least one.", nameof(Territory));
            }

            _territory = value;
        }
    }

    private readonly IReadOnlyList<string>? _territory;

    /// <summary>True when the agreement applies in <paramref name="iso3"/>'s territory (<see cref="Territory"/>).</summary>
    public bool AppliesInTerritoryOf(string iso3) =>
        HasParty(iso3) && (Territory is null || Territory.Contains(iso3, StringComparer.Ordinal));

    /// <summary>
    /// True when the agreement admits <paramref name="forces"/>' forces into <paramref name="host"/>: two distinct
    /// parties, the first among the visiting forces, the second among the territories it applies in.
    /// </summary>
    public bool AdmitsForcesInto(string forces, string host) =>
        !string.Equals(forces, host, StringComparison.Ordinal) && AdmitsForcesOf(forces) && AppliesInTerritoryOf(host);

    /// <summary>
    /// True when the agreement admits <paramref name="iso3"/>'s forces into the other parties' territory: the
    /// state is a party and is among <see cref="VisitingForces"/>, or <see cref="VisitingForces"/> is not recorded.
    /// Whether the agreement is in force, and whether it is site-specific, are separate questions.
    /// </summary>
    public bool AdmitsForcesOf(string iso3) =>
        HasParty(iso3) && (VisitingForces is null || VisitingForces.Contains(iso3, StringComparer.Ordinal));

    public IReadOnlyList<Source> Sources { get; }

    public Confidence Confidence { get; }

    /// <summary>Key of the research-table row this entry came from (<c>AGR-021</c>), if any.</summary>
    public string? Ref { get; init; }

    /// <summary>Uncertainties, corrections and context.</summary>
    public string? Notes { get; init; }

    /// <summary>The folder the agreement was loaded from (holds <c>rules.yaml</c>, <c>text.md</c>, <c>examples/</c>).</summary>
    public string? Folder { get; init; }

    /// <summary>The file the agreement was loaded from, for diagnostics.</summary>
    public string? File { get; init; }

    /// <summary>Line of the <c>id</c> field in <see cref="File"/>, for diagnostics.</summary>
    public int IdLine { get; init; }

    /// <summary>True for an agreement added for what-if analysis, not part of the bundled registry.</summary>
    public bool Hypothetical { get; init; }

    /// <summary>True when the agreement has more than two parties.</summary>
    public bool IsMultilateral => Parties.Count > 2;

    public bool HasParty(string iso3) => Parties.Contains(iso3, StringComparer.Ordinal);

    /// <summary>True when both states are parties.</summary>
    public bool IsBetween(string a, string b) => !string.Equals(a, b, StringComparison.Ordinal) && HasParty(a) && HasParty(b);

    /// <summary>
    /// The status on <paramref name="day"/>. In force on D means: <see cref="InForce"/> is on or before D and
    /// <see cref="Ended"/> is absent or after D. Partial dates are read under <paramref name="policy"/>.
    /// </summary>
    public AgreementStatus StatusOn(DateOnly day, PartialDatePolicy policy = PartialDatePolicy.Latest)
    {
        if (Ended is { } ended && ended.IsOnOrBefore(day, policy))
        {
            return AgreementStatus.Ended;
        }

        if (InForce is { } inForce && inForce.IsOnOrBefore(day, policy))
        {
            return AgreementStatus.InForce;
        }

        if (Signed is { } signed && signed.IsOnOrBefore(day, policy))
        {
            return InForceUndated ? AgreementStatus.InForce : AgreementStatus.Signed;
        }

        if (NegotiatingSince is { } since && since.IsOnOrBefore(day, policy))
        {
            return AgreementStatus.Negotiating;
        }

        return AgreementStatus.None;
    }

    /// <summary>True when the agreement is in force on <paramref name="day"/>.</summary>
    public bool IsInForceOn(DateOnly day, PartialDatePolicy policy = PartialDatePolicy.Latest) =>
        StatusOn(day, policy) == AgreementStatus.InForce;
}
