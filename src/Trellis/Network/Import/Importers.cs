using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network.Import;

/// <summary>
/// Readers for the field's datasets (formats in <c>docs/network.md</c>): ATOP member-level, COW alliances
/// (<c>by_member</c>, <c>by_directed_yearly</c>) and DCAD dyadic CSV, plus Trellis's own edge-list CSV.
/// Every reader checks the header first and names the file and each missing or unexpected column.
/// </summary>
public static partial class Importers
{
    /// <summary>ATOP obligation flags, in bit order.</summary>
    public static readonly IReadOnlyList<string> AtopFlags = ["defense", "offense", "neutral", "nonagg", "consul"];

    /// <summary>COW alliance types as flag columns, in bit order.</summary>
    public static readonly IReadOnlyList<string> CowFlags = ["defense", "neutrality", "nonaggression", "entente"];

    /// <summary>DCAD indicator columns, in bit order; the default is <c>dcaAnyV1</c>.</summary>
    public static readonly IReadOnlyList<string> DcadFlags = ["dcaGeneralV1", "dcaGeneralV2", "dcaSectorV1", "dcaSectorV2", "dcaAnyV1", "dcaAnyV2"];

    private static readonly string[] AtopRequired = ["atopid", "member", "yrent", "yrexit", .. AtopFlags];

    private static readonly string[] CowMemberColumns =
    [
        "version4id", "ccode", "state_name", "all_st_day", "all_st_month", "all_st_year", "all_end_day", "all_end_month",
        "all_end_year", "ss_type", "mem_st_day", "mem_st_month", "mem_st_year", "mem_end_day", "mem_end_month", "mem_end_year",
        "left_censor", "right_censor", "defense", "neutrality", "nonaggression", "entente", "version",
    ];

    private static readonly string[] CowMemberRequired = ["version4id", "ccode", "mem_st_year", "mem_end_year", "right_censor", .. CowFlags];

    private static readonly string[] CowDirectedYearlyColumns =
    [
        "version4id", "ccode1", "state_name1", "ccode2", "state_name2", "dyad_st_day", "dyad_st_month", "dyad_st_year",
        "dyad_end_day", "dyad_end_month", "dyad_end_year", "left_censor", "right_censor", "defense", "neutrality",
        "nonaggression", "entente", "version", "year",
    ];

    private static readonly string[] CowDirectedYearlyRequired = ["ccode1", "ccode2", "year", .. CowFlags];

    private static readonly string[] DcadColumns = ["ccode1", "abbrev1", "ccode2", "abbrev2", "year", .. DcadFlags];

    private static readonly string[] EdgeListColumns = ["source", "target", "agreement", "type", "layer", "multilateral", "signed", "inForce", "ended", "weight"];

