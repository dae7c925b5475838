using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Tests.Network;

public sealed class AgreementGraphTests
{
    private static AgreementRegistry Registry(Action<TempData> write)
    {
        using var data = new TempData();
        write(data);
        return RegistryLoader.Load(data.Root).GetValueOrThrow();
    }

    private static AgreementRegistry Sample() => Registry(d => d
        .Agreement("gbr-jpn-raa")
        .Agreement("jpn-usa-mutual-defence", "[JPN, USA]", "mutual-defence", "1960-01-19", "1960-06-23")
        .Agreement("jpn-usa-logistics", "[JPN, USA]", "logistics", "1996-04-15", "1996-10-22")
        .Agreement("quad", "[AUS, USA, JPN]", "arrangement", "2007-05-25", "2007-05-25")
        .Agreement("aus-phl-vfa", "[AUS, PHL]", "vfa", "2007-05-31", "2012-09-29", "ended: \"2020-01-01\""));

    [Fact]
    public void Snapshot_MultilateralAgreement_TiesEveryPairAndMarksThem()
    {
        var graph = AgreementGraph.At(new RegistrySource(Sample()), new DateOnly(2026, 1, 1));
        var quad = graph.Ties.Where(t => t.AgreementId == "quad").ToArray();
        Assert.Equal(3, quad.Length);
        Assert.All(quad, t => Assert.True(t.Multilateral));
        Assert.False(graph.Ties.Single(t => t.AgreementId == "gbr-jpn-raa").Multilateral);
        Assert.Equal(["AUS", "GBR", "JPN", "USA"], graph.Nodes); // PHL's VFA has ended; untied states are not nodes
        Assert.Equal(4, graph.Simple.EdgeCount); // AUS-JPN, AUS-USA, JPN-USA (3 agreements), GBR-JPN
    }

    [Fact]
    public void Snapshot_LinkWeight_IsTheSumOfTypeWeights()
    {
        var graph = AgreementGraph.At(new RegistrySource(Sample()), new DateOnly(2026, 1, 1));
        var m = graph.Metrics();
        // JPN: RAA 2 (GBR) + mutual defence 3 + logistics 1 + Quad 0.5 (USA) + Quad 0.5 (AUS).
        Assert.Equal(7, m.Of("JPN")!.Strength);
        Assert.Equal(3, m.Of("JPN")!.Degree);
        var uniform = AgreementGraph.At(new RegistrySource(Sample()), new DateOnly(2026, 1, 1), new GraphOptions { Weights = TieWeights.Uniform });
        Assert.Equal(5, uniform.Metrics().Of("JPN")!.Strength);
        var custom = new GraphOptions { Weights = TieWeights.Defaults.With("raa", 10) };
        Assert.Equal(15, AgreementGraph.At(new RegistrySource(Sample()), new DateOnly(2026, 1, 1), custom).Metrics().Of("JPN")!.Strength);
    }

    [Fact]
    public void Snapshot_Layers_KeepOnlyTheirTypes()
    {
        var options = new GraphOptions { Layers = new HashSet<Layer> { Layer.Alliance } };
        var graph = AgreementGraph.At(new RegistrySource(Sample()), new DateOnly(2026, 1, 1), options);
        Assert.Equal(["JPN", "USA"], graph.Nodes);
        Assert.Equal("jpn-usa-mutual-defence", Assert.Single(graph.Ties).AgreementId);
    }

    [Fact]
    public void Snapshot_DatesDecideWhatIsInForce()
    {
        var source = new RegistrySource(Sample());
        Assert.DoesNotContain(AgreementGraph.At(source, new DateOnly(2023, 10, 14)).Ties, t => t.AgreementId == "gbr-jpn-raa");
        Assert.Contains(AgreementGraph.At(source, new DateOnly(2023, 10, 15)).Ties, t => t.AgreementId == "gbr-jpn-raa");
        Assert.Contains(AgreementGraph.At(source, new DateOnly(2019, 12, 31)).Ties, t => t.AgreementId == "aus-phl-vfa");
        Assert.DoesNotContain(AgreementGraph.At(source, new DateOnly(2020, 1, 1)).Ties, t => t.AgreementId == "aus-phl-vfa");
    }

    [Fact]
    public void Snapshot_IncludeUntied_AddsEveryState()
    {
        var graph = AgreementGraph.At(new RegistrySource(Sample()), new DateOnly(2026, 1, 1), new GraphOptions { IncludeUntied = true });
        Assert.Equal(["AUS", "GBR", "JPN", "PHL", "USA"], graph.Nodes);
    }

    [Fact]
    public void TieCosts_ReplaceInverseWeightsInWeightedBetweenness()
    {
        var ties = new[] { T("A", "B"), T("B", "C"), T("A", "D"), T("D", "C") };
        var day = new DateOnly(2026, 1, 1);
        var plain = AgreementGraph.FromTies(ties, day).Metrics();
        Assert.Equal(plain.Of("B")!.WeightedBetweenness, plain.Of("D")!.WeightedBetweenness);
        var costly = AgreementGraph.FromTies(ties, day, new GraphOptions { Costs = new Friction() }).Metrics();
        Assert.Equal(0, costly.Of("B")!.WeightedBetweenness); // B's ties cost 10: A–C goes through D
        Assert.True(costly.Of("D")!.WeightedBetweenness > 0);
    }

    [Fact]
    public void HubAndSpokes_InterconnectionIgnoresTheHubsOwnAgreements()
    {
        var registry = Registry(d => d
            .Agreement("jpn-usa-mutual-defence", "[JPN, USA]", "mutual-defence", "1960-01-19", "1960-06-23")
            .Agreement("phl-usa-mutual-defence", "[PHL, USA]", "mutual-defence", "1951-08-30", "1952-08-27")
            .Agreement("anzus", "[AUS, USA, GBR]", "mutual-defence", "1951-09-01", "1952-04-29")
            .Agreement("jpn-phl-raa", "[JPN, PHL]", "raa", "2024-07-08", "2025-09-11"));
        var source = new RegistrySource(registry);
        var before = HubAndSpokes.On(source, new DateOnly(2025, 1, 1));
        Assert.Equal(["AUS", "GBR", "JPN", "PHL"], before.Spokes);
        Assert.Equal(6, before.SpokePairs);
        Assert.Equal(0, before.LinkedPairs); // AUS–GBR only through the (test) ANZUS, to which the hub is a party
        var after = HubAndSpokes.On(source, new DateOnly(2026, 1, 1));
        Assert.Equal(1, after.LinkedPairs);
        Assert.Equal(1.0 / 6, after.Interconnection!.Value, 1e-15);
        Assert.Empty(after.HubsAmongSpokes); // JPN–PHL alone: no spoke lies between two others
    }

    private static Tie T(string a, string b) => new(a, b, $"{a}-{b}", "raa", Layer.Access, false);

    private sealed class Friction : ITieCosts
    {
        public double? CostOf(string a, string b) => a == "B" || b == "B" ? 10 : null;
    }
}
