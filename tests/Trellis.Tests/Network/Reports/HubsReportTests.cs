using Trellis.Network;
using Trellis.Network.Reports;
using Trellis.Registry;

namespace Trellis.Tests.Network.Reports;

/// <summary>Each computation of the hubs report on <see cref="HubsReportFixture"/> (issue 11 §4).</summary>
public sealed class HubsReportTests
{
    private static readonly DateOnly Day = new(2026, 1, 1);

    private static AgreementRegistry Registry()
    {
        using var data = HubsReportFixture.Write();
        return RegistryLoader.Load(data.Root).GetValueOrThrow();
    }

    private static HubsReport Report(AgreementRegistry registry, Trellis.Network.Import.ExerciseSource? exercises = null) =>
        HubsReport.Compute(registry, new HubsReportRequest(Day, 2022), exercises);

    [Fact]
    public void Series_SnapshotsOnTheAsOfMonthAndDay_FromTheFirstYear()
    {
        var s = Report(Registry()).Series;
        Assert.Equal([2022, 2023, 2024, 2025, 2026], s.Years);
        Assert.All(s.Days, d => Assert.Equal((1, 1), (d.Month, d.Day)));
        Assert.Equal(Day, s.Days[^1]);
        Assert.Equal(15, s.Measures.Count); // three states × five years
    }

    [Fact]
    public void HubMeasures_JapanBecomesTheHubAmongTheSpokes()
    {
        var s = Report(Registry()).Series;
        var jpn = s.Of("JPN");

        // 2022: no RAA yet; without the US only the logistics agreement links Japan to the UK, and Japan lies between no one.
        Assert.Equal((0.0, 0.0, 1), (jpn[0].Betweenness, jpn[0].BetweennessWithoutHub!.Value, jpn[0].TiesAmongSpokes!.Value));
        Assert.False(jpn[0].IsHubAmongSpokes);

        // 2024: the RAAs with Australia and the UK; 2026: with the Philippines too. Without the US, Japan is the centre of a
        // star of four spokes: it lies on all 3 pairs of the other three, of (n−1)(n−2)/2 = 3.
        Assert.Equal(2, jpn[2].TiesAmongSpokes);
        Assert.Equal(3, jpn[4].TiesAmongSpokes);
        Assert.Equal(1.0, jpn[4].BetweennessWithoutHub!.Value, 1e-15);
        Assert.True(jpn[4].IsHubAmongSpokes);

        // In the whole 2026 graph the US and Japan both reach every other state: each of the 3 pairs among AUS, GBR, PHL has
        // two shortest paths, one through each, so Japan gets 3 × ½ of (n−1)(n−2)/2 = 6 pairs.
        Assert.Equal(0.25, jpn[4].Betweenness, 1e-15);
        var gbr = s.Of("GBR")[^1];
        Assert.Equal((0.0, 1, false), (gbr.BetweennessWithoutHub!.Value, gbr.TiesAmongSpokes!.Value, gbr.IsHubAmongSpokes));
    }

    [Fact]
    public void Interconnection_IsTheShareOfSpokePairsLinkedWithoutTheUs()
    {
        var i = Report(Registry()).Series.Interconnection;
        Assert.All(i, x => Assert.Equal((4, 6), (x.Spokes, x.SpokePairs)));
        Assert.Equal([1, 1, 2, 2, 3], i.Select(x => x.LinkedPairs));
        Assert.Equal(0.5, i[^1].Interconnection);
        Assert.Equal(["JPN"], i[^1].HubsAmongSpokes);
    }

