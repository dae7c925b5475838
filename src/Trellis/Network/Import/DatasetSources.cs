using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network.Import;

/// <summary>A graph source read from one of the field's yearly datasets.</summary>
public interface IDatasetSource : INetworkSource
{
    /// <summary>The first year any record covers.</summary>
    int FirstYear { get; }

    /// <summary>The last year any record covers (ongoing records are open after it).</summary>
    int LastYear { get; }
}

/// <summary>
/// Maps COW state codes to node ids through the states table (<see cref="State.Cow"/>). A code with no ISO3
/// becomes its own node <c>COW:ccode</c> and is reported once as a warning, never dropped.
/// </summary>
internal sealed class CowCodes
{
    private readonly Dictionary<int, string> _iso3 = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, string?> _unmapped = [];

    public CowCodes(IEnumerable<State> states)
    {
        foreach (var s in states)
        {
            if (s.Cow is { } cow)
            {
                _iso3.TryAdd(cow, s.Iso3);
            }

            _names[s.Iso3] = s.Name;
        }
    }

    /// <summary>The node id of a COW code; <paramref name="label"/> (a name or abbreviation from the file) names an unmapped one.</summary>
    public string Node(int code, string? label)
    {
        if (_iso3.TryGetValue(code, out var iso3))
        {
            return iso3;
        }

        var id = "COW:" + code.ToString(CultureInfo.InvariantCulture);
        if (!_unmapped.TryGetValue(code, out var known) || (known is null && !string.IsNullOrWhiteSpace(label)))
        {
            _unmapped[code] = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        }

        return id;
    }

    public string? NameOf(string node)
    {
        if (_names.TryGetValue(node, out var name))
        {
            return name;
        }

        return node.StartsWith("COW:", StringComparison.Ordinal) &&
               int.TryParse(node.AsSpan(4), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) &&
               _unmapped.TryGetValue(code, out var label) ? label : null;
    }

    /// <summary>One warning per unmapped code.</summary>
    public IEnumerable<Diagnostic> Warnings(string file, string statesFile) =>
        _unmapped.Select(kv => Diagnostic.Warning(DiagnosticCodes.UnmappedCode,
            $"COW code {kv.Key}{(kv.Value is null ? "" : $" ({kv.Value})")} has no ISO3 code in {statesFile}; it is kept as its own node COW:{kv.Key}. " +
            "Add the state (with its cow code) to the states table to map it.", file));
}

/// <summary>
/// A member-level dataset (ATOP member file, COW by_member): one row per member (and phase) of an alliance.
/// A row is active in year Y when it has entered by Y and not exited before Y; two states are linked in Y when
/// both have an active row in the same alliance, and the obligation filter keeps the pair when at least one of
/// the two has a selected flag on an active row.
/// </summary>
internal sealed class MemberSource : IDatasetSource
{
    private readonly CowCodes _codes;
    private readonly (string Group, MemberRow[] Rows, bool Multilateral)[] _groups;
    private readonly int _filter;
    private readonly string _type;
    private readonly string _idPrefix;

    internal readonly record struct MemberRow(string Node, int Enter, int Exit, int Flags);

    /// <param name="coveredUntil">The last year the file covers when its rows say more than their exits (COW's right-censored end year); 0 to take it from the rows.</param>
    public MemberSource(string name, string type, string idPrefix, CowCodes codes, IEnumerable<(string Group, MemberRow Row)> rows, int filter,
        IReadOnlyList<Diagnostic> diagnostics, int coveredUntil = 0)
    {
        Name = name;
        _type = type;
        _idPrefix = idPrefix;
        _codes = codes;
        _filter = filter;
        Diagnostics = diagnostics;
        var list = rows.ToList();
        _groups = list.GroupBy(r => r.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, GroupOrder.Instance)
            .Select(g => (g.Key, g.Select(x => x.Row).OrderBy(r => r.Node, StringComparer.Ordinal).ToArray(), g.Select(x => x.Row.Node).Distinct(StringComparer.Ordinal).Count() > 2))
            .ToArray();
        Nodes = list.Select(r => r.Row.Node).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        FirstYear = list.Count == 0 ? 0 : list.Min(r => r.Row.Enter);
        LastYear = Math.Max(coveredUntil, list.Count == 0 ? 0 : list.Max(r => Math.Max(r.Row.Enter, r.Row.Exit)));
    }

