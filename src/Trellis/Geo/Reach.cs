using Trellis.Registry;

namespace Trellis.Geo;

/// <summary>
/// A question "which facilities within <see cref="RadiusKm"/> of <see cref="Point"/> can each
/// state use on <see cref="AsOf"/>?", optionally for one state and with hypothetical agreements added.
/// </summary>
public sealed record ReachQuery
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a radius that is not in (0, <see cref="Geodesy.MaxRadiusKm"/>].</summary>
    public ReachQuery(GeoPoint point, double radiusKm, DateOnly asOf)
    {
        if (Geodesy.RadiusProblem(radiusKm, nameof(radiusKm)) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), radiusKm, problem);
        }

        Point = point;
        RadiusKm = radiusKm;
        AsOf = asOf;
    }

    /// <summary>The centre of the circle.</summary>
    public GeoPoint Point { get; }

    /// <summary>Great-circle radius in km; a facility at exactly this distance is within reach.</summary>
    public double RadiusKm { get; }

    /// <summary>The day on which agreements must be in force (<see cref="Agreement.IsInForceOn"/>).</summary>
    public DateOnly AsOf { get; }

    /// <summary>Only this state (ISO3), listed even when it can use nothing within the radius; null for every state.</summary>
    public string? State { get; init; }

    /// <summary>Agreements added for what-if (usually <see cref="Agreement.Hypothetical"/>); one with a bundled id replaces it.</summary>
    public IReadOnlyList<Agreement> With { get; init; } = [];

    /// <summary>Which agreements grant a party every facility of the other; default <see cref="AccessPolicy.AnyAccessType"/>.</summary>
    public AccessPolicy Policy { get; init; } = AccessPolicy.AnyAccessType;
}

/// <summary>
/// Which access-layer agreements that name no sites open <em>every</em> facility of a host. Whose forces an
/// agreement covers is not part of the policy: it comes from the data (<see cref="Agreement.VisitingForces"/>)
/// and always applies, so under either policy the US–Japan SOFA (<c>visitingForces: [USA]</c>) gives Japan
/// nothing on US soil. The policy settles what the data leaves open: how far a SOFA or a force-posture
/// agreement reaches on the host's soil.
/// </summary>
public enum AccessPolicy
{
    /// <summary>
    /// Every access-layer agreement (<c>sofa</c>, <c>vfa</c>, <c>raa</c>, <c>access</c>) in force and not
    /// site-specific grants each party whose forces it admits every facility of the other parties. Generous:
    /// a SOFA is read as opening every facility of the host, and an agreement whose visiting forces are not
    /// recorded as opening every party's facilities to every other party.
    /// </summary>
    AnyAccessType,

    /// <summary>
    /// Only reciprocal types (<c>raa</c>, <c>vfa</c>) grant every facility of the other party (still only to
    /// parties whose forces they admit); a <c>sofa</c> or <c>access</c> agreement grants only the facilities
    /// whose <c>users</c> name it for the state. Cautious.
    /// </summary>
    ReciprocalTypes,
}

/// <summary>Why a state may use a facility, from the most to the least specific.</summary>
public enum GrantKind
{
    /// <summary>The facility is on the state's own territory.</summary>
    Territory,
    /// <summary>The facility's <c>users</c> name the state under this agreement, which is in force.</summary>
    Listed,
    /// <summary>
    /// An access-layer agreement between the state and the host, in force, not site-specific and admitting the
    /// state's forces (<see cref="Agreement.AdmitsForcesOf"/>), covers every facility of the host.
    /// </summary>
    Access,
}

/// <summary>One legal basis on which a state may use a facility.</summary>
/// <param name="GrantedBy"><c>territory</c>, or the id of the agreement.</param>
/// <param name="Hypothetical">True when the agreement was added for what-if.</param>
public sealed record ReachGrant(string GrantedBy, GrantKind Kind, bool Hypothetical)
{
    /// <summary>The value of <see cref="GrantedBy"/> for a facility on the state's own territory.</summary>
    public const string TerritoryName = "territory";
}

