using System.Text.Json;
using Trellis.Diagnostics;
using Trellis.Tests.Cli;

namespace Trellis.Tests.Geo;

/// <summary><c>trellis reach</c> on the bundled registry, including issue 4's "done when".</summary>
public class ReachCommandTests
{
    /// <summary>A draft Japan–Philippines RAA in force from 2021-01-01 (not a real agreement).</summary>
    private static readonly string DraftRaa = Repo.Path_("tests", "Trellis.Tests", "Geo", "fixtures", "jpn-phl-raa-2020");

    /// <summary>A site-specific Japan–Philippines access agreement that no facility names.</summary>
    private static readonly string DraftSiteSpecific = Repo.Path_("tests", "Trellis.Tests", "Geo", "fixtures", "jpn-phl-access-2020");

    private static readonly string[] LuzonStrait = ["reach", "--lat", "21.0", "--lon", "121.0", "--radius-km", "600"];

    /// <summary>Runs trellis in-process on the bundled registry.</summary>
    private static CliRunner.Result Run(params string[] args) => CliRunner.Run(args);

    private static JsonElement Json(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, result.Err);
        return JsonDocument.Parse(result.Out).RootElement;
    }

    private static JsonElement JapanReach(string asOf, params string[] with) =>
        Json([.. LuzonStrait, "--as-of", asOf, "--state", "JPN", "--format", "json", .. with.SelectMany(w => new[] { "--with", w })])
            .GetProperty("states").EnumerateArray().Single();

    private static Dictionary<string, string> GrantedBy(JsonElement state) =>
        state.GetProperty("facilities").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("grantedBy").GetString()!);

    [Fact]
    public void Reach_JapanNearLuzonStrait2022_OnlyItsOwnIslands()
    {
        var jpn = JapanReach("2022-11-04");

        Assert.Equal("JPN", jpn.GetProperty("state").GetString());
        Assert.Equal(new Dictionary<string, string> { ["camp-yonaguni"] = "territory", ["ishigaki-garrison"] = "territory" }, GrantedBy(jpn));
    }

    [Fact]
    public void Reach_JapanWithHypotheticalPhilippinesRaa2022_GrowsByPhilippineFacilities()
    {
        var without = GrantedBy(JapanReach("2022-11-04"));
        var with = GrantedBy(JapanReach("2022-11-04", DraftRaa));

        Assert.True(with.Count > without.Count);
        Assert.Equal(5, with.Count);
        Assert.Equal("jpn-phl-raa-2020", with["edca-camilo-osias-naval-base"]);
        Assert.Equal("jpn-phl-raa-2020", with["edca-lal-lo-airport"]);
        Assert.Equal("jpn-phl-raa-2020", with["edca-camp-melchor-dela-cruz"]);
        Assert.Equal("territory", with["camp-yonaguni"]);
    }

    [Fact]
    public void Reach_JapanNearLuzonStrait2026_RealPhilippinesRaaInForce()
    {
        var jpn = JapanReach("2026-01-01");
        var granted = GrantedBy(jpn);

        Assert.Equal(5, granted.Count);
        Assert.Equal("jpn-phl-raa", granted["edca-camilo-osias-naval-base"]);
        Assert.Equal("jpn-phl-raa", granted["edca-camp-melchor-dela-cruz"]);
        Assert.Equal(306.0, jpn.GetProperty("nearestKm").GetDouble());
    }

    [Fact]
    public void Reach_HypotheticalWhereRealAgreementInForce_BundledAgreementStillShown()
    {
        var granted = GrantedBy(JapanReach("2026-01-01", DraftRaa));
        Assert.Equal("jpn-phl-raa", granted["edca-lal-lo-airport"]);
    }

    [Fact]
    public void Reach_HypotheticalSiteSpecificAgreementNamingNoSite_GrantsNothing()
    {
        var granted = GrantedBy(JapanReach("2022-11-04", DraftSiteSpecific));
        Assert.Equal(["camp-yonaguni", "ishigaki-garrison"], granted.Keys.Order().ToArray());
    }

    [Fact]
    public void Reach_Json_HasTheDocumentedShape()
    {
        var root = Json([.. LuzonStrait, "--as-of", "2026-01-01", "--format", "json"]);

        Assert.Equal(["point", "radiusKm", "asOf", "states"], root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(21.0, root.GetProperty("point").GetProperty("lat").GetDouble());
        Assert.Equal(121.0, root.GetProperty("point").GetProperty("lon").GetDouble());
        Assert.Equal(600, root.GetProperty("radiusKm").GetDouble());
        Assert.Equal("2026-01-01", root.GetProperty("asOf").GetString());
        var states = root.GetProperty("states").EnumerateArray().ToArray();
        Assert.Equal(states.Select(s => s.GetProperty("state").GetString()).Order(StringComparer.Ordinal), states.Select(s => s.GetProperty("state").GetString()));
        Assert.Contains(states, s => s.GetProperty("state").GetString() == "USA");
        foreach (var state in states)
        {
            Assert.Equal(["state", "nearestKm", "facilities"], state.EnumerateObject().Select(p => p.Name).ToArray());
            var facilities = state.GetProperty("facilities").EnumerateArray().ToArray();
            Assert.NotEmpty(facilities);
            Assert.Equal(facilities[0].GetProperty("distanceKm").GetDouble(), state.GetProperty("nearestKm").GetDouble());
            var distances = facilities.Select(f => f.GetProperty("distanceKm").GetDouble()).ToArray();
            Assert.Equal(distances.Order(), distances);
            foreach (var f in facilities)
            {
                Assert.Equal(["id", "name", "host", "distanceKm", "grantedBy", "alsoGrantedBy"], f.EnumerateObject().Select(p => p.Name).ToArray());
                Assert.InRange(f.GetProperty("distanceKm").GetDouble(), 0, 600);
            }
        }
    }

    [Fact]
    public void Reach_EdcaSiteForTheUs_ListsEveryAgreementThatGrantsIt()
    {
        // Lal-lo is an EDCA site (phl-usa-access, listed) and a Philippine facility open to US forces under the VFA.
        var usa = Json("reach", "--lat", "18.2", "--lon", "121.6", "--radius-km", "150", "--state", "USA", "--as-of", "2026-01-01", "--format", "json")
            .GetProperty("states").EnumerateArray().Single();
        var lalLo = usa.GetProperty("facilities").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "edca-lal-lo-airport");

        Assert.Equal("phl-usa-access", lalLo.GetProperty("grantedBy").GetString());
        Assert.Equal(["phl-usa-vfa"], lalLo.GetProperty("alsoGrantedBy").EnumerateArray().Select(g => g.GetString()!).ToArray());
        var table = Run("reach", "--lat", "18.2", "--lon", "121.6", "--radius-km", "150", "--state", "USA", "--as-of", "2026-01-01").Out;
        Assert.Contains("phl-usa-access (+1)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Reach_GeoJson_ParsesAsFeatureCollectionWithCircleAndPoints()
    {
        var root = Json([.. LuzonStrait, "--as-of", "2026-01-01", "--format", "geojson"]);

        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToArray();
        var circle = features[0];
        Assert.Equal("Polygon", circle.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(129, circle.GetProperty("geometry").GetProperty("coordinates")[0].GetArrayLength());
        Assert.Equal(600, circle.GetProperty("properties").GetProperty("radiusKm").GetDouble());
        var points = features.Skip(1).ToArray();
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.Equal("Point", p.GetProperty("geometry").GetProperty("type").GetString()));
        var camilo = points.Single(p => p.GetProperty("properties").GetProperty("id").GetString() == "edca-camilo-osias-naval-base");
        var position = camilo.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(122.15, position[0].GetDouble()); // [lon, lat]
        Assert.Equal(18.47, position[1].GetDouble());
        var props = camilo.GetProperty("properties");
        Assert.Equal("PHL", props.GetProperty("host").GetString());
        Assert.Equal(306.0, props.GetProperty("distanceKm").GetDouble());
        var users = props.GetProperty("users").EnumerateArray()
            .ToDictionary(u => u.GetProperty("state").GetString()!, u => u.GetProperty("grantedBy").GetString()!);
        Assert.Equal("jpn-phl-raa", users["JPN"]);
        Assert.Equal("territory", users["PHL"]);
        Assert.Equal("phl-usa-access", users["USA"]);
    }

    [Fact]
    public void Reach_Table_FitsIn80Columns()
    {
        var result = Run([.. LuzonStrait, "--as-of", "2026-01-01", "--with", DraftRaa]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Out.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
        Assert.Contains("edca-camilo-osias-naval-base", result.Out);
        Assert.Contains("JPN: 5 facilities, nearest usable facility 306.0 km away.", result.Out);
    }

    [Fact]
    public void Reach_TableWithHypothetical_MarksTheGain()
    {
        var result = Run([.. LuzonStrait, "--as-of", "2022-11-04", "--state", "JPN", "--with", DraftRaa]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("jpn-phl-raa-2020 *", result.Out);
        Assert.Contains("3 only through hypothetical agreements (*)", result.Out);
    }

    /// <summary>Within 3,000 km of Guam on 2026-01-01, for Japan only.</summary>
    private static readonly string[] JapanNearGuam =
        ["reach", "--lat", "13.5", "--lon", "144.8", "--radius-km", "3000", "--as-of", "2026-01-01", "--state", "JPN", "--format", "json"];

    [Fact]
    public void Reach_JapanNearGuam_NoUsFacilityThroughTheUsJapanSofa()
    {
        // The SOFA governs "the Status of United States Armed Forces in Japan": visitingForces [USA].
        var any = GrantedBy(Json(JapanNearGuam).GetProperty("states")[0]);

        Assert.DoesNotContain("naval-base-guam", any.Keys);
        Assert.DoesNotContain("andersen-air-force-base", any.Keys);
        Assert.DoesNotContain("jpn-usa-sofa", any.Values);
        Assert.Equal("jpn-phl-raa", any["edca-camilo-osias-naval-base"]);
    }

    [Fact]
    public void Reach_AccessReciprocal_JapanKeepsThePhilippinesAndStillHasNoGuam()
    {
        var reciprocal = GrantedBy(Json([.. JapanNearGuam, "--access", "reciprocal"]).GetProperty("states")[0]);

        Assert.DoesNotContain("naval-base-guam", reciprocal.Keys);
        Assert.Equal("jpn-phl-raa", reciprocal["edca-camilo-osias-naval-base"]);
    }

    [Fact]
    public void Reach_UsNearLuzonStrait_JapaneseFacilitiesThroughTheUsJapanSofa()
    {
        var usa = GrantedBy(Json([.. LuzonStrait, "--as-of", "2026-01-01", "--state", "USA", "--format", "json"]).GetProperty("states")[0]);

        Assert.Equal("jpn-usa-sofa", usa["camp-yonaguni"]);
        Assert.Equal("jpn-usa-sofa", usa["ishigaki-garrison"]);
        Assert.Equal("phl-usa-access", usa["edca-camilo-osias-naval-base"]);
    }

    [Fact]
    public void Reach_LuzonStrait2026_ReciprocalAccessAgreementsStillWorkBothWays()
    {
        var states = Json([.. LuzonStrait, "--as-of", "2026-01-01", "--format", "json"]).GetProperty("states").EnumerateArray()
            .ToDictionary(s => s.GetProperty("state").GetString()!, GrantedBy);

        Assert.Equal("jpn-phl-raa", states["JPN"]["edca-camilo-osias-naval-base"]);
        Assert.Equal("jpn-phl-raa", states["PHL"]["camp-yonaguni"]);
        Assert.Equal("gbr-jpn-raa", states["GBR"]["camp-yonaguni"]);
        Assert.Equal("aus-jpn-raa", states["AUS"]["camp-yonaguni"]);
        Assert.Equal("aus-phl-vfa", states["AUS"]["edca-camilo-osias-naval-base"]);
        Assert.Equal(["AUS", "GBR", "JPN", "PHL", "USA"], states.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("--lat", "91")]
    [InlineData("--lat", "-90.5")]
    [InlineData("--lon", "181")]
    [InlineData("--lon", "-180.5")]
    [InlineData("--radius-km", "0")]
    [InlineData("--radius-km", "-10")]
    [InlineData("--radius-km", "20038")]
    public void Reach_OptionOutOfRange_ExitsOneNamingTheOption(string option, string value)
    {
        var args = new List<string> { "reach", "--lat", "21.0", "--lon", "121.0", "--radius-km", "600" };
        args[args.IndexOf(option) + 1] = value;

        var result = Run([.. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(DiagnosticCodes.GeoOutOfRange, result.Err);
        Assert.Contains($"{option}: error", result.Err);
        Assert.Contains($"{option} {value}", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Reach_NotANumber_ExitsOneNamingTheOption()
    {
        var result = Run("reach", "--lat", "21,5", "--lon", "east", "--radius-km", "600");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--lat: error " + DiagnosticCodes.InvalidOption, result.Err);
        Assert.Contains("--lon: error " + DiagnosticCodes.InvalidOption, result.Err);
    }

    [Fact]
    public void Reach_MissingOptions_ExitsOneNamingEach()
    {
        var result = Run("reach", "--lon", "121");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--lat is required", result.Err);
        Assert.Contains("--radius-km is required", result.Err);
    }

    [Fact]
    public void Reach_WithMissingFolder_ExitsOneWithMissingFile()
    {
        var result = Run([.. LuzonStrait, "--with", "/nonexistent/draft"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(DiagnosticCodes.MissingFile, result.Err);
    }

    [Fact]
    public void Reach_UnknownState_ExitsOneWithUnknownState()
    {
        var result = Run([.. LuzonStrait, "--state", "JAP"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(DiagnosticCodes.UnknownState, result.Err);
    }
}
