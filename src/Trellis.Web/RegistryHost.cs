using Trellis.Registry;

namespace Trellis.Web;

/// <summary>Loads the bundled registry once, at startup, the way the CLI finds it.</summary>
public static class RegistryHost
{
    public static AgreementRegistry Load(TrellisOptions options)
    {
        var folder = DataDirectory.Find(options.Registry);
        if (folder is null)
        {
            throw new StartupException(
                "no registry data folder found: run from the repository root, set Trellis:Registry (environment Trellis__Registry) or TRELLIS_DATA, " +
                "or use a build or publish output, which carries data/ beside the app");
        }

        var result = RegistryLoader.Load(folder);
        if (result.HasErrors || result.Value is null)
        {
            throw new StartupException($"the registry in {folder} has errors (`trellis validate --data {folder}` shows the same):", result.Diagnostics);
        }

        return result.Value;
    }
}

/// <summary>The rule book (baselines, agreements' rules, parameters, holidays), loaded once beside the registry.</summary>
public static class RulesHost
{
    public static Rules.Assessor Load(AgreementRegistry registry)
    {
        var book = Rules.RuleBook.Load(registry);
        if (book.HasErrors || book.Value is null)
        {
            throw new StartupException($"the rules in {registry.DataDirectory} have errors (`trellis validate --data {registry.DataDirectory}` shows the same):", book.Diagnostics);
        }

        return new Rules.Assessor(registry, book.Value);
    }
}

/// <summary>The bundled state points (data/states/points.yaml) for GeoJSON exports, loaded once beside the registry.</summary>
public static class StatePointsHost
{
    public static Geo.StatePoints Load(AgreementRegistry registry)
    {
        var points = Geo.StatePoints.Load(registry);
        return points.HasErrors || points.Value is null
            ? throw new StartupException(
                $"the state points in {Path.Combine(registry.DataDirectory ?? ".", Geo.StatePoints.RelativePath)} have errors (`trellis validate --data {registry.DataDirectory}` shows the same):", points.Diagnostics)
            : points.Value;
    }
}