/// <summary>A facility a state may use, its distance from the query point, and every basis for the use.</summary>
/// <param name="Grants">
/// Every basis, best first: bundled before hypothetical, then territory, listed, general access,
/// then agreement id. So the first is hypothetical only when nothing bundled grants the use.
/// </param>
public sealed record ReachFacility(Facility Facility, double DistanceKm, IReadOnlyList<ReachGrant> Grants)
{
    /// <summary>The first (best) basis: what output shows as <c>grantedBy</c>.</summary>
    public ReachGrant Grant => Grants[0];

    /// <summary>True when only hypothetical agreements grant the use: the gain of a what-if.</summary>
    public bool OnlyHypothetical => Grant.Hypothetical;
}

/// <summary>What one state can use within the radius.</summary>
/// <param name="State">ISO3 code.</param>
/// <param name="NearestKm">
/// Distance from the query point to the nearest facility the state can use on the day, wherever
/// it is (inside or outside the radius); null when it can use none in the registry.
/// </param>
/// <param name="Facilities">Usable facilities within the radius, nearest first (then by id).</param>
public sealed record StateReach(string State, double? NearestKm, IReadOnlyList<ReachFacility> Facilities);

/// <summary>The answer to a <see cref="ReachQuery"/>: states in ISO3 order.</summary>
public sealed record ReachResult(ReachQuery Query, IReadOnlyList<StateReach> States)
{
    /// <summary>Number of (state, facility) pairs within the radius.</summary>
    public int GrantCount => States.Sum(s => s.Facilities.Count);
}

/// <summary>
/// Which facilities each state may use on a day, and on what basis. A state <c>S</c> may use a
/// facility <c>F</c> hosted by <c>H</c> when:
/// <list type="bullet">
/// <item><c>S</c> is <c>H</c> (<see cref="GrantKind.Territory"/>);</item>
/// <item><c>F</c>'s <c>users</c> name <c>S</c> under an agreement in force on the day (<see cref="GrantKind.Listed"/>),
/// whatever its type (e.g. FPDA at RMAF Butterworth);</item>
/// <item>an access-layer agreement (<c>sofa</c>, <c>vfa</c>, <c>raa</c>, <c>access</c>) between <c>S</c> and <c>H</c>
/// is in force on the day, is not site-specific, and admits <c>S</c>'s forces: <c>S</c> is among its
/// <see cref="Agreement.VisitingForces"/>, or those are not recorded (<see cref="GrantKind.Access"/>). A site-specific
/// agreement (EDCA) grants only the facilities whose <c>users</c> name it for <c>S</c>, which is the listed case.
/// Under <see cref="AccessPolicy.ReciprocalTypes"/> only <c>raa</c> and <c>vfa</c> agreements count here.</item>
/// </list>
/// A user entry without an agreement grants nothing: the registry does not say on what basis. Neither does one
/// under an agreement that does not admit the user's forces (the loader rejects it; a hypothetical agreement
/// replacing a bundled one can still bring it about).
/// </summary>
public static class Reach
{
    /// <summary>Answers <paramref name="query"/> against <paramref name="registry"/> (plus <see cref="ReachQuery.With"/>).</summary>
    public static ReachResult Compute(AgreementRegistry registry, ReachQuery query)
    {
        var snapshot = query.With.Count == 0 ? registry : registry.With(query.With);
        var day = query.AsOf;
        var accessByHost = new Dictionary<string, Agreement[]>(StringComparer.Ordinal);
        var within = new Dictionary<string, List<ReachFacility>>(StringComparer.Ordinal);
        var nearest = new Dictionary<string, double>(StringComparer.Ordinal);
        var grants = new Dictionary<string, List<ReachGrant>>(StringComparer.Ordinal);

        foreach (var facility in snapshot.Facilities)
        {
            var distance = Geodesy.DistanceKm(query.Point.Lat, query.Point.Lon, facility.Lat, facility.Lon);
            grants.Clear();
            CollectGrants(snapshot, facility, day, query.State, query.Policy, accessByHost, grants);
            foreach (var (state, list) in grants)
            {
                if (!nearest.TryGetValue(state, out var best) || distance < best)
                {
                    nearest[state] = distance;
                }

                if (distance <= query.RadiusKm)
                {
                    list.Sort(CompareGrants);
                    if (!within.TryGetValue(state, out var usable))
                    {
                        within[state] = usable = [];
                    }

                    usable.Add(new ReachFacility(facility, distance, list.ToArray()));
                }
            }
        }

        var states = query.State is { } only ? [only] : within.Keys.Order(StringComparer.Ordinal).ToArray();
        var result = states.Select(s => new StateReach(
                s,
                nearest.TryGetValue(s, out var km) ? km : null,
                within.TryGetValue(s, out var list)
                    ? list.OrderBy(f => f.DistanceKm).ThenBy(f => f.Facility.Id, StringComparer.Ordinal).ToArray()
                    : []))
            .ToArray();
        return new ReachResult(query, result);
    }

