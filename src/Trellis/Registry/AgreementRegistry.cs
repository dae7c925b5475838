using System.Collections.Frozen;

namespace Trellis.Registry;

/// <summary>
/// An immutable snapshot of the registry: states, agreements, facilities and exercises,
/// validated and cross-referenced. Build one with <see cref="RegistryLoader"/>.
/// </summary>
public sealed class AgreementRegistry
{
    private readonly FrozenDictionary<string, State> _states;
    private readonly FrozenDictionary<string, Agreement> _agreements;
    private readonly FrozenDictionary<string, Agreement[]> _byState;

    public AgreementRegistry(
        IEnumerable<State> states,
        IEnumerable<Agreement> agreements,
        IEnumerable<Facility> facilities,
        IEnumerable<Exercise> exercises,
        string? dataDirectory = null)
    {
        // An id given twice keeps its first entry, so that no input can make the lookups below throw:
        // RegistryLoader reports duplicates (TRL011), and RuleBook.WithAgreements an agreement added twice.
        States = states.DistinctBy(s => s.Iso3, StringComparer.Ordinal).OrderBy(s => s.Iso3, StringComparer.Ordinal).ToArray();
        Agreements = agreements.DistinctBy(a => a.Id, StringComparer.Ordinal).OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
        Facilities = facilities.OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
        Exercises = exercises.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        DataDirectory = dataDirectory;
        _states = States.ToFrozenDictionary(s => s.Iso3, StringComparer.Ordinal);
        _agreements = Agreements.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        _byState = Agreements
            .SelectMany(a => a.Parties.Distinct(StringComparer.Ordinal).Select(p => (p, a)))
            .GroupBy(x => x.p, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.a).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>States sorted by ISO3 code.</summary>
    public IReadOnlyList<State> States { get; }

    /// <summary>Agreements sorted by id.</summary>
    public IReadOnlyList<Agreement> Agreements { get; }

    public IReadOnlyList<Facility> Facilities { get; }

    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>The data folder this snapshot was loaded from, if any.</summary>
    public string? DataDirectory { get; }

    public State? FindState(string iso3) => _states.GetValueOrDefault(iso3.ToUpperInvariant());

    public bool HasState(string iso3) => _states.ContainsKey(iso3);

    public Agreement? FindAgreement(string id) => _agreements.GetValueOrDefault(id);

    /// <summary>
    /// The agreement of an id as a user typed it (surrounding spaces and any case: <c> GBR-JPN-RAA</c>), or null.
    /// The one lookup behind every face's "no agreement X" answer.
    /// </summary>
    public Agreement? Lookup(string id) => FindAgreement(id.Trim()) ?? FindAgreement(id.Trim().ToLowerInvariant());

    /// <summary>
    /// A state code as a user typed it (ISO3, any case), checked against the registry; else null and a TRL010
    /// diagnostic naming <paramref name="name"/> (the face's name of the field) with the nearest code or, for a
    /// name typed instead of a code, the code of that name.
    /// </summary>
    public string? ResolveState(string text, string name, List<Diagnostics.Diagnostic> diagnostics)
    {
        var code = text.Trim().ToUpperInvariant();
        if (HasState(code))
        {
            return code;
        }

        var hint = Yaml.YamlFields.Suggest(code, States.Select(s => s.Iso3)) is { } s ? $" Did you mean {s}?" : "";
        if (States.FirstOrDefault(s => s.Name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } byName)
        {
            hint = $" {byName.Name} is {byName.Iso3}.";
        }

        diagnostics.Add(Diagnostics.Diagnostic.Error(Diagnostics.DiagnosticCodes.UnknownState,
            $"{name}: '{text}' is not a state code: use ISO 3166-1 alpha-3 (JPN, GBR, AUS).{hint}", name));
        return null;
    }

    /// <summary>" Did you mean 'gbr-jpn-raa'?" for an id that is not an agreement, else <paramref name="otherwise"/>.</summary>
    public string AgreementHint(string id, string otherwise = "") =>
        Yaml.YamlFields.Suggest(id, _agreements.Keys) is { } s ? $" Did you mean '{s}'?" : otherwise;

    /// <summary>Every agreement to which <paramref name="iso3"/> is a party, in id order.</summary>
    public IReadOnlyList<Agreement> AgreementsOf(string iso3) =>
        _byState.TryGetValue(iso3, out var list) ? list : [];

    /// <summary>
    /// Every agreement between the two states, whatever its status: the history of the pair,
    /// ordered by its earliest recorded date.
    /// </summary>
    public IReadOnlyList<Agreement> HistoryOf(string a, string b) =>
        AgreementsOf(a).Where(x => x.IsBetween(a, b)).OrderBy(EarliestDate).ThenBy(x => x.Id, StringComparer.Ordinal).ToArray();

    /// <summary>The agreements between the two states that are in force on <paramref name="day"/>.</summary>
    public IReadOnlyList<Agreement> InForceBetween(string a, string b, DateOnly day, PartialDatePolicy policy = PartialDatePolicy.Latest) =>
        AgreementsOf(a).Where(x => x.IsBetween(a, b) && x.IsInForceOn(day, policy)).ToArray();

    /// <summary>The agreements in force on <paramref name="day"/>.</summary>
    public IEnumerable<Agreement> InForceOn(DateOnly day, PartialDatePolicy policy = PartialDatePolicy.Latest) =>
        Agreements.Where(a => a.IsInForceOn(day, policy));

    /// <summary>
    /// A new snapshot with <paramref name="extra"/> added (hypothetical agreements for what-if)
    /// and the agreements in <paramref name="without"/> left out.
    /// </summary>
    public AgreementRegistry With(IEnumerable<Agreement> extra, IEnumerable<string>? without = null)
    {
        var removed = (without ?? []).ToHashSet(StringComparer.Ordinal);
        var added = extra.ToArray();
        var addedIds = added.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var agreements = Agreements.Where(a => !removed.Contains(a.Id) && !addedIds.Contains(a.Id)).Concat(added);
        return new AgreementRegistry(States, agreements, Facilities, Exercises, DataDirectory);
    }

    private static DateOnly EarliestDate(Agreement a) =>
        (a.NegotiatingSince ?? a.Signed ?? a.InForce)?.First ?? DateOnly.MaxValue;
}
