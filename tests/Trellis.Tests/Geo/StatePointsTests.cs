using Trellis.Geo;
using Trellis.Network.Export;
using Trellis.Registry;

namespace Trellis.Tests.Geo;

/// <summary>Issue 11 §6: a state without a point sits at the middle of its facilities on the sphere, across the antimeridian too.</summary>
public class StatePointsTests
{
    private static readonly StatePoints NoPoints = new(new Dictionary<string, Coordinates>(), [], "https://example.org/points", "medium");

    private static Facility Site(string id, string host, double lat, double lon) =>
        new(id, id, host, lat, lon, true, "air", null, [], [new Source("https://example.org/" + id, null)], Confidence.Medium);

    [Fact]
    public void PlaceOf_FacilitiesEitherSideOfTheAntimeridian_AverageTo180_NotTo0()
    {
        // An arithmetic mean of 179 and −179 is 0: the far side of the globe (the old code's answer).
        var place = NoPoints.PlaceOf("FJI", [Site("east", "FJI", -17, 179), Site("west", "FJI", -17, -179)]);

        Assert.NotNull(place);
        Assert.Equal(180, place.Lon, 6);
        Assert.Equal(-17, place.Lat, 2);
    }

    [Fact]
    public void PlaceOf_OneFacility_IsThatFacility_AndOthersHostsAreIgnored()
    {
        var place = NoPoints.PlaceOf("JPN", [Site("a", "JPN", 26.35, 127.77), Site("b", "PHL", 15.19, 120.56)]);

        Assert.NotNull(place);
        Assert.Equal(26.35, place.Lat, 6);
        Assert.Equal(127.77, place.Lon, 6);
        Assert.Null(NoPoints.PlaceOf("AUS", [Site("b", "PHL", 15.19, 120.56)]));
    }

    [Fact]
    public void PlaceOf_APoint_WinsOverTheFacilities()
    {
        var points = new StatePoints(new Dictionary<string, Coordinates> { ["FJI"] = new(-17.8, 178.0) }, [], "https://example.org/points", "medium");

        Assert.Equal(new Coordinates(-17.8, 178.0), points.PlaceOf("FJI", [Site("east", "FJI", -17, 179)]));
    }

    [Fact]
    public void Middle_Antipodes_HaveNone_AndNoPointsHaveNone()
    {
        Assert.Null(Geodesy.Middle([(0, 0), (0, 180)]));
        Assert.Null(Geodesy.Middle([]));
        Assert.Equal(new GeoPoint(0, 180), Geodesy.Middle([(0, -170), (0, 170)]));
        Assert.Equal(30, Geodesy.Middle([(10, 20), (10, 40)])!.Value.Lon, 9);
    }

    [Fact]
    public void GreatCircle_JapanToTheUnitedStates_CrossesThePacific()
    {
        var path = Geodesy.GreatCircle(new GeoPoint(36.65, 137.99), new GeoPoint(39.53, -99.14), 32);

        Assert.Equal(33, path.Count);
        Assert.Equal(137.99, path[0].Lon, 9);
        Assert.Equal(-99.14 + 360, path[^1].Lon, 9); // unwrapped: east across 180°, not west across Eurasia
        Assert.All(path.Zip(path.Skip(1)), s => Assert.True(s.Second.Lon > s.First.Lon && s.Second.Lon - s.First.Lon < 10, $"{s.First} → {s.Second}"));
        Assert.True(path.Max(p => p.Lat) > 45, "a great circle between mid-latitudes bows towards the pole"); // over the North Pacific
    }

    [Fact]
    public void GreatCircle_ShortTie_StaysNearTheChord_AndAntipodesGoOverAPole()
    {
        var path = Geodesy.GreatCircle(new GeoPoint(0, 10), new GeoPoint(0, 20), 10);
        Assert.All(path, p => Assert.Equal(0, p.Lat, 9));
        Assert.Equal(15, path[5].Lon, 9);

        var over = Geodesy.GreatCircle(new GeoPoint(10, 0), new GeoPoint(-10, 180), 10);
        Assert.True(over.Max(p => p.Lat) >= 80, "antipodes go over the nearer pole"); // 10° N to the pole is 80°, the pole to 10° S 100°: steps of 18°
        Assert.Equal(180, over[^1].Lon, 9);
    }
}