    /// <summary>Every state that may use <paramref name="facility"/> on <paramref name="day"/>, with each basis.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ReachGrant>> GrantsAt(
        AgreementRegistry registry, Facility facility, DateOnly day, AccessPolicy policy = AccessPolicy.AnyAccessType)
    {
        var grants = new Dictionary<string, List<ReachGrant>>(StringComparer.Ordinal);
        CollectGrants(registry, facility, day, null, policy, new Dictionary<string, Agreement[]>(StringComparer.Ordinal), grants);
        return grants.ToDictionary(g => g.Key, g => (IReadOnlyList<ReachGrant>)g.Value.Order(Comparer<ReachGrant>.Create(CompareGrants)).ToArray(),
            StringComparer.Ordinal);
    }

    private static void CollectGrants(
        AgreementRegistry registry,
        Facility facility,
        DateOnly day,
        string? onlyState,
        AccessPolicy policy,
        Dictionary<string, Agreement[]> accessByHost,
        Dictionary<string, List<ReachGrant>> grants)
    {
        var host = facility.Host;
        if (onlyState is null || onlyState == host)
        {
            Add(grants, host, new ReachGrant(ReachGrant.TerritoryName, GrantKind.Territory, false));
        }

        foreach (var user in facility.Users)
        {
            if (user.State == host || (onlyState is not null && onlyState != user.State) || user.Agreement is null ||
                registry.FindAgreement(user.Agreement) is not { } agreement || !agreement.IsInForceOn(day) ||
                !agreement.AdmitsForcesInto(user.State, host) || (user.Since is { } since && !since.IsOnOrBefore(day)))
            {
                continue;
            }

            Add(grants, user.State, new ReachGrant(agreement.Id, GrantKind.Listed, agreement.Hypothetical));
        }

        if (!accessByHost.TryGetValue(host, out var access))
        {
            access = registry.AgreementsOf(host)
                .Where(a => !a.SiteSpecific && a.Type.LayerOf() == Layer.Access && a.IsInForceOn(day) &&
                            (policy == AccessPolicy.AnyAccessType || a.Type is AgreementType.Raa or AgreementType.Vfa))
                .ToArray();
            accessByHost[host] = access;
        }

        foreach (var agreement in access)
        {
            foreach (var party in agreement.Parties)
            {
                if ((onlyState is null || onlyState == party) && agreement.AdmitsForcesInto(party, host))
                {
                    Add(grants, party, new ReachGrant(agreement.Id, GrantKind.Access, agreement.Hypothetical));
                }
            }
        }
    }

    private static void Add(Dictionary<string, List<ReachGrant>> grants, string state, ReachGrant grant)
    {
        if (!grants.TryGetValue(state, out var list))
        {
            grants[state] = list = [];
        }

        // The same agreement may both be listed for the site and cover the host in general: keep the listed one.
        if (!list.Exists(g => g.GrantedBy == grant.GrantedBy))
        {
            list.Add(grant);
        }
    }

    private static int CompareGrants(ReachGrant a, ReachGrant b)
    {
        var byHypothetical = a.Hypothetical.CompareTo(b.Hypothetical);
        if (byHypothetical != 0)
        {
            return byHypothetical;
        }

        var byKind = a.Kind.CompareTo(b.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(a.GrantedBy, b.GrantedBy);
    }
}