    public string Name { get; }

    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    public string? NameOf(string node) => _codes.NameOf(node);

    public IReadOnlyList<Tie> TiesOn(DateOnly day, PartialDatePolicy policy) => TiesIn(day.Year);

    public IReadOnlyList<Tie> AllTies(PartialDatePolicy policy) => YearRuns.AllTies(this, TiesIn, FirstYear, LastYear);

    /// <summary>The ties of year <paramref name="year"/>; dates are years (entry = the later member's entry; end = the year after the earlier exit).</summary>
    public IReadOnlyList<Tie> TiesIn(int year)
    {
        var ties = new List<Tie>();
        var active = new List<(string Node, int Enter, int Exit, int Flags)>();
        foreach (var (group, rows, multilateral) in _groups)
        {
            active.Clear();
            foreach (var r in rows)
            {
                if (r.Enter <= year && (r.Exit == 0 || r.Exit >= year))
                {
                    // Rows of one member (phases) merge: earliest entry, flags OR-ed, open exit wins.
                    if (active.Count > 0 && active[^1].Node == r.Node)
                    {
                        var last = active[^1];
                        active[^1] = (r.Node, Math.Min(last.Enter, r.Enter), last.Exit == 0 || r.Exit == 0 ? 0 : Math.Max(last.Exit, r.Exit), last.Flags | r.Flags);
                    }
                    else
                    {
                        active.Add((r.Node, r.Enter, r.Exit, r.Flags));
                    }
                }
            }

            for (var i = 0; i < active.Count; i++)
            {
                for (var j = i + 1; j < active.Count; j++)
                {
                    var (a, b) = (active[i], active[j]);
                    if (_filter != 0 && ((a.Flags | b.Flags) & _filter) == 0)
                    {
                        continue;
                    }

                    var start = Math.Max(a.Enter, b.Enter);
                    int? endYear = a.Exit == 0 && b.Exit == 0 ? null : a.Exit == 0 ? b.Exit : b.Exit == 0 ? a.Exit : Math.Min(a.Exit, b.Exit);
                    ties.Add(new Tie(a.Node, b.Node, _idPrefix + group, _type, Layer.Alliance, multilateral)
                    {
                        InForce = start.ToString(CultureInfo.InvariantCulture),
                        Ended = endYear is { } e ? (e + 1).ToString(CultureInfo.InvariantCulture) : null,
                        Start = new DateOnly(start, 1, 1),
                        End = endYear is { } e2 ? new DateOnly(e2 + 1, 1, 1) : null,
                    });
                }
            }
        }

        return ties;
    }
}

/// <summary>
/// A dyad-year dataset (COW by_directed_yearly, DCAD dyadic): a row links two states in its year when one of
/// the selected flag columns is 1; rows of both directions merge.
/// </summary>
internal sealed class DyadYearSource : IDatasetSource
{
    private readonly CowCodes _codes;
    private readonly Dictionary<int, DyadRow[]> _byYear;
    private readonly int _filter;
    private readonly string _type;
    private readonly Layer _layer;
    private readonly string _idPrefix;
    private readonly HashSet<string> _multilateral;

    internal readonly record struct DyadRow(string Group, string A, string B, int Flags);