    /// <summary>
    /// ATOP member-level CSV (<c>atop5_1m.csv</c>). A member row is active in year Y when <c>yrent ≤ Y</c> and
    /// (<c>yrexit = 0</c> or <c>yrexit ≥ Y</c>); two states are linked in Y when both have an active row in the same
    /// <c>atopid</c>; with <paramref name="flags"/>, a pair is kept when at least one of the two has a selected
    /// obligation flag on an active row. <c>--as-of D</c> reads year D.Year.
    /// </summary>
    public static LoadResult<IDatasetSource> Atop(string path, IEnumerable<State> states, IReadOnlyList<string>? flags = null)
    {
        var diagnostics = new List<Diagnostic>();
        var display = RegistryLoader.Display(path);
        var filter = ParseFlags(flags, AtopFlags, "ATOP", display, diagnostics);
        var table = CsvTable.Read(path, display, diagnostics);
        if (table is null || diagnostics.Count > 0)
        {
            return new(null, diagnostics);
        }

        if (!table.Has("member") || !table.Has("atopid"))
        {
            var hint = table.Has("mem1") ? "this looks like ATOP's dyad-year file (mem1, mem2)"
                : table.Has("statea") ? "this looks like ATOP's directed dyad-year file (stateA, stateB)"
                : table.Has("begyr") ? "this looks like ATOP's alliance-level file (begyr, endyr)"
                : table.Has("ccode") && table.Has("year") ? "this looks like ATOP's state-year file"
                : null;
            if (hint is not null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnexpectedColumn,
                    $"{hint}: Trellis reads ATOP's member-level file (atop5_1m.csv, columns {string.Join(", ", AtopRequired)})", display, 1));
                return new(null, diagnostics);
            }
        }

        if (!table.CheckColumns("ATOP's member-level file", AtopRequired, null, diagnostics))
        {
            return new(null, diagnostics);
        }

        var codes = new CowCodes(states);
        int atopid = table.IndexOf("atopid"), member = table.IndexOf("member"), yrent = table.IndexOf("yrent"), yrexit = table.IndexOf("yrexit");
        var flagColumns = AtopFlags.Select(table.IndexOf).ToArray();
        var rows = new List<(string, MemberSource.MemberRow)>();
        foreach (var (line, cells) in table.Rows)
        {
            var id = table.Int(cells, atopid, line, diagnostics);
            var code = table.Int(cells, member, line, diagnostics);
            var enter = table.Int(cells, yrent, line, diagnostics);
            var exit = table.Int(cells, yrexit, line, diagnostics, required: false) ?? 0;
            var bits = Bits(table, cells, flagColumns, line, diagnostics);
            if (id is null || code is null || enter is null)
            {
                continue;
            }

            rows.Add((id.Value.ToString(CultureInfo.InvariantCulture), new MemberSource.MemberRow(codes.Node(code.Value, null), enter.Value, Math.Max(exit, 0), bits)));
        }

        return Done(diagnostics, codes, display, () => new MemberSource("atop:" + display, "atop", "atop:", codes, rows, filter, Warnings(diagnostics)));
    }

    /// <summary>
    /// COW Formal Alliances v4.1, <c>by_member</c> or <c>by_directed_yearly</c> (told apart by the header).
    /// <c>by_member</c>: a member is active in year Y when <c>mem_st_year ≤ Y</c> and (<c>mem_end_year ≥ Y</c>, or the
    /// row is right-censored — ongoing when the data end — or has no end year); pairs as for ATOP, by
    /// <c>version4id</c>. <c>by_directed_yearly</c>: a row links its two states in its <c>year</c>.
    /// </summary>
    public static LoadResult<IDatasetSource> Cow(string path, IEnumerable<State> states, IReadOnlyList<string>? flags = null)
    {
        var diagnostics = new List<Diagnostic>();
        var display = RegistryLoader.Display(path);
        var filter = ParseFlags(flags, CowFlags, "COW alliances", display, diagnostics);
        var table = CsvTable.Read(path, display, diagnostics);
        if (table is null || diagnostics.Count > 0)
        {
            return new(null, diagnostics);
        }

        var codes = new CowCodes(states);
        if (table.Has("ccode1") || table.Has("ccode2"))
        {
            if (!table.Has("year"))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingColumn,
                    "the column 'year' is missing: this looks like COW's by_directed or by_dyad file; Trellis reads alliance_v4.1_by_directed_yearly.csv or alliance_v4.1_by_member.csv", display, 1));
                return new(null, diagnostics);
            }

            if (!table.CheckColumns("COW's by_directed_yearly file", CowDirectedYearlyRequired, CowDirectedYearlyColumns, diagnostics))
            {
                return new(null, diagnostics);
            }

            int c1 = table.IndexOf("ccode1"), c2 = table.IndexOf("ccode2"), year = table.IndexOf("year"), group = table.IndexOf("version4id");
            int n1 = table.IndexOf("state_name1"), n2 = table.IndexOf("state_name2");
            var flagColumns = CowFlags.Select(table.IndexOf).ToArray();
            var rows = new List<(int, DyadYearSource.DyadRow)>();
            foreach (var (line, cells) in table.Rows)
            {
                var a = table.Int(cells, c1, line, diagnostics);
                var b = table.Int(cells, c2, line, diagnostics);
                var y = table.Int(cells, year, line, diagnostics);
                var bits = Bits(table, cells, flagColumns, line, diagnostics);
                if (a is null || b is null || y is null)
                {
                    continue;
                }

                rows.Add((y.Value, new DyadYearSource.DyadRow(group < 0 ? "dyad" : table.Text(cells, group),
                    codes.Node(a.Value, table.Text(cells, n1)), codes.Node(b.Value, table.Text(cells, n2)), bits)));
            }

            return Done(diagnostics, codes, display, () => new DyadYearSource("cow:" + display, "cow", Layer.Alliance, "cow:", codes, rows,
                filter == 0 ? AllBits(CowFlags) : filter, Warnings(diagnostics)));
        }

        if (!table.Has("ccode") && table.Has("version4id"))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnexpectedColumn,
                "this COW file has no state code column (ccode or ccode1): Trellis reads alliance_v4.1_by_member.csv or alliance_v4.1_by_directed_yearly.csv", display, 1));
            return new(null, diagnostics);
        }

        if (!table.CheckColumns("COW's by_member file", CowMemberRequired, CowMemberColumns, diagnostics))
        {
            return new(null, diagnostics);
        }

        {
            int group = table.IndexOf("version4id"), ccode = table.IndexOf("ccode"), name = table.IndexOf("state_name");
            int start = table.IndexOf("mem_st_year"), end = table.IndexOf("mem_end_year"), censor = table.IndexOf("right_censor");
            var flagColumns = CowFlags.Select(table.IndexOf).ToArray();
            var rows = new List<(string, MemberSource.MemberRow)>();
            var coveredUntil = 0;
            foreach (var (line, cells) in table.Rows)
            {
                var id = table.Text(cells, group);
                var code = table.Int(cells, ccode, line, diagnostics);
                var enter = table.Int(cells, start, line, diagnostics);
                var exit = table.Int(cells, end, line, diagnostics, required: false);
                var censored = table.Flag(cells, censor, line, diagnostics);
                var bits = Bits(table, cells, flagColumns, line, diagnostics);
                if (id.Length == 0)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, "'version4id' is empty: every row names its alliance", display, line));
                    continue;
                }

                if (code is null || enter is null)
                {
                    continue;
                }

                var open = censored || exit is null or <= 0;
                coveredUntil = Math.Max(coveredUntil, exit ?? 0);
                rows.Add((id, new MemberSource.MemberRow(codes.Node(code.Value, table.Text(cells, name)), enter.Value, open ? 0 : exit!.Value, bits)));
            }

            return Done(diagnostics, codes, display, () => new MemberSource("cow:" + display, "cow", "cow:", codes, rows, filter, Warnings(diagnostics), coveredUntil));
        }
    }

    /// <summary>
    /// DCAD dyadic CSV (<c>DCAD-v1.0-dyadic.csv</c>): a row links its two states in its <c>year</c> when a selected
    /// indicator is 1 (default <c>dcaAnyV1</c>: any DCA, strict coding). Ties are in the arrangement layer, type <c>dca</c>.
    /// </summary>
    public static LoadResult<IDatasetSource> Dcad(string path, IEnumerable<State> states, IReadOnlyList<string>? flags = null)
    {
        var diagnostics = new List<Diagnostic>();
        var display = RegistryLoader.Display(path);
        var filter = ParseFlags(flags is { Count: > 0 } ? flags : ["dcaAnyV1"], DcadFlags, "DCAD", display, diagnostics);
        var table = CsvTable.Read(path, display, diagnostics);
        if (table is null || diagnostics.Count > 0)
        {
            return new(null, diagnostics);
        }

        var required = new[] { "ccode1", "ccode2", "year" }.Concat(DcadFlags.Where((_, i) => (filter & (1 << i)) != 0)).ToArray();
        if (!table.CheckColumns("DCAD's dyadic file", required, DcadColumns, diagnostics))
        {
            return new(null, diagnostics);
        }

        var codes = new CowCodes(states);
        int c1 = table.IndexOf("ccode1"), c2 = table.IndexOf("ccode2"), year = table.IndexOf("year");
        int a1 = table.IndexOf("abbrev1"), a2 = table.IndexOf("abbrev2");
        var flagColumns = DcadFlags.Select(table.IndexOf).ToArray();
        var rows = new List<(int, DyadYearSource.DyadRow)>();
        foreach (var (line, cells) in table.Rows)
        {
            var a = table.Int(cells, c1, line, diagnostics);
            var b = table.Int(cells, c2, line, diagnostics);
            var y = table.Int(cells, year, line, diagnostics);
            var bits = Bits(table, cells, flagColumns, line, diagnostics);
            if (a is null || b is null || y is null || (bits & filter) == 0)
            {
                continue;
            }

            rows.Add((y.Value, new DyadYearSource.DyadRow("dyad", codes.Node(a.Value, table.Text(cells, a1)), codes.Node(b.Value, table.Text(cells, a2)), bits)));
        }

        return Done(diagnostics, codes, display, () => new DyadYearSource("dcad:" + display, "dca", Layer.Arrangement, "dcad:", codes, rows, filter, Warnings(diagnostics)));
    }

    /// <summary>
    /// An edge-list CSV, as <c>trellis network export --format csv</c> writes it: <c>source,target</c> and optionally
    /// <c>agreement, type, layer, multilateral, signed, inForce, ended, weight</c>. Without <c>inForce</c> every row is
    /// in force on every day; with it, a row is in force from <c>inForce</c> until <c>ended</c> (exclusive).
    /// </summary>
    public static LoadResult<INetworkSource> EdgeList(string path, IEnumerable<State> states)
    {
        var diagnostics = new List<Diagnostic>();
        var display = RegistryLoader.Display(path);
        var table = CsvTable.Read(path, display, diagnostics);
        if (table is null || diagnostics.Count > 0)
        {
            return new(null, diagnostics);
        }

        if (!table.CheckColumns("an edge list", ["source", "target"], EdgeListColumns, diagnostics))
        {
            return new(null, diagnostics);
        }

        int src = table.IndexOf("source"), dst = table.IndexOf("target"), agreement = table.IndexOf("agreement"), type = table.IndexOf("type");
        int layer = table.IndexOf("layer"), multi = table.IndexOf("multilateral"), signed = table.IndexOf("signed");
        int inForce = table.IndexOf("inForce"), ended = table.IndexOf("ended"), weight = table.IndexOf("weight");
        var rows = new List<(Tie Tie, PartialDate? From, PartialDate? To)>();
        foreach (var (line, cells) in table.Rows)
        {
            var a = table.Text(cells, src);
            var b = table.Text(cells, dst);
            if (a.Length == 0 || b.Length == 0 || a == b)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, "each row needs two different states in 'source' and 'target'", display, line));
                continue;
            }

            var typeName = type < 0 || table.Text(cells, type).Length == 0 ? "link" : table.Text(cells, type);
            var tieLayer = Layer.Arrangement;
            if (layer >= 0 && table.Text(cells, layer).Length > 0)
            {
                if (!AgreementTypes.TryParseLayer(table.Text(cells, layer), out tieLayer))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell,
                        $"'layer' is '{table.Text(cells, layer)}': use alliance, access, logistics, information, industrial, arrangement or exercise", display, line));
                    continue;
                }
            }
            else if (AgreementTypes.TryParse(typeName, out var t))
            {
                tieLayer = t.LayerOf();
            }

            double? w = null;
            if (weight >= 0 && table.Text(cells, weight).Length > 0)
            {
                if (!double.TryParse(table.Text(cells, weight), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !(parsed > 0) || !double.IsFinite(parsed))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, $"'weight' is '{table.Text(cells, weight)}': it needs a positive number", display, line));
                    continue;
                }

                w = parsed;
            }

            PartialDate? from = null, to = null;
            if (!TryDate(table, cells, inForce, line, diagnostics, out from) || !TryDate(table, cells, ended, line, diagnostics, out to))
            {
                continue;
            }

            var id = agreement < 0 || table.Text(cells, agreement).Length == 0 ? $"row-{line}" : table.Text(cells, agreement);
            var isMulti = multi >= 0 && table.Text(cells, multi).Equals("true", StringComparison.OrdinalIgnoreCase);
            rows.Add((new Tie(a, b, id, typeName, tieLayer, isMulti)
            {
                Signed = signed < 0 || table.Text(cells, signed).Length == 0 ? null : table.Text(cells, signed),
                InForce = from?.ToString(),
                Ended = to?.ToString(),
                Weight = w,
            }, from, to));
        }

        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new(null, diagnostics);
        }

        return new(new EdgeListSource("csv:" + display, rows, inForce >= 0, states), diagnostics);
    }

    private static bool TryDate(CsvTable table, string[] cells, int column, int line, List<Diagnostic> diagnostics, out PartialDate? date)
    {
        date = null;
        var text = table.Text(cells, column);
        if (text.Length == 0)
        {
            return true;
        }

        if (PartialDate.TryParse(text, out var d, out var problem))
        {
            date = d;
            return true;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, $"'{table.Header[column]}' is '{text}': {problem}", table.File, line));
        return false;
    }

    private static int ParseFlags(IReadOnlyList<string>? flags, IReadOnlyList<string> names, string dataset, string file, List<Diagnostic> diagnostics)
    {
        var bits = 0;
        foreach (var raw in flags ?? [])
        {
            var flag = raw.Trim();
            var i = names.ToList().FindIndex(n => n.Equals(flag, StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownFlag,
                    $"'{flag}' is not a flag of {dataset}: use {string.Join(", ", names)}", "--flags"));
                continue;
            }

            bits |= 1 << i;
        }

        return bits;
    }

    private static int AllBits(IReadOnlyList<string> names) => (1 << names.Count) - 1;

    private static int Bits(CsvTable table, string[] cells, int[] columns, int line, List<Diagnostic> diagnostics)
    {
        var bits = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            if (table.Flag(cells, columns[i], line, diagnostics))
            {
                bits |= 1 << i;
            }
        }

        return bits;
    }

    private static List<Diagnostic> Warnings(List<Diagnostic> diagnostics) => diagnostics.Where(d => d.Severity == Severity.Warning).ToList();

    private static LoadResult<IDatasetSource> Done(List<Diagnostic> diagnostics, CowCodes codes, string display, Func<IDatasetSource> create)
    {
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new(null, diagnostics);
        }

        diagnostics.AddRange(codes.Warnings(display, RegistryLoader.StatesFile));
        return new(create(), diagnostics);
    }
}

