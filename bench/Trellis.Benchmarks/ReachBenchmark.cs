using BenchmarkDotNet.Attributes;
using Trellis.Geo;
using Trellis.Registry;

namespace Trellis.Benchmarks;

/// <summary>
/// <c>trellis reach</c> on the bundled registry: 600 km around the Luzon Strait (21.0 N, 121.0 E).
/// <see cref="HaversineFilter"/> is the same work as the Python peer <c>bench/geo/reach_peer.py</c>
/// (distances to every facility, keep those within the radius, sort by distance); the other two add
/// the legal part: which state may use each facility, on what basis, on the day.
/// </summary>
[MemoryDiagnoser]
public class ReachBenchmark
{
    private static readonly GeoPoint Point = new(21.0, 121.0);
    private const double RadiusKm = 600;
    private AgreementRegistry _registry = null!;
    private Agreement _draft = null!;

    [GlobalSetup]
    public void Setup()
    {
        _registry = RegistryLoader.Load(BenchData.DataDirectory).Value ?? throw new InvalidOperationException("registry does not load");
        var folder = Path.Combine(BenchData.Root, "tests", "Trellis.Tests", "Geo", "fixtures", "jpn-phl-raa-2020");
        _draft = RegistryLoader.LoadHypothetical(folder, _registry).Value ?? throw new InvalidOperationException("fixture does not load");
    }

    /// <summary>Great-circle distance to each of the 30 facilities, kept within 600 km, sorted by distance.</summary>
    [Benchmark(Baseline = true)]
    public List<(string Id, double Km)> HaversineFilter()
    {
        var hits = new List<(string Id, double Km)>();
        foreach (var f in _registry.Facilities)
        {
            var km = Geodesy.DistanceKm(Point.Lat, Point.Lon, f.Lat, f.Lon);
            if (km <= RadiusKm)
            {
                hits.Add((f.Id, km));
            }
        }

        hits.Sort((a, b) => a.Km.CompareTo(b.Km));
        return hits;
    }

    /// <summary>The full query for every state on 2026-01-01: grants, nearest distance, ordering.</summary>
    [Benchmark]
    public ReachResult ReachAllStates() =>
        Reach.Compute(_registry, new ReachQuery(Point, RadiusKm, new DateOnly(2026, 1, 1)));

    /// <summary>Japan on 2022-11-04 with a hypothetical Japan–Philippines RAA (includes building the what-if snapshot).</summary>
    [Benchmark]
    public ReachResult ReachJapanWithHypothetical() =>
        Reach.Compute(_registry, new ReachQuery(Point, RadiusKm, new DateOnly(2022, 11, 4)) { State = "JPN", With = [_draft] });
}
