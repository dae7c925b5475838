using Trellis.Geo;

namespace Trellis.Tests.Geo;

public class GeodesyTests
{
    private const double R = Geodesy.EarthRadiusKm;

    [Fact]
    public void DistanceKm_OneDegreeOfLatitude_IsOne360thOfTheCircumference()
    {
        Assert.Equal(2 * Math.PI * R / 360, Geodesy.DistanceKm(0, 0, 1, 0), 9);
        Assert.Equal(111.195, Geodesy.DistanceKm(0, 0, 1, 0), 3);
    }

    [Fact]
    public void DistanceKm_OneDegreeOfLongitudeAt60North_IsHalfThatOnTheEquator()
    {
        // On a sphere a parallel at 60° is half the equator; the great circle is a little shorter than the parallel arc.
        var onEquator = Geodesy.DistanceKm(0, 0, 0, 1);
        var at60 = Geodesy.DistanceKm(60, 0, 60, 1);
        Assert.InRange(at60, (onEquator / 2) - 0.01, onEquator / 2);
    }

    [Fact]
    public void DistanceKm_PoleToPole_IsHalfTheCircumference()
    {
        Assert.Equal(Math.PI * R, Geodesy.DistanceKm(90, 0, -90, 0), 6);
        Assert.Equal(20015.114, Geodesy.DistanceKm(90, 0, -90, 0), 3);
        Assert.Equal(Geodesy.HalfCircumferenceKm, Geodesy.DistanceKm(0, 0, 0, 180), 6);
    }

    [Fact]
    public void DistanceKm_AntipodesOffTheAxes_IsHalfTheCircumference()
    {
        Assert.Equal(Geodesy.HalfCircumferenceKm, Geodesy.DistanceKm(21.0, 121.0, -21.0, -59.0), 6);
    }

    [Fact]
    public void DistanceKm_EquatorToPole_IsAQuarterOfTheCircumference()
    {
        Assert.Equal(Math.PI * R / 2, Geodesy.DistanceKm(0, 37, 90, -100), 6);
    }

    [Fact]
    public void DistanceKm_NashvilleToLosAngeles_MatchesTheRosettaCodeReference()
    {
        // Rosetta Code "Haversine formula": BNA (36.12, -86.67) to LAX (33.94, -118.40) is 2887.2599506 km
        // on a sphere of radius 6372.8 km; distances scale with the radius.
        var expected = 2887.2599506071106 * R / 6372.8;
        Assert.Equal(expected, Geodesy.DistanceKm(36.12, -86.67, 33.94, -118.40), 6);
    }

    [Fact]
    public void DistanceKm_LondonToParis_IsAbout344Km()
    {
        // Great-circle distance between the city centres, within the sphere's 0.5 % of the ellipsoid.
        var d = Geodesy.DistanceKm(new GeoPoint(51.5074, -0.1278), new GeoPoint(48.8566, 2.3522));
        Assert.InRange(d, 343.0, 344.5);
    }

    [Fact]
    public void DistanceKm_SamePointOrSwapped_IsZeroOrSymmetric()
    {
        Assert.Equal(0, Geodesy.DistanceKm(26.36, 127.77, 26.36, 127.77));
        Assert.Equal(Geodesy.DistanceKm(26.36, 127.77, 14.99, 120.49), Geodesy.DistanceKm(14.99, 120.49, 26.36, 127.77), 9);
    }

    [Fact]
    public void DistanceKm_AcrossTheAntimeridian_TakesTheShortWay()
    {
        Assert.Equal(2 * Math.PI * R / 360, Geodesy.DistanceKm(0, 179.5, 0, -179.5), 9);
    }

    [Theory]
    [InlineData(21.0, 121.0, 0, 600)]
    [InlineData(21.0, 121.0, 135, 600)]
    [InlineData(-45, 170, 90, 2500)]
    [InlineData(80, 0, 10, 3000)]
    public void Destination_AnyBearing_IsAtTheGivenDistance(double lat, double lon, double bearing, double km)
    {
        var start = new GeoPoint(lat, lon);
        Assert.Equal(km, Geodesy.DistanceKm(start, Geodesy.Destination(start, bearing, km)), 6);
    }

    [Fact]
    public void Destination_EastFromTheDateLine_NormalisesTheLongitude()
    {
        var p = Geodesy.Destination(new GeoPoint(0, 179.5), 90, 2 * Math.PI * R / 360);
        Assert.Equal(-179.5, p.Lon, 6);
    }

    [Theory]
    [InlineData(90.5, 0)]
    [InlineData(-91, 0)]
    [InlineData(0, 180.01)]
    [InlineData(0, -200)]
    [InlineData(double.NaN, 0)]
    public void GeoPoint_OutOfRange_Throws(double lat, double lon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(lat, lon));

    [Fact]
    public void GeoPoint_Extremes_AreValid()
    {
        _ = new GeoPoint(90, 180);
        _ = new GeoPoint(-90, -180);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(20037.6)]
    [InlineData(double.PositiveInfinity)]
    public void RadiusProblem_OutOfRange_NamesTheOption(double km)
    {
        Assert.StartsWith("--radius-km ", Geodesy.RadiusProblem(km, "--radius-km"));
    }

    [Fact]
    public void RadiusProblem_HalfTheEquator_IsAccepted()
    {
        Assert.Null(Geodesy.RadiusProblem(Geodesy.MaxRadiusKm, "--radius-km"));
        Assert.Null(Geodesy.RadiusProblem(0.001, "--radius-km"));
    }
}
