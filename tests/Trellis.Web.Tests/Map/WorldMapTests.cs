using System.Globalization;
using System.Text.RegularExpressions;
using Trellis.Web.Map;

namespace Trellis.Web.Tests.Map;

/// <summary>
/// The world outlines as drawn: no ring crosses the map, whatever the data does at the antimeridian
/// and round the South Pole.
/// </summary>
public sealed partial class WorldMapTests
{
    private static readonly WorldMap World = new(WorldMap.DefaultFile);

    /// <summary>
    /// Regression: Antarctica's ring closed with a jump from 180° to −180° at 84.7° S, a horizontal
    /// line across the bottom of the map; Russia's and Fiji's rings jumped likewise at the antimeridian.
    /// </summary>
    [Fact]
    public void WorldSvg_NoPathSegment_SpansMoreThanHalfTheMapWidth()
    {
        var segments = 0;
        foreach (var (name, ring) in Rings(World.Svg))
        {
            for (var i = 0; i < ring.Count; i++)
            {
                var (a, b) = (ring[i], ring[(i + 1) % ring.Count]); // the last one is the closing Z
                Assert.True(Math.Abs(a.X - b.X) <= 180, $"{name}: a segment from {a} to {b} spans {Math.Abs(a.X - b.X)}° of the map's 360°");
                segments++;
            }
        }

        Assert.True(segments > 10_000, $"only {segments} segments: is the map data there?");
    }

    [Fact]
    public void WorldSvg_DrawsEveryCountry_WithinTheMapAndItsBleed()
    {
        var rings = Rings(World.Svg).ToList();

        Assert.Contains(rings, r => r.Name == "Antarctica");
        Assert.Contains(rings, r => r.Name == "Fiji");
        Assert.All(rings.SelectMany(r => r.Ring), p =>
            Assert.True(Math.Abs(p.X) <= 180 + WorldMap.Bleed && Math.Abs(p.Y) <= 90 + WorldMap.Bleed, $"{p} is off the map"));
    }

    [Fact]
    public void OnMap_RingAcrossTheAntimeridian_IsCutIntoAPieceOnEachSide()
    {
        (double, double)[] ring = [(170, 60), (-170, 60), (-170, 70), (170, 70), (170, 60)];

        var pieces = WorldMap.OnMap(ring);

        Assert.Equal(2, pieces.Count);
        Assert.Contains(pieces, p => p.Min(q => q.Lon) == 170 && p.Max(q => q.Lon) == 180 + WorldMap.Bleed);
        Assert.Contains(pieces, p => p.Max(q => q.Lon) == -170 && p.Min(q => q.Lon) == -180 - WorldMap.Bleed);
        Assert.All(pieces.SelectMany(p => p), q => Assert.InRange(q.Lat, 60, 70));
    }

    [Fact]
    public void OnMap_RingRoundTheSouthPole_IsClosedBeyondTheBottomEdge()
    {
        (double, double)[] ring = [(-180, -70), (-60, -65), (60, -75), (180, -70), (-180, -70)];

        var piece = Assert.Single(WorldMap.OnMap(ring));

        Assert.Contains(piece, p => p.Lat == -90 - WorldMap.Bleed);
        Assert.All(piece.Zip(piece.Skip(1)), s => Assert.True(Math.Abs(s.First.Lon - s.Second.Lon) <= 180, $"{s.First} to {s.Second}"));
    }

    [Fact]
    public void OnMap_RingWithinTheMap_IsDrawnAsItIs()
    {
        (double, double)[] ring = [(130, 31), (141, 35), (140, 45), (130, 31)];

        var piece = Assert.Single(WorldMap.OnMap(ring));

        Assert.Equal(ring[..^1], piece);
    }

    [Fact]
    public void LabelPoints_OfStatesAcrossTheAntimeridian_LieInTheirLargestLand()
    {
        var world = new WorldMap(WorldMap.DefaultFile);
        world.UseNames([new Registry.State("RUS", "Russia", null, null, "Europe", true), new Registry.State("FJI", "Fiji", null, null, "Oceania", true)]);

        var russia = world.PointOf("RUS");
        var fiji = world.PointOf("FJI");

        Assert.NotNull(russia);
        Assert.InRange(russia.Value.Lon, 40, 140);
        Assert.InRange(russia.Value.Lat, 50, 70);
        Assert.NotNull(fiji);
        Assert.InRange(fiji.Value.Lon, 176, 180);
        Assert.InRange(fiji.Value.Lat, -19, -16);
    }

    private static IEnumerable<(string Name, List<(double X, double Y)> Ring)> Rings(string svg)
    {
        foreach (Match path in PathElement().Matches(svg))
        {
            foreach (var subpath in path.Groups["d"].Value.Split('Z', StringSplitOptions.RemoveEmptyEntries))
            {
                var ring = Point().Matches(subpath).Select(p => (
                    X: double.Parse(p.Groups["x"].Value, CultureInfo.InvariantCulture),
                    Y: double.Parse(p.Groups["y"].Value, CultureInfo.InvariantCulture))).ToList();
                yield return (path.Groups["name"].Value, ring);
            }
        }
    }

    [GeneratedRegex("<path d=\"(?<d>[^\"]+)\"><title>(?<name>[^<]*)</title>")]
    private static partial Regex PathElement();

    [GeneratedRegex("[ML](?<x>-?[0-9.]+),(?<y>-?[0-9.]+)")]
    private static partial Regex Point();
}
