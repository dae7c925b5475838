using System.CommandLine;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Cli;

/// <summary>Stops a command with diagnostics about the user's input; caught by <see cref="TrellisCli.Run"/>.</summary>
public sealed class CliException(IReadOnlyList<Diagnostic> diagnostics) : Exception(string.Join("; ", diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    public static CliException Option(string option, string message) =>
        new([Diagnostic.Error(DiagnosticCodes.InvalidOption, message, option)]);
}

/// <summary>What every command shares: the writers, the data folder, and parsing of common values.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "The registry's data folder (default: ./data when present, else the data bundled with trellis).",
        HelpName = "DIR",
        Recursive = true,
    };

    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    /// <summary>Loads the registry, or throws <see cref="CliException"/> with every diagnostic.</summary>
    public AgreementRegistry LoadRegistry(ParseResult parse)
    {
        var result = LoadRegistryResult(parse, out _);
        if (result.HasErrors || result.Value is null)
        {
            throw new CliException(result.Diagnostics);
        }

        return result.Value;
    }

    public LoadResult<AgreementRegistry> LoadRegistryResult(ParseResult parse, out string directory)
    {
        var explicitPath = parse.GetValue(DataOption);
        var found = DataDirectory.Find(explicitPath);
        if (found is null)
        {
            throw new CliException([Diagnostic.Error(DiagnosticCodes.MissingFile,
                "no data folder found: run trellis from the repository root, set TRELLIS_DATA, or pass --data DIR", "--data")]);
        }

        directory = found;
        StartupTrace.Mark("data folder found");
        var result = RegistryLoader.Load(found);
        StartupTrace.Mark("registry loaded");
        return result;
    }

    public void WriteDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Err.WriteLine(d.ToString());
        }
    }

    /// <summary>Parses a full date given to <paramref name="option"/>; null text gives <paramref name="fallback"/>.</summary>
    public static DateOnly ParseDay(string? text, string option, DateOnly fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!SupportedDates.TryParseDay(text, option, out var day, out var problem))
        {
            // A malformed date is a bad option value (TRL900, as ever); one outside the supported range keeps its TRL025.
            throw new CliException([problem.Code == DiagnosticCodes.InvalidDate ? problem with { Code = DiagnosticCodes.InvalidOption } : problem]);
        }

        return day;
    }

    /// <summary>Checks a state code given on the command line; accepts lower case.</summary>
    public static string ParseState(string text, string option, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        return registry.ResolveState(text, option, diagnostics) ?? throw new CliException(diagnostics);
    }

    /// <summary>The CLI's clock: the system's, read only here (the process is the CLI's composition root).</summary>
    public static TimeProvider Clock { get; } = TimeProvider.System;

    public static DateOnly Today => Clock.Today();
}
