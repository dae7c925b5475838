using System.Collections.Frozen;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Rules;

/// <summary>
/// A planning parameter: what an organisation plans with where the law is silent. Never law;
/// every output line that uses it says so (docs/rules-format.md §3).
/// </summary>
/// <param name="Name">Stable name, e.g. <c>raa.clearance-lead-time</c>.</param>
/// <param name="Label">What the assumption is, in a sentence.</param>
/// <param name="LeadTime">The value: days or working days.</param>
/// <param name="Basis">Where the value comes from.</param>
/// <param name="File">The file it was read from (a bundled file, or a <c>--parameters</c> file).</param>
public sealed record Parameter(string Name, string Label, LeadTime LeadTime, string Basis, string? File = null, int Line = 0)
{
    /// <summary>
    /// How far the value can be relied on: <c>low</c> unless the file says otherwise (a round number no source states).
    /// A requirement that rests on the parameter is never more confident than this.
    /// </summary>
    public Confidence Confidence { get; init; } = Confidence.Low;

    /// <summary>True when the value comes from a <c>--parameters</c> file rather than the bundled data.</summary>
    public bool Overridden { get; init; }
}

/// <summary>The planning parameters in effect: the bundled ones, possibly overridden by an organisation's file.</summary>
public sealed class ParameterSet
{
    private readonly FrozenDictionary<string, Parameter> _byName;

    public ParameterSet(IEnumerable<Parameter> parameters)
    {
        All = parameters.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        // The loaders report a name given twice (TRL111); a set built in code keeps the first.
        _byName = All.GroupBy(p => p.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static ParameterSet Empty { get; } = new([]);

    public IReadOnlyList<Parameter> All { get; }

    public Parameter? Find(string name) => _byName.GetValueOrDefault(name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>
    /// Reads every <c>*.yaml</c> in <paramref name="folder"/> except the friction template.
    /// A name defined twice is an error.
    /// </summary>
    public static LoadResult<ParameterSet> LoadFolder(string folder)
    {
        var diagnostics = new List<Diagnostic>();
        var all = new List<Parameter>();
        foreach (var path in RegistryLoader.FilesIn(folder, ".yaml", diagnostics))
        {
            if (string.Equals(Path.GetFileName(path), FrictionMatrix.TemplateFile, StringComparison.Ordinal))
            {
                continue; // read by PlanLoader.LoadTemplate (and checked by trellis validate)
            }

            all.AddRange(ReadFile(path, diagnostics));
        }

        foreach (var group in all.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var p in group.Skip(1))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateParameter,
                    $"the parameter '{p.Name}' is already defined at {first.File}:{first.Line}: keep one", p.File, p.Line));
            }
        }

        var set = new ParameterSet(all.GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => g.First()));
        return new(diagnostics.Any(d => d.Severity == Severity.Error) ? null : set, diagnostics);
    }

    /// <summary>
    /// This set with the parameters of <paramref name="path"/> overriding those of the same name.
    /// A name that is not in this set is an error (a typo would otherwise be ignored silently).
    /// </summary>
    public LoadResult<ParameterSet> WithOverrides(string path)
    {
        var diagnostics = new List<Diagnostic>();
        if (!DataFile.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                "the parameters file does not exist: give a YAML file with 'parameters:' (docs/rules-format.md §3)", RegistryLoader.Display(path)));
            return new(null, diagnostics);
        }

        var overrides = ReadFile(path, diagnostics);
        var merged = _byName.ToDictionary(StringComparer.Ordinal);
        var overridden = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var p in overrides)
        {
            if (overridden.TryGetValue(p.Name, out var earlier))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateParameter,
                    $"the parameter '{p.Name}' is already overridden at {earlier.File}:{earlier.Line}: keep one", p.File, p.Line));
                continue;
            }

            overridden[p.Name] = p;
            if (!merged.ContainsKey(p.Name))
            {
                var hint = YamlFields.Suggest(p.Name, merged.Keys) is { } s ? $" Did you mean '{s}'?" : $" The parameters are: {string.Join(", ", merged.Keys.Order(StringComparer.Ordinal))}.";
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownParameterOverride,
                    $"there is no parameter '{p.Name}' to override.{hint}", p.File, p.Line));
                continue;
            }

            merged[p.Name] = p with { Overridden = true };
        }

        return new(diagnostics.Any(d => d.Severity == Severity.Error) ? null : new ParameterSet(merged.Values), diagnostics);
    }

    private static List<Parameter> ReadFile(string path, List<Diagnostic> diagnostics)
    {
        var result = new List<Parameter>();
        var file = RegistryLoader.Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "a parameters file");
        if (root is null)
        {
            return result;
        }

        root.AllowOnly("parameters");
        foreach (var p in root.Mappings("parameters", "a parameter", required: true))
        {
            p.AllowOnly("name", "label", "leadTime", "basis", "confidence", "notes");
            var name = p.String("name", required: true);
            var confidence = p.Choice("confidence", Vocabulary.Confidences) is { } c ? Enum.Parse<Confidence>(c, ignoreCase: true) : Confidence.Low;
            var label = p.String("label", required: true);
            var basis = p.String("basis", required: true);
            var lead = RuleLoader.ReadLeadTime(p, "leadTime", allowUnknown: false);
            if (name is not null && !RuleLoader.IsParameterName(name))
            {
                p.Add(DiagnosticCodes.InvalidValue, $"the parameter name '{name}' should be lower-case words joined by '.' or '-'", p.LineOf("name"));
            }
            else if (name is not null && label is not null && basis is not null && lead is { } value)
            {
                result.Add(new Parameter(name, label.Trim(), value, basis.Trim(), file, p.LineOf("name")) { Confidence = confidence });
            }
        }

        return result;
    }
}
