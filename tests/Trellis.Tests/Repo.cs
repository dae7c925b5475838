namespace Trellis.Tests;

/// <summary>Paths into the repository, found from the test assembly's folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Data => Path.Combine(Root, "data");

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        // The output folder may live elsewhere (dotnet test --artifacts-path); this source file never does.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Trellis.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Trellis.slnx not found above " + AppContext.BaseDirectory + " or " + sourceFile);
    }
}

/// <summary>A throwaway data folder for loader tests; deleted on dispose.</summary>
internal sealed class TempData : IDisposable
{
    public TempData()
    {
        Root = Path.Combine(Path.GetTempPath(), "trellis-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Write("states/states.yaml", """
            sources:
              - url: https://www.iso.org/iso-3166-country-codes.html
            states:
              - { iso3: GBR, name: United Kingdom, cow: 200, cowAbbrev: UKG, region: europe, unMember: true }
              - { iso3: JPN, name: Japan, cow: 740, cowAbbrev: JPN, region: east-asia, unMember: true }
              - { iso3: AUS, name: Australia, cow: 900, cowAbbrev: AUL, region: oceania, unMember: true }
              - { iso3: PHL, name: Philippines, cow: 840, cowAbbrev: PHI, region: southeast-asia, unMember: true }
              - { iso3: USA, name: United States, cow: 2, cowAbbrev: USA, region: north-america, unMember: true }
            """);
    }

    public string Root { get; }

    public TempData Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Writes a valid agreement; <paramref name="extra"/> lines are appended (later keys must not repeat earlier ones).</summary>
    public TempData Agreement(string id, string parties = "[GBR, JPN]", string type = "raa", string signed = "2023-01-11",
        string? inForce = "2023-10-15", string extra = "")
    {
        var text = $"""
            id: {id}
            title: Test agreement {id}
            short: Test {id}
            type: {type}
            parties: {parties}
            signed: "{signed}"
            {(inForce is null ? "" : $"inForce: \"{inForce}\"")}
            sources:
              - url: https://www.mofa.go.jp/press/release/press4e_003298.html
                title: MOFA
            confidence: high
            {extra}
            """;
        return Write($"agreements/{id}/agreement.yaml", text);
    }

    /// <summary>Writes an agreement file from raw YAML lines with a valid baseline, leaving out the fields named in <paramref name="omit"/>.</summary>
    public TempData AgreementWithout(string id, params string[] omit)
    {
        var fields = new (string Key, string Line)[]
        {
            ("id", $"id: {id}"),
            ("title", "title: t"),
            ("short", "short: s"),
            ("type", "type: raa"),
            ("parties", "parties: [GBR, JPN]"),
            ("signed", "signed: \"2023-01-11\""),
            ("sources", "sources: [{ url: \"https://example.org/a\" }]"),
            ("confidence", "confidence: high"),
        };
        return Write($"agreements/{id}/agreement.yaml", string.Join('\n', fields.Where(f => !omit.Contains(f.Key)).Select(f => f.Line)) + "\n");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The one switch for rewriting golden files on purpose: <c>TRELLIS_UPDATE_GOLDEN=1</c> (docs/rules-format.md §5).</summary>
internal static class Golden
{
    public const string EnvironmentVariable = "TRELLIS_UPDATE_GOLDEN";

    public static bool Update => Environment.GetEnvironmentVariable(EnvironmentVariable) is "1" or "true";
}

/// <summary>A throwaway copy of the bundled data folder, to break one thing in a realistic registry; deleted on dispose.</summary>
internal sealed class BundledCopy : IDisposable
{
    public BundledCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "trellis-data-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Repo.Data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(Repo.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Copies one file or folder of the copy to another name inside it.</summary>
    public void Duplicate(string from, string to)
    {
        var source = PathOf(from);
        if (File.Exists(source))
        {
            File.Copy(source, PathOf(to));
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(PathOf(to), Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
