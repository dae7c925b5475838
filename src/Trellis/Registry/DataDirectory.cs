namespace Trellis.Registry;

/// <summary>Finds the registry's data folder without the user having to name it.</summary>
public static class DataDirectory
{
    /// <summary>Environment variable that names the data folder.</summary>
    public const string EnvironmentVariable = "TRELLIS_DATA";

    /// <summary>
    /// The data folder to use: <paramref name="explicitPath"/> when given; else <c>$TRELLIS_DATA</c>;
    /// else <c>./data</c> when it holds a registry (running from the repository root); else the
    /// <c>data</c> folder copied beside the program (an installed or published build).
    /// Returns null when none is found.
    /// </summary>
    public static string? Find(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var local = Path.Combine(Environment.CurrentDirectory, "data");
        if (RegistryLoader.IsDataDirectory(local))
        {
            return local;
        }

        var bundled = Path.Combine(AppContext.BaseDirectory, "data");
        return RegistryLoader.IsDataDirectory(bundled) ? bundled : null;
    }
}
