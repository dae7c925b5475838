using System.Collections.Frozen;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Rules;

/// <summary>
/// Every rule layer of a registry — the hosts' baselines and the agreements' rules — checked
/// together: rule ids unique, every displaced rule defined and of a lower layer, no unordered
/// conflict, every parameter defined. Immutable; build one with <see cref="Load"/>.
/// </summary>
public sealed class RuleBook
{
    /// <summary>The folder of planning parameters under the data folder.</summary>
    public const string ParametersFolder = "parameters";

    /// <summary>The folder of public-holiday files under the data folder.</summary>
    public const string HolidaysFolder = "holidays";

    private readonly FrozenDictionary<string, RuleLayer> _byInstrument;
    private readonly FrozenDictionary<string, Rule> _rules;
    private readonly FrozenDictionary<string, Rule[]> _displacers;
    private readonly FrozenDictionary<string, FrozenSet<string>> _prevails;
    private readonly FrozenDictionary<string, WorkingCalendar> _calendars;

    private RuleBook(IReadOnlyList<RuleLayer> layers, ParameterSet parameters, IReadOnlyList<WorkingCalendar> calendars,
        FrozenDictionary<string, FrozenSet<string>> prevails, string? dataDirectory)
    {
        Layers = layers;
        Parameters = parameters;
        Calendars = calendars;
        DataDirectory = dataDirectory;
        // Build reports two layers of one instrument or two calendars of one state (TRL011); the first stands, so that
        // nothing built from user data can throw.
        _byInstrument = layers.GroupBy(l => l.Instrument, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _rules = layers.SelectMany(l => l.Rules).GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _displacers = layers.SelectMany(l => l.Rules).SelectMany(r => r.Displaces.Select(t => (t, r)))
            .GroupBy(x => x.t, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.r).ToArray(), StringComparer.Ordinal);
        _prevails = prevails;
        _calendars = calendars.GroupBy(c => c.State, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>Baselines first (by host), then agreement layers (by id).</summary>
    public IReadOnlyList<RuleLayer> Layers { get; }

    public ParameterSet Parameters { get; }

    public IReadOnlyList<WorkingCalendar> Calendars { get; }

    public string? DataDirectory { get; }

    /// <summary>The hosts that have a baseline, in code order.</summary>
    public IEnumerable<string> BaselineStates => Layers.Where(l => l.Kind == LayerKind.Baseline).Select(l => l.Host!);

    public RuleLayer? Baseline(string iso3) => _byInstrument.GetValueOrDefault(RuleLayer.BaselineId(iso3));

    /// <summary>The rules of the agreement <paramref name="agreementId"/>, or null when it has none encoded.</summary>
    public RuleLayer? LayerOf(string agreementId) =>
        _byInstrument.TryGetValue(agreementId, out var layer) && layer.Kind == LayerKind.Agreement ? layer : null;

    public Rule? FindRule(string id) => _rules.GetValueOrDefault(id);

    /// <summary>All rule ids, for suggestions.</summary>
    public IEnumerable<string> RuleIds => _rules.Keys;

    /// <summary>The rules that waive or replace <paramref name="ruleId"/>, in any layer.</summary>
    public IReadOnlyList<Rule> DisplacersOf(string ruleId) => _displacers.TryGetValue(ruleId, out var list) ? list : [];

    /// <summary>True when agreement layer <paramref name="higher"/> prevails (directly or transitively) over <paramref name="lower"/>.</summary>
    public bool Prevails(string higher, string lower) => _prevails.TryGetValue(higher, out var set) && set.Contains(lower);

    /// <summary>The working calendar of <paramref name="iso3"/>: its holidays file, or weekends only.</summary>
    public WorkingCalendar Calendar(string iso3) => _calendars.GetValueOrDefault(iso3) ?? WorkingCalendar.WeekendsOnly(iso3);

    /// <summary>True when a holidays file exists for <paramref name="iso3"/>.</summary>
    public bool HasHolidays(string iso3) => _calendars.ContainsKey(iso3);

    /// <summary>
    /// Reads the baselines (<c>baselines/&lt;ISO3&gt;/rules.yaml</c>), every agreement's <c>rules.yaml</c>,
    /// the planning parameters and the holidays under the registry's data folder, and checks them together.
    /// </summary>
    public static LoadResult<RuleBook> Load(AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        var states = registry.States.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var layers = new List<RuleLayer>();
        var data = registry.DataDirectory;
        var parameters = ParameterSet.Empty;
        var calendars = new List<WorkingCalendar>();
        if (data is not null)
        {
            var baselines = Path.Combine(data, RuleLoader.BaselinesFolder);
            if (RegistryLoader.Folders(baselines, "a baseline folder", diagnostics) is { } folders)
            {
                foreach (var folder in folders)
                {
                    var host = Path.GetFileName(folder);
                    var path = Path.Combine(folder, RuleLoader.RulesFile);
                    if (!states.Contains(host))
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownState,
                            $"the baseline folder '{host}' is not a state code: name it by the host's ISO3 code in upper case (JPN)", RegistryLoader.Display(folder)));
                    }
                    else if (!DataFile.Exists(path))
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                            $"the baseline folder '{host}' has no {RuleLoader.RulesFile}: add one, or remove the folder", RegistryLoader.Display(folder)));
                    }
                    else if (RuleLoader.LoadLayer(path, LayerKind.Baseline, RuleLayer.BaselineId(host), null, host, states, diagnostics) is { } layer)
                    {
                        layers.Add(layer);
                    }
                }
            }

            var parameterResult = ParameterSet.LoadFolder(Path.Combine(data, ParametersFolder));
            diagnostics.AddRange(parameterResult.Diagnostics);
            parameters = parameterResult.Value ?? ParameterSet.Empty;

            var holidays = Path.Combine(data, HolidaysFolder);
            foreach (var path in RegistryLoader.FilesIn(holidays, ".yaml", diagnostics))
            {
                var code = Path.GetFileNameWithoutExtension(path);
                if (!states.Contains(code))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownState,
                        $"the holidays file '{Path.GetFileName(path)}' is not named by a state code: use <ISO3>.yaml (JPN.yaml)", RegistryLoader.Display(path)));
                }
                else if (WorkingCalendar.Load(path, diagnostics) is { } calendar)
                {
                    calendars.Add(calendar);
                }
            }
        }

        foreach (var agreement in registry.Agreements)
        {
            if (AgreementLayer(agreement, states, diagnostics, required: false) is { } layer)
            {
                layers.Add(layer);
            }
        }

        return Build(registry, layers, parameters, calendars, diagnostics);
    }

    /// <summary>
    /// This book with the rules of <paramref name="hypothetical"/> agreements added (each folder's
    /// <c>rules.yaml</c>, required), checked again against <paramref name="registry"/>, which must hold them.
    /// </summary>
    public LoadResult<RuleBook> WithAgreements(AgreementRegistry registry, IEnumerable<Agreement> hypothetical)
    {
        var diagnostics = new List<Diagnostic>();
        var states = registry.States.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var added = new List<RuleLayer>();
        foreach (var agreement in hypothetical)
        {
            if (AgreementLayer(agreement, states, diagnostics, required: true) is { } layer)
            {
                added.Add(layer);
            }
        }

        var addedIds = added.Select(l => l.Instrument).ToHashSet(StringComparer.Ordinal);
        var layers = Layers.Where(l => !addedIds.Contains(l.Instrument) && (l.Agreement is null || registry.FindAgreement(l.Instrument) is not null))
            .Concat(added).ToList();
        return Build(registry, layers, Parameters, Calendars, diagnostics);
    }

    /// <summary>This book with other planning parameters, checked again (every parameter a rule names must exist).</summary>
    public LoadResult<RuleBook> WithParameters(AgreementRegistry registry, ParameterSet parameters) =>
        Build(registry, Layers.ToList(), parameters, Calendars, []);

    private static RuleLayer? AgreementLayer(Agreement agreement, HashSet<string> states, List<Diagnostic> diagnostics, bool required)
    {
        if (agreement.Folder is null)
        {
            return null;
        }

        var path = Path.Combine(agreement.Folder, RuleLoader.RulesFile);
        if (!DataFile.Exists(path))
        {
            if (required)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                    $"the agreement folder has no {RuleLoader.RulesFile}: without rules the agreement would change no requirement", RegistryLoader.Display(agreement.Folder)));
            }

            return null;
        }

        return RuleLoader.LoadLayer(path, LayerKind.Agreement, agreement.Id, agreement, null, states, diagnostics);
    }

    private static LoadResult<RuleBook> Build(AgreementRegistry registry, List<RuleLayer> layers, ParameterSet parameters,
        IReadOnlyList<WorkingCalendar> calendars, List<Diagnostic> diagnostics)
    {
        layers = layers.OrderBy(l => l.Kind).ThenBy(l => l.Instrument, StringComparer.Ordinal).ToList();
        CheckUnique(layers, calendars, diagnostics);
        var loadErrors = diagnostics.Any(d => d.Severity == Severity.Error);
        var prevails = CheckPrevails(registry, layers, diagnostics);
        var book = new RuleBook(layers, parameters, calendars, prevails, registry.DataDirectory);
        if (!loadErrors)
        {
            // Cross-layer checks only on complete input: a layer that failed to load would make every reference to it look wrong.
            CheckIds(layers, diagnostics);
            CheckDisplacement(book, diagnostics);
            CheckConflicts(book, diagnostics);
            CheckParameters(book, diagnostics);
        }

        return new(diagnostics.Any(d => d.Severity == Severity.Error) ? null : book, diagnostics);
    }

    private static FrozenDictionary<string, FrozenSet<string>> CheckPrevails(AgreementRegistry registry, List<RuleLayer> layers, List<Diagnostic> diagnostics)
    {
        var direct = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var layer in layers.Where(l => l.Kind == LayerKind.Agreement))
        {
            var valid = new List<string>();
            foreach (var other in layer.Prevails)
            {
                if (other == layer.Instrument)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BadPrevails, $"'{other}' cannot prevail over itself: remove it from 'prevails'", layer.File, layer.Line));
                }
                else if (registry.FindAgreement(other) is null)
                {
                    var hint = registry.AgreementHint(other);
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BadPrevails, $"'prevails' names '{other}', which is not an agreement in the registry.{hint}", layer.File, layer.Line));
                }
                else
                {
                    valid.Add(other);
                }
            }

            direct[layer.Instrument] = valid.ToArray();
        }

        var closure = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var (id, _) in direct)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(direct[id]);
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                if (seen.Add(next) && direct.TryGetValue(next, out var further))
                {
                    foreach (var f in further)
                    {
                        stack.Push(f);
                    }
                }
            }

            if (seen.Contains(id))
            {
                var layer = layers.First(l => l.Instrument == id);
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BadPrevails,
                    $"'{id}' prevails over itself through 'prevails' ({string.Join(", ", seen.Order(StringComparer.Ordinal))}): the order between layers must have no cycle",
                    layer.File, layer.Line));
                seen.Remove(id);
            }

            closure[id] = seen.ToFrozenSet(StringComparer.Ordinal);
        }

        return closure.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Two layers of one instrument (one agreement added twice) or two holiday calendars of one state: TRL011 naming both.</summary>
    private static void CheckUnique(List<RuleLayer> layers, IReadOnlyList<WorkingCalendar> calendars, List<Diagnostic> diagnostics)
    {
        foreach (var group in layers.GroupBy(l => l.Instrument, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateId,
                    $"the rules of '{other.Instrument}' are given twice (also at {first.File}:{first.Line}): give each agreement's rules once", other.File, other.Line));
            }
        }

        foreach (var group in calendars.GroupBy(c => c.State, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateId,
                    $"the holidays of {other.State} are given twice (also at {first.File}:{first.Line}): keep one file per state, named <ISO3>.yaml", other.File, other.Line));
            }
        }
    }

    private static void CheckIds(List<RuleLayer> layers, List<Diagnostic> diagnostics)
    {
        var first = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var rule in layers.SelectMany(l => l.Rules))
        {
            if (first.TryGetValue(rule.Id, out var earlier))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateRuleId,
                    $"the rule id '{rule.Id}' is already used at {earlier.Location}: give each rule its own id", rule.File, rule.Line));
            }
            else
            {
                first[rule.Id] = rule;
            }
        }
    }

    private static void CheckDisplacement(RuleBook book, List<Diagnostic> diagnostics)
    {
        foreach (var layer in book.Layers)
        {
            foreach (var rule in layer.Rules)
            {
                foreach (var target in rule.Displaces)
                {
                    var displaced = book.FindRule(target);
                    if (displaced is null)
                    {
                        var hint = YamlFields.Suggest(target, book.RuleIds) is { } s ? $" Did you mean '{s}'?" : "";
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownDisplacedRule,
                            $"'{rule.Id}' {rule.EffectName}s '{target}', but no rule has that id.{hint}", rule.File, rule.Line));
                        continue;
                    }

                    var targetLayer = book._byInstrument[displaced.Layer];
                    var problem = layer.Kind == LayerKind.Baseline
                        ? "a baseline is the lowest layer and cannot displace rules"
                        : targetLayer.Instrument == layer.Instrument
                            ? "a rule cannot displace a rule of its own layer: edit or remove that rule instead"
                            : targetLayer.Kind == LayerKind.Baseline && !layer.States.Contains(targetLayer.Host!, StringComparer.Ordinal)
                                ? $"{targetLayer.Host} is not a party to {layer.Instrument}, so its baseline is not below this layer"
                                : targetLayer.Kind == LayerKind.Agreement && !book.Prevails(layer.Instrument, targetLayer.Instrument)
                                    ? $"'{target}' belongs to {targetLayer.Instrument}: add 'prevails: [{targetLayer.Instrument}]' to this rule file if {layer.Instrument} overrides it"
                                    : null;
                    if (problem is not null)
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DisplacementNotLower,
                            $"'{rule.Id}' cannot {rule.EffectName} '{target}' ({displaced.Location}): {problem}", rule.File, rule.Line));
                    }
                }
            }
        }
    }

    private static void CheckConflicts(RuleBook book, List<Diagnostic> diagnostics)
    {
        foreach (var (target, displacers) in book._displacers)
        {
            for (var i = 0; i < displacers.Length; i++)
            {
                for (var j = i + 1; j < displacers.Length; j++)
                {
                    var a = displacers[i];
                    var b = displacers[j];
                    var la = book._byInstrument[a.Layer];
                    var lb = book._byInstrument[b.Layer];
                    if (book.Ordered(la, lb) || !CanApplyTogether(la, lb) || AreExclusive(a, la, b, lb))
                    {
                        continue;
                    }

                    var fix = la == lb
                        ? "make their conditions exclusive (e.g. different 'category', or documents has/missing) or merge them"
                        : $"make their conditions exclusive, or order the layers with 'prevails: [{lb.Instrument}]' in {la.Instrument}'s rule file (or the reverse)";
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnorderedConflict,
                        $"'{b.Id}' and '{a.Id}' ({a.Location}) both displace '{target}' with no order between them: {fix}", b.File, b.Line));
                }
            }
        }
    }

    private static void CheckParameters(RuleBook book, List<Diagnostic> diagnostics)
    {
        foreach (var rule in book.Layers.SelectMany(l => l.Rules))
        {
            if (rule.Require?.LeadTime is { Kind: LeadTimeKind.Parameter, Parameter: { } name } && !book.Parameters.Contains(name))
            {
                var hint = YamlFields.Suggest(name, book.Parameters.All.Select(p => p.Name)) is { } s ? $" Did you mean '{s}'?" : "";
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownParameter,
                    $"'{rule.Id}' uses the planning parameter '{name}', which data/{ParametersFolder}/ does not define: add it there (docs/rules-format.md §3).{hint}",
                    rule.File, rule.Line));
            }
        }
    }

    /// <summary>True when one layer is above the other (a baseline is below every agreement of its host).</summary>
    internal bool Ordered(RuleLayer a, RuleLayer b)
    {
        if (a.Instrument == b.Instrument)
        {
            return false;
        }

        if (a.Kind != b.Kind)
        {
            return true;
        }

        return a.Kind == LayerKind.Agreement && (Prevails(a.Instrument, b.Instrument) || Prevails(b.Instrument, a.Instrument));
    }

    /// <summary>Rank for ordering within one evaluation: higher displaces lower.</summary>
    internal int Compare(RuleLayer a, RuleLayer b)
    {
        if (a.Instrument == b.Instrument)
        {
            return 0;
        }

        if (a.Kind != b.Kind)
        {
            return a.Kind == LayerKind.Baseline ? -1 : 1;
        }

        return Prevails(a.Instrument, b.Instrument) ? 1 : Prevails(b.Instrument, a.Instrument) ? -1 : 0;
    }

    private static bool CanApplyTogether(RuleLayer a, RuleLayer b)
    {
        if (a.Instrument == b.Instrument)
        {
            return true;
        }

        if (a.Agreement is not { } x || b.Agreement is not { } y || x.Parties.Count(y.HasParty) < 2)
        {
            return false;
        }

        var (xFrom, xUntil) = Span(x);
        var (yFrom, yUntil) = Span(y);
        return xFrom < yUntil && yFrom < xUntil;
    }

    /// <summary>The widest days an agreement may be in force: [first day of entry into force, last day of its end).</summary>
    private static (DateOnly From, DateOnly Until) Span(Agreement a) =>
        (a.InForce?.First ?? (a.Hypothetical ? DateOnly.MinValue : DateOnly.MaxValue), a.Ended?.Last ?? DateOnly.MaxValue);

    private static bool AreExclusive(Rule a, RuleLayer la, Rule b, RuleLayer lb)
    {
        if ((a.ValidUntil is { } au && b.ValidFrom is { } bf && au <= bf) || (b.ValidUntil is { } bu && a.ValidFrom is { } af && bu <= af))
        {
            return true;
        }

        return a.When.IsExclusiveWith(b.When) || la.When.IsExclusiveWith(lb.When) ||
               a.When.IsExclusiveWith(lb.When) || la.When.IsExclusiveWith(b.When);
    }
}