/// <summary>An edge list read from CSV.</summary>
internal sealed class EdgeListSource(string name, List<(Tie Tie, PartialDate? From, PartialDate? To)> rows, bool dated, IEnumerable<State> states) : INetworkSource
{
    private readonly Dictionary<string, string> _names = states.ToDictionary(s => s.Iso3, s => s.Name, StringComparer.Ordinal);

    public string Name { get; } = name;

    public IReadOnlyList<string> Nodes { get; } = rows.SelectMany(r => new[] { r.Tie.A, r.Tie.B }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<Diagnostic> Diagnostics => [];

    public string? NameOf(string node) => _names.GetValueOrDefault(node);

    public IReadOnlyList<Tie> TiesOn(DateOnly day, PartialDatePolicy policy) =>
        rows.Where(r => !dated || ((r.From is null || r.From.Value.IsOnOrBefore(day, policy)) && (r.To is null || !r.To.Value.IsOnOrBefore(day, policy))))
            .Select(r => r.Tie with { Start = r.From?.Resolve(policy), End = r.To?.Resolve(policy) })
            .ToArray();

    public IReadOnlyList<Tie> AllTies(PartialDatePolicy policy) =>
        rows.Select(r => r.Tie with { Start = r.From?.Resolve(policy), End = r.To?.Resolve(policy) }).ToArray();
}
