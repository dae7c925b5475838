using Trellis.Geo;
using Trellis.Registry;

namespace Trellis.Tests.Geo;

/// <summary>Reach on a small registry built in code: one host (PHL) with three facilities and a few agreements.</summary>
public class ReachTests
{
    private static readonly DateOnly Day = new(2024, 6, 1);
    private static readonly GeoPoint Luzon = new(16.0, 121.0);

    private static Agreement Agreement(string id, AgreementType type, string inForce, params string[] parties) =>
        new(id, id, id, type, parties, null, PartialDate.Parse("2000-01-01"), PartialDate.Parse(inForce), null,
            [new Source("https://example.org/" + id, null)], Confidence.High);

    private static Facility Facility(string id, string host, double lat, double lon, params (string State, string? Agreement)[] users) =>
        new(id, id, host, lat, lon, true, "air", null, users.Select(u => new FacilityUser(u.State, u.Agreement)).ToArray(),
            [new Source("https://example.org/" + id, null)], Confidence.Medium);

    private static AgreementRegistry Registry(params Agreement[] agreements) => Registry([], agreements);

    /// <summary>The registry below plus <paramref name="extra"/> facilities.</summary>
    private static AgreementRegistry Registry(Facility[] extra, params Agreement[] agreements)
    {
        var states = new[] { "AUS", "GBR", "JPN", "MYS", "PHL", "USA" }
            .Select(s => new State(s, s, null, null, "east-asia", true));
        var facilities = new[]
        {
            Facility("north-base", "PHL", 18.0, 121.0, ("USA", "phl-usa-access")),
            Facility("south-base", "PHL", 14.0, 121.0),
            Facility("far-base", "PHL", 8.0, 125.0, ("USA", "phl-usa-access")),
            Facility("butterworth", "MYS", 5.47, 100.39, ("AUS", "fpda"), ("GBR", "fpda"), ("JPN", null)),
            Facility("guam", "USA", 13.44, 144.65),
        }.Concat(extra);
        return new AgreementRegistry(states, agreements, facilities, []);
    }

    private static Agreement Edca => Agreement("phl-usa-access", AgreementType.Access, "2014-06-25", "PHL", "USA") with { SiteSpecific = true };

    private static StateReach? Of(ReachResult result, string state) => result.States.SingleOrDefault(s => s.State == state);

    private static string[] Ids(StateReach? s) => s?.Facilities.Select(f => f.Facility.Id).ToArray() ?? [];

    [Fact]
    public void Compute_OwnTerritory_GrantedByTerritory()
    {
        var result = Reach.Compute(Registry(), new ReachQuery(Luzon, 500, Day));

        var phl = Of(result, "PHL")!;
        Assert.Equal(["north-base", "south-base"], Ids(phl));
        Assert.All(phl.Facilities, f => Assert.Equal("territory", f.Grant.GrantedBy));
        Assert.All(phl.Facilities, f => Assert.Equal(GrantKind.Territory, f.Grant.Kind));
    }

