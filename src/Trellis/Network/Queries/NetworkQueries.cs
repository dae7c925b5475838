using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network.Queries;

/// <summary>
/// The network queries both faces take — a state code, a metric with an optional <c>:ISO3</c> focus, a candidate
/// query — parsed once, here. Each returns a diagnostic naming the face's own name of the field (<c>--metric</c> on
/// the command line, <c>metric</c> on the web, given by <c>name</c>); the CLI prints it, the web turns it into a
/// problem document.
/// </summary>
public static class NetworkQueries
{
    /// <summary>The largest <c>top</c> either face accepts (0 means all).</summary>
    public const int MaxTop = 1000;

    /// <summary>A state code (ISO3, any case; <c>COW:nnn</c> for a dataset node without one), checked against the registry.</summary>
    public static string? State(string text, string name, AgreementRegistry registry, List<Diagnostic> diagnostics)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("COW:", StringComparison.OrdinalIgnoreCase))
        {
            return "COW:" + trimmed[4..];
        }

        return registry.ResolveState(trimmed, name, diagnostics);
    }

    /// <summary>A metric, or <c>METRIC:ISO3</c> for one state's value of a state metric.</summary>
    public static (MetricRef Metric, string? Focus)? Metric(string spec, string name, AgreementRegistry registry, List<Diagnostic> diagnostics)
    {
        string? focus = null;
        var metricName = spec;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            focus = State(spec[(colon + 1)..], name, registry, diagnostics);
            if (focus is null)
            {
                return null;
            }

            metricName = spec[..colon];
        }

        var metric = MetricCatalog.Find(metricName);
        if (metric is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownMetric,
                $"{name}: '{spec}' is not a metric here; use one of: {string.Join(", ", MetricCatalog.Names)} (METRIC:ISO3 for a state metric)", name));
            return null;
        }

        if (metric.IsGraph && focus is not null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownMetric, $"{name}: {metric.Name} is a graph metric; :{focus} applies to state metrics only", name));
            return null;
        }

        return (metric, focus);
    }

    /// <summary>
    /// A candidate query: the new agreement's <paramref name="type"/> (default <c>raa</c>), the metric (default
    /// betweenness), how many to list (0 for all, at most <see cref="MaxTop"/>), the states to pair; refused when the
    /// type lies in a layer <paramref name="options"/> leaves out (a new agreement would change nothing).
    /// </summary>
    public static LoadResult<CandidateQuery> Candidates(AgreementRegistry registry, string? type, string? metric, int top,
        IEnumerable<string> among, GraphOptions options, Func<string, string> name)
    {
        var diagnostics = new List<Diagnostic>();
        var typeName = type ?? "raa";
        if (!AgreementTypes.TryParse(typeName, out var parsedType))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownType,
                $"{name("type")} '{typeName}' is not a type; use one of: {string.Join(", ", AgreementTypes.Names)}", name("type")));
        }
        else if (!options.Keeps(parsedType.LayerOf()))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"{name("type")} {typeName} lies in a layer that {name("layers")} leaves out: a new one would change nothing", name("type")));
        }

        var m = Metric(metric ?? "betweenness", name("metric"), registry, diagnostics);
        if (top is < 0 or > MaxTop)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{name("top")} needs 0 (all) to {MaxTop}", name("top")));
        }

        var states = new List<string>();
        foreach (var text in among)
        {
            if (State(text, name("among"), registry, diagnostics) is { } code && !states.Contains(code))
            {
                states.Add(code);
            }
        }

        if (diagnostics.Count > 0 || m is not { } chosen)
        {
            return new LoadResult<CandidateQuery>(null, diagnostics);
        }

        return new LoadResult<CandidateQuery>(new CandidateQuery
        {
            Metric = chosen.Metric,
            Focus = chosen.Focus,
            Among = states.Count == 0 ? null : states,
            Type = typeName,
            Top = top,
        }, diagnostics);
    }
}
