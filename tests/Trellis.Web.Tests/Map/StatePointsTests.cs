using System.Globalization;
using System.Text;
using Trellis.Geo;
using Trellis.Registry;
using Trellis.Web.Map;

namespace Trellis.Web.Tests.Map;

/// <summary>
/// data/states/points.yaml is derived from Natural Earth's 1:50m outlines with the map's code (the
/// label point of each state): it must stay what that code computes. Regenerate it after a map change with
/// <c>TRELLIS_WRITE_STATE_POINTS=1 dotnet test tests/Trellis.Web.Tests --filter StatePoints</c>.
/// </summary>
public sealed class StatePointsTests
{
    private static readonly string File = Path.Combine(TestEnvironment.Data, StatePoints.RelativePath);

    [Fact]
    public void PointsFile_IsWhatTheMapComputes()
    {
        var registry = RegistryLoader.Load(TestEnvironment.Data).GetValueOrThrow();
        var map = new WorldMap(Path.Combine(TestEnvironment.RepoRoot, "src", "Trellis.Web", "node_modules", "world-atlas", "countries-50m.json"));
        map.UseNames(registry.States);
        var expected = Render(registry, map);
        if (Environment.GetEnvironmentVariable("TRELLIS_WRITE_STATE_POINTS") == "1")
        {
            System.IO.File.WriteAllText(File, expected);
        }

        Assert.Equal(expected, System.IO.File.ReadAllText(File).ReplaceLineEndings("\n"));
        var loaded = StatePoints.Load(File, registry);
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(registry.States.Count, loaded.Value!.Points.Count + loaded.Value.NotOnTheMap.Count);
    }

    private static string Render(AgreementRegistry registry, WorldMap map)
    {
        var o = new StringBuilder();
        o.Append("""
            # yaml-language-server: $schema=../../schemas/state-points.schema.json
            # One point per state for drawing it on a world map: trellis network export --format geojson
            # uses it when no --coordinates file is given. Derived from the outlines the web app draws, not a
            # fact about the state (not its capital). Generated; do not edit by hand:
            #   TRELLIS_WRITE_STATE_POINTS=1 dotnet test tests/Trellis.Web.Tests --filter StatePoints
            source:
              url: https://www.naturalearthdata.com/downloads/50m-cultural-vectors/50m-admin-0-countries-2/
              title: Natural Earth 1:50m Admin 0 countries (public domain), as packaged by the npm package world-atlas 2.0.2 (countries-50m.json)
            confidence: medium
            method: >
              The centroid of the largest polygon of the state's outline, in degrees of longitude and latitude
              (plate carrée), rounded to 0.01 degree; computed with the web app's map code (src/Trellis.Web/Map/WorldMap.cs) from the 1:50m outlines.
            points:

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var missing = new List<string>();
        foreach (var state in registry.States.OrderBy(s => s.Iso3, StringComparer.Ordinal))
        {
            if (map.PointOf(state.Iso3) is { } p)
            {
                o.Append(CultureInfo.InvariantCulture, $"  {state.Iso3}: {{ lat: {Math.Round(p.Lat, 2):0.00}, lon: {Math.Round(p.Lon, 2):0.00} }} # {state.Name}\n");
            }
            else
            {
                missing.Add(state.Iso3);
            }
        }

        o.Append("# Not on the 1:50m outlines: no point (trellis places them at their recorded facilities, if any; or give --coordinates).\n");
        o.Append("notOnTheMap: [").Append(string.Join(", ", missing)).Append("]\n");
        return o.ToString();
    }
}
