using Trellis.Diagnostics;
using Trellis.Registry.Loading;

namespace Trellis.Registry;

/// <summary>
/// Reads the registry from a data folder (see <c>docs/data-format.md</c>) and checks it.
/// Loading never stops at the first problem: it reports every diagnostic at once, each with
/// a stable code, <c>file:line</c> and how to fix it. No snapshot is returned when any error is found.
/// One reader per file kind (<see cref="StatesReader"/>, <see cref="AgreementReader"/>,
/// <see cref="FacilitiesReader"/>, <see cref="ExercisesReader"/>) and the checks across files
/// (<see cref="CrossFileChecks"/>) live beside this class in <c>Registry/Loading/</c>.
/// </summary>
public static class RegistryLoader
{
    public const string StatesFile = "states/states.yaml";
    public const string FacilitiesFile = "facilities/facilities.yaml";
    public const string ExercisesFile = "exercises/exercises.yaml";
    public const string AgreementsFolder = "agreements";
    public const string AgreementFile = "agreement.yaml";

    /// <summary>True when <paramref name="dataDirectory"/> looks like a Trellis data folder.</summary>
    public static bool IsDataDirectory(string dataDirectory) => DataFile.Exists(Path.Combine(dataDirectory, StatesFile));

    /// <summary>Loads and checks the whole registry under <paramref name="dataDirectory"/>.</summary>
    public static LoadResult<AgreementRegistry> Load(string dataDirectory)
    {
        var diagnostics = new List<Diagnostic>();
        if (DataFile.KindOf(dataDirectory) != PathKind.Folder)
        {
            diagnostics.Add(DataFile.Exists(dataDirectory)
                ? Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file, not a data folder; pass --data with a folder holding {StatesFile} and {AgreementsFolder}/", Display(dataDirectory))
                : Diagnostic.Error(DiagnosticCodes.MissingFile,
                    $"the data folder does not exist; pass --data with a folder holding {StatesFile} and {AgreementsFolder}/", Display(dataDirectory)));
            return new(null, diagnostics);
        }

        var states = StatesReader.Read(Path.Combine(dataDirectory, StatesFile), diagnostics);
        var stateCodes = states.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);

        var agreements = new List<Agreement>();
        var agreementsDir = Path.Combine(dataDirectory, AgreementsFolder);
        if (Folders(agreementsDir, "an agreement folder", diagnostics) is { } folders)
        {
            foreach (var folder in folders)
            {
                if (AgreementReader.Read(folder, stateCodes, diagnostics) is { } agreement)
                {
                    agreements.Add(agreement);
                }
            }
        }
        else if (!DataFile.Exists(agreementsDir))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                $"there is no {AgreementsFolder}/ folder: create it with one folder per agreement", Display(agreementsDir)));
        }

        CrossFileChecks.AgreementSet(agreements, diagnostics);
        var facilities = FacilitiesReader.Read(Path.Combine(dataDirectory, FacilitiesFile), stateCodes, agreements, diagnostics);
        var exercises = ExercisesReader.Read(Path.Combine(dataDirectory, ExercisesFile), stateCodes, diagnostics);

        var registry = diagnostics.Any(d => d.Severity == Severity.Error)
            ? null
            : new AgreementRegistry(states, agreements, facilities, exercises, Path.GetFullPath(dataDirectory));
        return new(registry, diagnostics);
    }

    /// <summary>
    /// Loads one agreement folder that is not part of the registry (a draft, for what-if), checked
    /// against the registry's states. The agreement is marked <see cref="Agreement.Hypothetical"/>.
    /// </summary>
    public static LoadResult<Agreement> LoadHypothetical(string folder, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(folder))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                $"the agreement folder does not exist: give a folder holding {AgreementFile}", Display(folder)));
            return new(null, diagnostics);
        }

        var codes = registry.States.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var agreement = AgreementReader.Read(folder, codes, diagnostics);
        return new(agreement is null ? null : agreement with { Hypothetical = true }, diagnostics);
    }

    /// <summary>
    /// The sub-folders of <paramref name="folder"/> in name order; null when it is not there (or, after a
    /// TRL008 diagnostic, is not a folder). An entry that is not a folder, where only folders belong, is
    /// reported (TRL008); hidden entries (<c>.DS_Store</c>, <c>.gitkeep</c>) are left alone.
    /// </summary>
    public static IReadOnlyList<string>? Folders(string folder, string what, ICollection<Diagnostic> diagnostics)
    {
        switch (DataFile.KindOf(folder))
        {
            case PathKind.Missing:
                return null;
            case PathKind.File or PathKind.Other:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file where a folder is expected: replace it with a folder (each {what[(what.IndexOf(' ') + 1)..]} goes inside it; docs/data-format.md)", Display(folder)));
                return null;
        }

        var result = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(entry).StartsWith('.'))
            {
                continue;
            }

            if (DataFile.KindOf(entry) == PathKind.Folder)
            {
                result.Add(entry);
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file where {what} is expected: move it into a folder of its own, or remove it", Display(entry)));
            }
        }

        return result;
    }

    /// <summary>
    /// The entries of <paramref name="folder"/> named <c>*<paramref name="extension"/></c> in name order, folders
    /// included so that reading one reports it (TRL008) instead of skipping it; empty when the folder is not
    /// there, and a TRL008 diagnostic when it is a file.
    /// </summary>
    public static IReadOnlyList<string> FilesIn(string folder, string extension, ICollection<Diagnostic> diagnostics)
    {
        switch (DataFile.KindOf(folder))
        {
            case PathKind.Missing:
                return [];
            case PathKind.File or PathKind.Other:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file where a folder of {extension} files is expected: make it a folder", Display(folder)));
                return [];
        }

        return Directory.EnumerateFileSystemEntries(folder, "*" + extension)
            .Where(p => p.EndsWith(extension, StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A path as shown in diagnostics: relative to the working folder when inside it.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