    public DyadYearSource(string name, string type, Layer layer, string idPrefix, CowCodes codes, IEnumerable<(int Year, DyadRow Row)> rows, int filter, IReadOnlyList<Diagnostic> diagnostics)
    {
        Name = name;
        _type = type;
        _layer = layer;
        _idPrefix = idPrefix;
        _codes = codes;
        _filter = filter;
        Diagnostics = diagnostics;
        var list = rows.ToList();
        _byYear = list.GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.Select(x => x.Row).ToArray());
        Nodes = list.SelectMany(r => new[] { r.Row.A, r.Row.B }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        FirstYear = list.Count == 0 ? 0 : list.Min(r => r.Year);
        LastYear = list.Count == 0 ? 0 : list.Max(r => r.Year);
        _multilateral = list.GroupBy(r => r.Row.Group, StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0 && g.SelectMany(x => new[] { x.Row.A, x.Row.B }).Distinct(StringComparer.Ordinal).Count() > 2)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    public string? NameOf(string node) => _codes.NameOf(node);

    public IReadOnlyList<Tie> TiesOn(DateOnly day, PartialDatePolicy policy) => TiesIn(day.Year);

    public IReadOnlyList<Tie> AllTies(PartialDatePolicy policy) => YearRuns.AllTies(this, TiesIn, FirstYear, LastYear);

    public IReadOnlyList<Tie> TiesIn(int year)
    {
        if (!_byYear.TryGetValue(year, out var rows))
        {
            return [];
        }

        var seen = new HashSet<(string, string, string)>();
        var ties = new List<Tie>();
        foreach (var r in rows)
        {
            if (r.A == r.B || (r.Flags & _filter) == 0)
            {
                continue;
            }

            var (a, b) = string.CompareOrdinal(r.A, r.B) < 0 ? (r.A, r.B) : (r.B, r.A);
            if (seen.Add((r.Group, a, b)))
            {
                var year4 = year.ToString(CultureInfo.InvariantCulture);
                ties.Add(new Tie(a, b, _idPrefix + r.Group, _type, _layer, _multilateral.Contains(r.Group)) { InForce = year4 });
            }
        }

        ties.Sort((x, y) => string.CompareOrdinal(x.AgreementId + "|" + x.A + "|" + x.B, y.AgreementId + "|" + y.A + "|" + y.B));
        return ties;
    }
}

/// <summary>Turns yearly tie sets into one tie per unbroken run of years, for exports over time.</summary>
internal static class YearRuns
{
    public static IReadOnlyList<Tie> AllTies(IDatasetSource source, Func<int, IReadOnlyList<Tie>> tiesIn, int first, int last)
    {
        var open = new Dictionary<(string, string, string), (Tie Tie, int Start, int Last)>();
        var done = new List<(Tie Tie, int Start, int Last)>();
        for (var year = first; year <= last + 1; year++)
        {
            var now = year <= last ? tiesIn(year) : [];
            var present = new HashSet<(string, string, string)>();
            foreach (var t in now)
            {
                var key = (t.AgreementId, t.A, t.B);
                present.Add(key);
                open[key] = open.TryGetValue(key, out var run) ? (run.Tie, run.Start, year) : (t, year, year);
            }

            foreach (var key in open.Keys.Where(k => !present.Contains(k)).ToArray())
            {
                done.Add(open[key]);
                open.Remove(key);
            }
        }

        // A run that reaches the last year stays open when the source says the tie is ongoing then.
        var ongoing = source.TiesOn(new DateOnly(last, 12, 31), PartialDatePolicy.Latest)
            .Where(t => t.End is null)
            .Select(t => (t.AgreementId, t.A, t.B))
            .ToHashSet();
        return done
            .OrderBy(r => r.Start).ThenBy(r => r.Tie.AgreementId, StringComparer.Ordinal).ThenBy(r => r.Tie.A, StringComparer.Ordinal).ThenBy(r => r.Tie.B, StringComparer.Ordinal)
            .Select(r =>
            {
                var openEnded = r.Last == last && ongoing.Contains((r.Tie.AgreementId, r.Tie.A, r.Tie.B)) && source is MemberSource;
                return new Tie(r.Tie.A, r.Tie.B, r.Tie.AgreementId, r.Tie.Type, r.Tie.Layer, r.Tie.Multilateral)
                {
                    InForce = r.Start.ToString(CultureInfo.InvariantCulture),
                    Ended = openEnded ? null : (r.Last + 1).ToString(CultureInfo.InvariantCulture),
                    Start = new DateOnly(r.Start, 1, 1),
                    End = openEnded ? null : new DateOnly(r.Last + 1, 1, 1),
                };
            })
            .ToArray();
    }
}

/// <summary>Orders alliance ids numerically when they are numbers.</summary>
internal sealed class GroupOrder : IComparer<string>
{
    public static readonly GroupOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var xn = long.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a);
        var yn = long.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b);
        return xn && yn ? a.CompareTo(b) : xn ? -1 : yn ? 1 : string.CompareOrdinal(x, y);
    }
}
