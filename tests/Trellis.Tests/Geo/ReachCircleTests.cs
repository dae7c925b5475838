using Trellis.Geo;

namespace Trellis.Tests.Geo;

public class ReachCircleTests
{
    private static void AssertValidRing(IReadOnlyList<double[]> ring)
    {
        Assert.True(ring.Count >= 4);
        Assert.Equal(ring[0], ring[^1]);
        Assert.All(ring, p => Assert.InRange(p[0], -180.0, 180.0));
        Assert.All(ring, p => Assert.InRange(p[1], -90.0, 90.0));
    }

    [Fact]
    public void Polygons_SmallCircle_OnePolygonOf128VerticesAtTheRadius()
    {
        var centre = new GeoPoint(21.0, 121.0);
        var polygon = Assert.Single(ReachCircle.Polygons(centre, 600));
        var ring = Assert.Single(polygon.Rings);

        Assert.Equal(129, ring.Count); // 128 vertices and the closing position
        AssertValidRing(ring);
        Assert.True(ReachCircle.SignedArea(ring) > 0, "exterior ring must be counter-clockwise (RFC 7946)");
        Assert.All(ring, p => Assert.Equal(600, Geodesy.DistanceKm(centre.Lat, centre.Lon, p[1], p[0]), 0));
    }

    [Fact]
    public void Polygons_CircleAcrossTheAntimeridian_CutInTwo()
    {
        var polygons = ReachCircle.Polygons(new GeoPoint(-18.0, 179.0), 500);

        Assert.Equal(2, polygons.Count);
        foreach (var p in polygons)
        {
            AssertValidRing(Assert.Single(p.Rings));
            Assert.True(ReachCircle.SignedArea(p.Rings[0]) > 0);
        }

        Assert.Contains(polygons, p => p.Rings[0].All(x => x[0] >= 0));
        Assert.Contains(polygons, p => p.Rings[0].All(x => x[0] <= -170));
    }

    [Theory]
    [InlineData(80.0, 30.0, 90.0)]
    [InlineData(-75.0, -60.0, -90.0)]
    public void Polygons_CircleAroundAPole_ClosedAlongThePole(double lat, double lon, double pole)
    {
        var polygon = Assert.Single(ReachCircle.Polygons(new GeoPoint(lat, lon), 2000));
        var ring = Assert.Single(polygon.Rings);

        AssertValidRing(ring);
        Assert.Contains(ring, p => p[0] == 180 && p[1] == pole);
        Assert.Contains(ring, p => p[0] == -180 && p[1] == pole);
        Assert.True(ReachCircle.SignedArea(ring) > 0);
    }

    [Fact]
    public void Polygons_CircleHoldingBothPoles_WorldWithAHoleAroundTheAntipode()
    {
        var polygon = Assert.Single(ReachCircle.Polygons(new GeoPoint(0, 90), 15000));

        Assert.Equal(2, polygon.Rings.Count);
        Assert.Equal(5, polygon.Rings[0].Count);
        var hole = polygon.Rings[1];
        AssertValidRing(hole);
        Assert.True(ReachCircle.SignedArea(hole) < 0, "holes are clockwise");
        Assert.All(hole, p => Assert.Equal(Geodesy.HalfCircumferenceKm - 15000, Geodesy.DistanceKm(0, -90, p[1], p[0]), 0));
    }

    [Fact]
    public void Polygons_CircleHoldingBothPolesWithAntipodeOnTheAntimeridian_HoleCutInTwo()
    {
        var polygon = Assert.Single(ReachCircle.Polygons(new GeoPoint(0, 0), 15000));

        Assert.Equal(3, polygon.Rings.Count);
        Assert.All(polygon.Rings.Skip(1), AssertValidRing);
        Assert.All(polygon.Rings.Skip(1), r => Assert.True(ReachCircle.SignedArea(r) < 0));
    }

    [Fact]
    public void Polygons_RadiusOfHalfTheEquator_TheWholeWorld()
    {
        var polygon = Assert.Single(ReachCircle.Polygons(new GeoPoint(10, 10), Geodesy.MaxRadiusKm));
        Assert.Equal(5, Assert.Single(polygon.Rings).Count);
    }
}
