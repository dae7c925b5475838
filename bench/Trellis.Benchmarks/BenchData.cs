namespace Trellis.Benchmarks;

/// <summary>Finds the repository's data folder from wherever BenchmarkDotNet runs the benchmark.</summary>
public static class BenchData
{
    public static string Root { get; } = FindRoot();

    public static string DataDirectory => Path.Combine(Root, "data");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("TRELLIS_ROOT") is { Length: > 0 } fromHost)
        {
            return fromHost;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Trellis.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the Trellis repository.");
    }
}
