using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Tests.Network;

/// <summary>The claims of the issue, checked on the bundled registry in <c>data/</c>.</summary>
public sealed class RegistryNetworkTests
{
    private static readonly Lazy<RegistrySource> Source = new(() => new RegistrySource(RegistryLoader.Load(Repo.Data).GetValueOrThrow()));

    [Fact]
    public void Japan_DegreeAndBetweenness_RiseFrom2000To2026()
    {
        var before = AgreementGraph.At(Source.Value, new DateOnly(2000, 1, 1)).Metrics().Of("JPN")!;
        var after = AgreementGraph.At(Source.Value, new DateOnly(2026, 1, 1)).Metrics().Of("JPN")!;
        Assert.True(after.Degree > before.Degree, $"JPN degree {before.Degree} → {after.Degree}");
        Assert.True(after.Betweenness > before.Betweenness, $"JPN betweenness {before.Betweenness} → {after.Betweenness}");
    }

    [Fact]
    public void UsSpokeInterconnection_RisesFrom2000To2026()
    {
        var before = HubAndSpokes.On(Source.Value, new DateOnly(2000, 1, 1));
        var after = HubAndSpokes.On(Source.Value, new DateOnly(2026, 1, 1));
        Assert.Contains("JPN", after.Spokes);
        Assert.True(after.Interconnection > before.Interconnection, $"interconnection {before.Interconnection} → {after.Interconnection}");
        Assert.Contains("JPN", after.HubsAmongSpokes);
    }

    [Fact]
    public void Timeline_1945To2026_IsInYearOrderAndMatchesSnapshots()
    {
        var points = Timeline.Yearly(Source.Value, 1945, 2026);
        Assert.Equal(82, points.Count);
        Assert.Equal(Enumerable.Range(1945, 82), points.Select(p => p.Year));
        var snapshot = AgreementGraph.At(Source.Value, new DateOnly(2010, 1, 1)).Metrics();
        Assert.Equal(snapshot.States, points[2010 - 1945].Metrics.States);
    }

    [Fact]
    public void Candidates_OnTheRegistry_AreDeterministic()
    {
        var graph = AgreementGraph.At(Source.Value, new DateOnly(2026, 1, 1));
        var query = new CandidateQuery { Metric = MetricCatalog.Find("betweenness")!, Top = 10 };
        var first = Candidates.Rank(graph, query);
        var second = Candidates.Rank(graph, query);
        Assert.Equal(first, second);
        Assert.Equal(10, first.Count);
        Assert.True(first.Zip(first.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }
}