    [Fact]
    public void Compute_SiteSpecificAgreement_GrantsOnlyTheSitesThatNameIt()
    {
        var result = Reach.Compute(Registry(Edca), new ReachQuery(Luzon, 20000, Day) { State = "USA" });

        var usa = Of(result, "USA")!;
        Assert.Equal(["far-base", "guam", "north-base"], Ids(usa).Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain("south-base", Ids(usa));
        Assert.Equal("phl-usa-access", usa.Facilities.Single(f => f.Facility.Id == "north-base").Grant.GrantedBy);
        Assert.Equal(GrantKind.Listed, usa.Facilities.Single(f => f.Facility.Id == "north-base").Grant.Kind);
    }

    [Fact]
    public void Compute_GeneralAccessAgreement_GrantsEveryFacilityOfTheHost()
    {
        var vfa = Agreement("phl-usa-vfa", AgreementType.Vfa, "1999-06-01", "PHL", "USA");
        var result = Reach.Compute(Registry(Edca, vfa), new ReachQuery(Luzon, 500, Day) { State = "USA" });

        var usa = Of(result, "USA")!;
        Assert.Equal(["north-base", "south-base"], Ids(usa));
        var north = usa.Facilities[0];
        Assert.Equal("phl-usa-access", north.Grant.GrantedBy); // listed for the site: more specific than the VFA
        Assert.Equal(["phl-usa-access", "phl-usa-vfa"], north.Grants.Select(g => g.GrantedBy).ToArray());
        Assert.Equal("phl-usa-vfa", usa.Facilities[1].Grant.GrantedBy);
        Assert.Equal(GrantKind.Access, usa.Facilities[1].Grant.Kind);
    }

    [Fact]
    public void Compute_NonAccessLayerAgreementBetweenTheStates_GrantsNothing()
    {
        var logistics = Agreement("jpn-phl-logistics", AgreementType.Logistics, "2020-01-01", "JPN", "PHL");
        var alliance = Agreement("phl-usa-mutual-defence", AgreementType.MutualDefence, "1952-08-27", "PHL", "USA");
        var result = Reach.Compute(Registry(logistics, alliance), new ReachQuery(Luzon, 500, Day));

        Assert.Null(Of(result, "JPN"));
        Assert.Null(Of(result, "USA"));
    }

    [Fact]
    public void Compute_AccessAgreementNotYetInForce_GrantsNothingUntilItIs()
    {
        var raa = Agreement("jpn-phl-raa", AgreementType.Raa, "2025-09-11", "JPN", "PHL");
        var registry = Registry(raa);

        Assert.Null(Of(Reach.Compute(registry, new ReachQuery(Luzon, 500, new DateOnly(2025, 9, 10))), "JPN"));
        var after = Of(Reach.Compute(registry, new ReachQuery(Luzon, 500, new DateOnly(2025, 9, 11))), "JPN");
        Assert.Equal(["north-base", "south-base"], Ids(after));
        Assert.All(after!.Facilities, f => Assert.Equal("jpn-phl-raa", f.Grant.GrantedBy));
    }

    [Fact]
    public void Compute_UsersListedUnderAnAgreementInForce_GrantedByThatAgreement()
    {
        var fpda = Agreement("fpda", AgreementType.Arrangement, "1971-11-01", "AUS", "GBR", "MYS");
        var result = Reach.Compute(Registry(fpda), new ReachQuery(new GeoPoint(5, 100), 200, Day));

        Assert.Equal("fpda", Of(result, "AUS")!.Facilities.Single().Grant.GrantedBy);
        Assert.Equal("fpda", Of(result, "GBR")!.Facilities.Single().Grant.GrantedBy);
        Assert.Null(Of(result, "JPN")); // listed with no agreement: no basis, no grant
        Assert.Equal(["AUS", "GBR", "MYS"], result.States.Select(s => s.State).ToArray());
    }

    [Fact]
    public void Compute_ListedAgreementNotInForce_GrantsNothing()
    {
        var result = Reach.Compute(Registry(), new ReachQuery(new GeoPoint(5, 100), 200, Day) { State = "AUS" });

        var aus = Of(result, "AUS")!;
        Assert.Empty(aus.Facilities);
        Assert.Null(aus.NearestKm);
    }

    [Fact]
    public void Compute_StateFilterWithNothingInReach_ListsTheStateWithItsNearestUsableFacility()
    {
        var result = Reach.Compute(Registry(Edca), new ReachQuery(Luzon, 100, Day) { State = "USA" });

        var usa = Assert.Single(result.States);
        Assert.Equal("USA", usa.State);
        Assert.Empty(usa.Facilities);
        Assert.Equal(Geodesy.DistanceKm(16, 121, 18, 121), usa.NearestKm!.Value, 9);
    }

    [Fact]
    public void Compute_NearestKm_IsTheClosestUsableFacility()
    {
        var result = Reach.Compute(Registry(), new ReachQuery(new GeoPoint(17.5, 121.0), 1000, Day));

        var phl = Of(result, "PHL")!;
        Assert.Equal(phl.Facilities[0].DistanceKm, phl.NearestKm);
        Assert.Equal("north-base", phl.Facilities[0].Facility.Id);
    }

    [Fact]
    public void Compute_ManyStates_OrderedByStateThenDistance()
    {
        var vfa = Agreement("phl-usa-vfa", AgreementType.Vfa, "1999-06-01", "PHL", "USA");
        var raa = Agreement("jpn-phl-raa", AgreementType.Raa, "2020-01-01", "JPN", "PHL");
        var result = Reach.Compute(Registry(vfa, raa), new ReachQuery(new GeoPoint(13.0, 121.0), 20000, Day));

        Assert.Equal(["JPN", "MYS", "PHL", "USA"], result.States.Select(s => s.State).ToArray());
        foreach (var s in result.States)
        {
            var distances = s.Facilities.Select(f => f.DistanceKm).ToArray();
            Assert.Equal(distances.Order().ToArray(), distances);
        }

        Assert.Equal(["south-base", "north-base", "far-base"], Ids(Of(result, "JPN")));
    }

    [Fact]
    public void Compute_RadiusIsInclusive_FacilityOnTheCircleIsIn()
    {
        var exact = Geodesy.DistanceKm(16, 121, 18, 121);
        var result = Reach.Compute(Registry(), new ReachQuery(Luzon, exact, Day) { State = "PHL" });
        Assert.Contains("north-base", Ids(Of(result, "PHL")));
    }

    [Fact]
    public void Compute_WithHypothetical_AddsOnlyWhatNothingBundledGrants()
    {
        var vfa = Agreement("phl-usa-vfa", AgreementType.Vfa, "1999-06-01", "PHL", "USA");
        var draft = Agreement("jpn-phl-raa-2020", AgreementType.Raa, "2021-01-01", "JPN", "PHL") with { Hypothetical = true };
        var usDraft = Agreement("phl-usa-raa", AgreementType.Raa, "2021-01-01", "PHL", "USA") with { Hypothetical = true };
        var registry = Registry(vfa);
        var query = new ReachQuery(Luzon, 500, Day);

        var before = Reach.Compute(registry, query);
        var after = Reach.Compute(registry, query with { With = [draft, usDraft] });

        Assert.Null(Of(before, "JPN"));
        var jpn = Of(after, "JPN")!;
        Assert.Equal(["north-base", "south-base"], Ids(jpn));
        Assert.All(jpn.Facilities, f => Assert.True(f.OnlyHypothetical));
        Assert.All(jpn.Facilities, f => Assert.Equal("jpn-phl-raa-2020", f.Grant.GrantedBy));
        var usa = Of(after, "USA")!;
        Assert.All(usa.Facilities, f => Assert.Equal("phl-usa-vfa", f.Grant.GrantedBy)); // bundled first
        Assert.All(usa.Facilities, f => Assert.False(f.OnlyHypothetical));
        Assert.DoesNotContain(registry.Agreements, a => a.Hypothetical); // the registry itself is untouched
    }

    [Fact]
    public void Compute_SofaWithoutVisitingForcesUnderAnyAccessType_OpensEveryFacilityBothWays()
    {
        var sofa = Agreement("jpn-usa-sofa", AgreementType.Sofa, "1960-06-23", "JPN", "USA");
        var result = Reach.Compute(Registry(sofa), new ReachQuery(new GeoPoint(13.4, 144.7), 100, Day) { State = "JPN" });

        Assert.Equal(["guam"], Ids(Of(result, "JPN")));
        Assert.Equal(GrantKind.Access, Of(result, "JPN")!.Facilities[0].Grant.Kind);
    }

    [Fact]
    public void Compute_SofaUnderReciprocalTypes_GrantsNoUnlistedFacility()
    {
        var sofa = Agreement("jpn-usa-sofa", AgreementType.Sofa, "1960-06-23", "JPN", "USA");
        var raa = Agreement("jpn-phl-raa", AgreementType.Raa, "2020-01-01", "JPN", "PHL");
        var query = new ReachQuery(new GeoPoint(13.4, 144.7), 5000, Day) { State = "JPN", Policy = AccessPolicy.ReciprocalTypes };

        var result = Reach.Compute(Registry(sofa, raa), query);

        Assert.Equal(["far-base", "north-base", "south-base"], Ids(Of(result, "JPN")).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>A Japanese facility that names no foreign user.</summary>
    private static Facility Okinawa => Facility("okinawa", "JPN", 26.3, 127.8);

    private static Agreement UsJapanSofa =>
        Agreement("jpn-usa-sofa", AgreementType.Sofa, "1960-06-23", "JPN", "USA") with { VisitingForces = ["USA"] };

    private static readonly GeoPoint Anywhere = new(13.0, 121.0);

    [Fact]
    public void Compute_OneWaySofa_VisitingStateGetsTheHostsFacilitiesAndTheHostNothingInReturn()
    {
        var result = Reach.Compute(Registry([Okinawa], UsJapanSofa), new ReachQuery(Anywhere, 20000, Day));

        var usa = Of(result, "USA")!;
        var okinawa = usa.Facilities.Single(f => f.Facility.Id == "okinawa");
        Assert.Equal("jpn-usa-sofa", okinawa.Grant.GrantedBy);
        Assert.Equal(GrantKind.Access, okinawa.Grant.Kind);
        Assert.Equal(["okinawa"], Ids(Of(result, "JPN"))); // its own territory only: no Guam
    }

    [Fact]
    public void Compute_OneWaySofaUnderReciprocalTypes_HostStillGetsNothingAndTheVisitorOnlyListedSites()
    {
        var query = new ReachQuery(Anywhere, 20000, Day) { Policy = AccessPolicy.ReciprocalTypes };

        var result = Reach.Compute(Registry([Okinawa], UsJapanSofa), query);

        Assert.Equal(["okinawa"], Ids(Of(result, "JPN")));
        Assert.DoesNotContain("okinawa", Ids(Of(result, "USA")));
    }

    [Fact]
    public void Compute_OneWayVfaUnderReciprocalTypes_OpensTheHostToTheVisitorOnly()
    {
        var vfa = Agreement("phl-usa-vfa", AgreementType.Vfa, "1999-06-01", "PHL", "USA") with { VisitingForces = ["USA"] };
        var query = new ReachQuery(Anywhere, 20000, Day) { Policy = AccessPolicy.ReciprocalTypes };

        var result = Reach.Compute(Registry(vfa), query);

        Assert.Contains("south-base", Ids(Of(result, "USA")));
        Assert.Equal(["south-base", "north-base", "far-base"], Ids(Of(result, "PHL"))); // no Guam
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compute_ReciprocalRaa_OpensEachPartysFacilitiesToTheOther(bool recorded)
    {
        var raa = Agreement("jpn-phl-raa", AgreementType.Raa, "2020-01-01", "JPN", "PHL");
        raa = recorded ? raa with { VisitingForces = ["JPN", "PHL"] } : raa;

        var result = Reach.Compute(Registry([Okinawa], raa), new ReachQuery(Anywhere, 20000, Day));

        Assert.Equal(["far-base", "north-base", "okinawa", "south-base"], Ids(Of(result, "JPN")).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("jpn-phl-raa", Of(result, "JPN")!.Facilities.Single(f => f.Facility.Id == "north-base").Grant.GrantedBy);
        Assert.Equal("jpn-phl-raa", Of(result, "PHL")!.Facilities.Single(f => f.Facility.Id == "okinawa").Grant.GrantedBy);
    }

    [Fact]
    public void Compute_ListedUserWhoseForcesTheAgreementDoesNotAdmit_GrantsNothing()
    {
        // A what-if replacing EDCA with a text that admits only Philippine forces: the sites that list the US lose it.
        var reversed = Edca with { VisitingForces = ["PHL"] };

        var result = Reach.Compute(Registry(reversed), new ReachQuery(Luzon, 20000, Day) { State = "USA" });

        Assert.Equal(["guam"], Ids(Of(result, "USA")));
    }

    [Fact]
    public void ReachQuery_BadRadius_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReachQuery(Luzon, 0, Day));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReachQuery(Luzon, 20037.6, Day));
    }

    [Fact]
    public void Compute_BundledRegistry_JapanGetsNoUsFacilityThroughTheSofaAndTheUsGetsJapanese()
    {
        var registry = RegistryLoader.Load(Repo.Data).Value!;

        var result = Reach.Compute(registry, new ReachQuery(new GeoPoint(20.0, 135.0), 20000, new DateOnly(2026, 1, 1)));

        var jpn = Of(result, "JPN")!;
        Assert.DoesNotContain(jpn.Facilities, f => f.Facility.Host == "USA");
        Assert.DoesNotContain(jpn.Facilities.SelectMany(f => f.Grants), g => g.GrantedBy == "jpn-usa-sofa");
        var usa = Of(result, "USA")!;
        Assert.Equal("jpn-usa-sofa", usa.Facilities.Single(f => f.Facility.Id == "camp-yonaguni").Grant.GrantedBy);
        // Issue 14: other states reach US facilities only through agreements that admit their forces into the US — the
        // NATO SOFA (the UK) and the counterpart VFA (the Philippines) — never through one that admits US forces only.
        var grants = result.States.Where(s => s.State != "USA").SelectMany(s => s.Facilities.Select(f => (s.State, f)))
            .Where(x => x.f.Facility.Host == "USA").Select(x => (x.State, x.f.Grant.GrantedBy)).Distinct().ToArray();
        Assert.Contains(("GBR", "nato-sofa"), grants);
        Assert.Contains(("PHL", "phl-usa-vfa-counterpart"), grants);
        Assert.All(grants, g => Assert.Contains(g.GrantedBy, new[] { "nato-sofa", "phl-usa-vfa-counterpart" }));
    }

    [Fact]
    public void Compute_BundledRegistry_UsEdcaSitesGrantedAndVfaCoversTheRest()
    {
        var registry = RegistryLoader.Load(Repo.Data).Value!;
        var result = Reach.Compute(registry, new ReachQuery(new GeoPoint(15.2, 120.6), 100, new DateOnly(2026, 1, 1)) { State = "USA" });

        var usa = Assert.Single(result.States);
        var byId = usa.Facilities.ToDictionary(f => f.Facility.Id);
        Assert.Equal("phl-usa-access", byId["edca-cesar-basa-air-base"].Grant.GrantedBy);
        Assert.Equal("phl-usa-vfa", byId["subic-bay"].Grant.GrantedBy);
        Assert.Equal("phl-usa-vfa", byId["clark"].Grant.GrantedBy);
    }

    [Fact]
    public void Compute_UserWithSince_NotGrantedBeforeThatDay()
    {
        var site = new Facility("new-site", "new-site", "PHL", 17.0, 121.0, true, "air", null,
            [new FacilityUser("USA", "phl-usa-access") { Since = PartialDate.Parse("2016-03-18") }],
            [new Source("https://example.org/new-site", null)], Confidence.Medium);
        var registry = Registry([site], Edca);

        var before = Reach.Compute(registry, new ReachQuery(Luzon, 20000, new DateOnly(2016, 3, 17)) { State = "USA" });
        var on = Reach.Compute(registry, new ReachQuery(Luzon, 20000, new DateOnly(2016, 3, 18)) { State = "USA" });

        Assert.DoesNotContain("new-site", Ids(Of(before, "USA")));
        Assert.Contains("north-base", Ids(Of(before, "USA"))); // no since: from the agreement's entry into force
        Assert.Contains("new-site", Ids(Of(on, "USA")));
    }

    [Fact]
    public void Compute_BundledEdcaSites_NoneIn2015_OriginalFiveIn2016_AllNineIn2024()
    {
        var bundled = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        // The sites EDCA itself grants the US on that day (the VFA's access to every Philippine facility is another basis).
        string[] Edca(DateOnly day) => bundled.Facilities
            .Where(f => Reach.GrantsAt(bundled, f, day).TryGetValue("USA", out var g) && g.Any(x => x.GrantedBy == "phl-usa-access"))
            .Select(f => f.Id).ToArray();

        Assert.Empty(Edca(new DateOnly(2015, 6, 1))); // EDCA in force since 2014-06-25, but no location agreed yet
        Assert.Equal(5, Edca(new DateOnly(2016, 3, 18)).Length);
        Assert.Equal(9, Edca(new DateOnly(2024, 1, 1)).Length);
    }

    [Fact]
    public void Compute_BundledUnSofa_PartiesReachTheSevenFacilitiesOnly_ThailandFromItsAccession()
    {
        // legal-provisions-2 §3: UN forces use the seven facilities (Art. 5(2), Joint Board consent); the agreement is
        // site-specific, so it grants nothing else. Thailand acceded on 1954-08-12; Germany is not a party.
        var bundled = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        string[] UnSofa(string state, DateOnly day) => bundled.Facilities
            .Where(f => Reach.GrantsAt(bundled, f, day).TryGetValue(state, out var g) && g.Any(x => x.GrantedBy == "un-sofa-japan"))
            .Select(f => f.Id).Order(StringComparer.Ordinal).ToArray();
        string[] seven = ["camp-zama", "kadena-air-base", "mcas-futenma", "sasebo", "white-beach", "yokosuka", "yokota-air-base"];

        Assert.Equal(seven, UnSofa("GBR", new DateOnly(2026, 1, 1)));
        Assert.Empty(UnSofa("GBR", new DateOnly(1954, 6, 10)));
        Assert.Equal(seven, UnSofa("GBR", new DateOnly(1954, 6, 11)));
        Assert.Empty(UnSofa("THA", new DateOnly(1954, 8, 11)));
        Assert.Equal(seven, UnSofa("THA", new DateOnly(1954, 8, 12)));
        Assert.Empty(UnSofa("DEU", new DateOnly(2026, 1, 1)));
        Assert.Empty(UnSofa("JPN", new DateOnly(2026, 1, 1)));
        Assert.Empty(UnSofa("USA", new DateOnly(2026, 1, 1))); // US forces use them under the US–Japan SOFA
    }
}