    [Fact]
    public void Gains_JapanPhilippinesRaaAddsALink_JapanUkRaaOnlyStrength()
    {
        var report = Report(Registry());
        Assert.Empty(report.Missing);
        var (phl, gbr) = (report.Gains[0], report.Gains[1]);
        Assert.Equal(("jpn-phl-raa", "gbr-jpn-raa"), (phl.Agreement.Id, gbr.Agreement.Id));
        Assert.True(phl.InForce && gbr.InForce);

        Assert.False(phl.PairAlreadyTied);
        Assert.Equal(1, phl.With.Edges - phl.Without.Edges);
        var jpn = phl.Parties.Single(p => p.State == "JPN");
        Assert.Equal(1, jpn.DegreeDelta);
        Assert.Equal(2, jpn.StrengthDelta); // an RAA weighs 2

        Assert.Equal(["gbr-jpn-logistics"], gbr.OtherTies);
        Assert.Equal(0, gbr.With.Edges - gbr.Without.Edges);
        Assert.Equal(0, gbr.Parties.Single(p => p.State == "GBR").DegreeDelta);
        Assert.Equal(2, gbr.Parties.Single(p => p.State == "GBR").StrengthDelta);
    }

    [Fact]
    public void Gains_ReachNearTheLuzonStrait_CountsOnlyWhatTheAgreementOpens()
    {
        var report = Report(Registry());
        var (phl, gbr) = (report.Gains[0], report.Gains[1]);
        Assert.Equal((21.0, 121.0, 700.0), (phl.Reach.Point.Lat, phl.Reach.Point.Lon, phl.Reach.RadiusKm));

        // Japan: Yonaguni is its own (territory), North Luzon only through the RAA; Naha is beyond 700 km.
        var jpn = phl.ReachGains.Single(g => g.State == "JPN");
        Assert.Equal((2, 1), (jpn.WithCount, jpn.WithoutCount));
        Assert.Equal(["north-luzon"], jpn.Gained.Select(f => f.Facility.Id));
        Assert.Equal(["yonaguni"], phl.ReachGains.Single(g => g.State == "PHL").Gained.Select(f => f.Facility.Id));

        // The UK RAA opens Yonaguni to British forces and nothing to Japan's (no UK facility nearby).
        Assert.Equal(["yonaguni"], gbr.ReachGains.Single(g => g.State == "GBR").Gained.Select(f => f.Facility.Id));
        Assert.Empty(gbr.ReachGains.Single(g => g.State == "JPN").Gained);
    }

    [Fact]
    public void Gains_AgreementNotYetInForce_IsAddedAsIfInForceAndOpensNothing()
    {
        var registry = Registry();
        var gain = AgreementGains.Of(registry, registry.FindAgreement("jpn-phl-raa")!, new DateOnly(2025, 1, 1), new Trellis.Geo.GeoPoint(21, 121), 700);
        Assert.False(gain.InForce);
        Assert.Equal(1, gain.With.Edges - gain.Without.Edges);
        Assert.All(gain.ReachGains, g => Assert.Empty(g.Gained));
    }

    [Fact]
    public void Gains_AgreementNotInTheRegistry_IsListedAsMissing()
    {
        var report = HubsReport.Compute(Registry(), new HubsReportRequest(Day, 2025) { Agreements = ["jpn-phl-raa", "jpn-xyz-raa"] });
        Assert.Equal(["jpn-xyz-raa"], report.Missing);
        Assert.Single(report.Gains);
    }

    [Fact]
    public void Interactions_WithoutDataset_SaysThereIsNone()
    {
        Assert.False(Report(Registry()).Interactions.HasData);
    }

    [Fact]
    public void Interactions_WithTheMmeFixture_ComparesJapanAustraliaAgainstJapanUk()
    {
        var registry = Registry();
        var file = Repo.Path_("tests", "Trellis.Tests", "Network", "Fixtures", "mme_exercises.csv");
        // The MME name table lives with the bundled data, so the dataset is read against it; the report runs on the fixture.
        var bundled = RegistryLoader.Load(Repo.Data).GetValueOrThrow();
        var source = (Trellis.Network.Import.ExerciseSource)NetworkSources.Exercises(file, bundled).Value!;
        var view = Report(registry, source).Interactions.View!;
        Assert.Equal((1980, 1986), (view.From, view.To));
        Assert.Equal([("JPN-AUS", 5), ("JPN-GBR", 2)], view.Pairs.Select(p => (p.Pair, p.Total)));
    }

    [Fact]
    public void Request_FirstYearAfterTheAsOfYear_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HubsReportRequest(Day, 2027));
    }
}
