using Trellis.Diagnostics;
using Trellis.Network.Import;
using Trellis.Registry;

namespace Trellis.Network;

/// <summary>Opens a graph source from its command-line spelling: <c>registry</c>, <c>atop:FILE</c>, <c>cow:FILE</c>, <c>dcad:FILE</c>, <c>mme:FILE</c>, <c>csv:FILE</c>.</summary>
public static class NetworkSources
{
    public static readonly IReadOnlyList<string> Kinds = ["registry", "atop", "cow", "dcad", "mme", "csv"];

    /// <summary>
    /// The source named by <paramref name="spec"/>; dataset codes are mapped through the registry's states table.
    /// <paramref name="flags"/> is the obligation (ATOP, COW) or indicator (DCAD) filter; the registry takes none.
    /// <paramref name="window"/> (years a snapshot counts back) applies to an exercise dataset (<c>mme:</c>) only; null is 1.
    /// </summary>
    public static LoadResult<INetworkSource> Open(string? spec, AgreementRegistry registry, IReadOnlyList<string>? flags = null, int? window = null)
    {
        spec = string.IsNullOrWhiteSpace(spec) ? "registry" : spec.Trim();
        if (window is not null && !spec.StartsWith("mme:", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, [Diagnostic.Error(DiagnosticCodes.InvalidOption,
                "--window counts exercises over several years and applies to an exercise dataset (--source mme:FILE) only", "--window")]);
        }

        if (spec == "registry")
        {
            if (flags is { Count: > 0 })
            {
                return new(null, [Diagnostic.Error(DiagnosticCodes.UnknownFlag,
                    "--flags filters a dataset's ties (atop:, cow:, dcad:); the registry has none: use --layers instead", "--flags")]);
            }

            return new(new RegistrySource(registry), []);
        }

        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? spec[..colon].ToLowerInvariant() : spec;
        var path = colon > 0 ? spec[(colon + 1)..] : "";
        if (colon <= 0 || path.Length == 0 || !Kinds.Contains(kind))
        {
            return new(null, [Diagnostic.Error(DiagnosticCodes.UnknownSource,
                $"'{spec}' is not a source: use registry, atop:FILE (ATOP member-level CSV), cow:FILE (COW by_member or by_directed_yearly CSV), dcad:FILE (DCAD dyadic CSV), mme:FILE (MME exercises, either form) or csv:FILE (an edge list)", "--source")]);
        }

        static LoadResult<INetworkSource> Widen(LoadResult<IDatasetSource> r) => new(r.Value, r.Diagnostics);
        return kind switch
        {
            "atop" => Widen(Importers.Atop(path, registry.States, flags)),
            "cow" => Widen(Importers.Cow(path, registry.States, flags)),
            "dcad" => Widen(Importers.Dcad(path, registry.States, flags)),
            "mme" => flags is { Count: > 0 }
                ? new(null, [Diagnostic.Error(DiagnosticCodes.UnknownFlag, "--flags filters alliance and DCA datasets; an exercise dataset (mme:) has none", "--flags")])
                : Exercises(path, registry, window ?? 1),
            _ => flags is { Count: > 0 }
                ? new(null, [Diagnostic.Error(DiagnosticCodes.UnknownFlag, "--flags applies to atop:, cow: and dcad: sources, not to an edge list", "--flags")])
                : Importers.EdgeList(path, registry.States),
        };
    }

    /// <summary>An exercise dataset, its names mapped through the reviewed table in the registry's data folder.</summary>
    public static LoadResult<INetworkSource> Exercises(string path, AgreementRegistry registry, int window = 1)
    {
        var diagnostics = new List<Diagnostic>();
        if (MmeNames.Load(registry.DataDirectory, registry.States, diagnostics) is not { } names)
        {
            return new(null, diagnostics);
        }

        var result = Importers.Mme(path, registry.States, names, window);
        return new(result.Value, [.. diagnostics, .. result.Diagnostics]);
    }

    /// <summary>A warning when <paramref name="day"/> lies outside the years a dataset covers; null otherwise.</summary>
    public static Diagnostic? CoverageWarning(INetworkSource source, DateOnly day)
    {
        if (source is not IDatasetSource d || (day.Year >= d.FirstYear && day.Year <= d.LastYear))
        {
            return null;
        }

        return Diagnostic.Warning(DiagnosticCodes.OutsideCoverage,
            $"{day:yyyy-MM-dd} is outside the years {source.Name} covers ({d.FirstYear}–{d.LastYear}); " +
            (day.Year > d.LastYear ? "only ties coded as ongoing when the data end are counted: no record is not no relationship" : "there are no ties before the data begin"),
            "--as-of");
    }
}
