using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using Trellis.Diagnostics;

namespace Trellis.Network.Import;

/// <summary>
/// A CSV file with a header row (RFC 4180: quoted fields, doubled quotes, commas and line breaks inside quotes),
/// split by Sep; a quote out of place is an error with its line, not part of the value.
/// Column names match without regard to case, since loaders of the field's datasets lower-case them.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string file, string[] header, List<(int Line, string[] Cells)> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i], i);
        }
    }

    /// <summary>The file as shown in diagnostics.</summary>
    public string File { get; }

    public string[] Header { get; }

    /// <summary>Data rows with their 1-based line numbers.</summary>
    public List<(int Line, string[] Cells)> Rows { get; }

    public bool Has(string column) => _columns.ContainsKey(column);

    public int IndexOf(string column) => _columns.TryGetValue(column, out var i) ? i : -1;

    /// <summary>Reads <paramref name="path"/> through <see cref="Registry.DataFile"/>; null (with a diagnostic) when it is missing, unreadable or has no header.</summary>
    public static CsvTable? Read(string path, string display, List<Diagnostic> diagnostics)
    {
        if (!Registry.DataFile.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile, "the dataset file does not exist: check the path after the source kind (atop:FILE)", display));
            return null;
        }

        if (Registry.DataFile.ReadText(path, display, diagnostics, Registry.DataFile.MaxDatasetBytes) is not { } text)
        {
            return null;
        }

        return FromText(text, display, diagnostics);
    }

    /// <summary>The table in <paramref name="text"/> (already decoded); null (with a diagnostic) when it has no header.</summary>
    public static CsvTable? FromText(string text, string display, List<Diagnostic> diagnostics)
    {
        var records = Parse(text, display, diagnostics);
        if (records.Count > 0 && records[0].Line > 1 && diagnostics.Any(d => d.Line == 1 && d.Code == DiagnosticCodes.InvalidCell))
        {
            return null; // the header itself has a stray quote: reported, and no row is read as the header instead
        }
        if (records.Count == 0 || records[0].Cells.All(string.IsNullOrWhiteSpace))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingColumn, "the file is empty: a dataset CSV starts with a header row of column names", display));
            return null;
        }

        var header = records[0].Cells.Select(c => c.Trim().TrimStart('\uFEFF')).ToArray();
        var duplicates = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnexpectedColumn,
                $"the column '{duplicates[0]}' appears twice in the header: a dataset file names each column once", display, 1));
            return null;
        }

        var rows = new List<(int, string[])>();
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Length == 1 && cells[0].Length == 0)
            {
                continue;
            }

            if (cells.Length != header.Length)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell,
                    $"the row has {cells.Length} cells but the header has {header.Length} columns: check quoting and commas", display, line));
                continue;
            }

            rows.Add((line, cells));
        }

        return new CsvTable(display, header, rows);
    }

    /// <summary>
    /// Checks the header: every <paramref name="required"/> column present; when <paramref name="known"/> is given,
    /// no column outside it. Returns false (with diagnostics naming each column) on a problem.
    /// </summary>
    public bool CheckColumns(string format, IReadOnlyList<string> required, IReadOnlyCollection<string>? known, List<Diagnostic> diagnostics)
    {
        var ok = true;
        foreach (var column in required)
        {
            if (!Has(column))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingColumn,
                    $"the column '{column}' is missing: {format} needs {string.Join(", ", required)}", File, 1));
                ok = false;
            }
        }

        if (known is not null)
        {
            var set = new HashSet<string>(known, StringComparer.OrdinalIgnoreCase);
            foreach (var column in Header)
            {
                if (!set.Contains(column))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnexpectedColumn,
                        $"the column '{column}' is not in {format} as documented: check that this is the right file and version", File, 1));
                    ok = false;
                }
            }
        }

        return ok;
    }

    /// <summary>An integer cell; null for an empty or missing-value cell (<c>NA</c>, <c>.</c>); a diagnostic when not a number.</summary>
    public int? Int(string[] cells, int column, int line, List<Diagnostic> diagnostics, bool required = true)
    {
        var text = column < 0 ? "" : cells[column].Trim();
        if (text.Length == 0 || text is "NA" or "." or "na" or "NaN")
        {
            if (required && column >= 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, $"'{Header[column]}' is empty: it needs a whole number", File, line));
            }

            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Stata exports sometimes write whole numbers as 1.0.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
        {
            return (int)d;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, $"'{Header[column]}' is '{text}': it needs a whole number", File, line));
        return null;
    }

    /// <summary>A 0/1 flag cell; empty counts as 0.</summary>
    public bool Flag(string[] cells, int column, int line, List<Diagnostic> diagnostics) =>
        column >= 0 && (Int(cells, column, line, diagnostics, required: false) ?? 0) != 0;

    public string Text(string[] cells, int column) => column < 0 ? "" : cells[column].Trim();

    /// <summary>
    /// Splits <paramref name="text"/> into records with Sep, each with the line it starts on. Sep splits and finds line
    /// numbers; the quoting is checked here, since Sep accepts a quote anywhere: a field is either unquoted with no
    /// quote in it, or wholly quoted with its inner quotes doubled. A record with a stray quote (<c>ab"c</c>, an
    /// unclosed <c>"x</c>) is reported with its line and left out.
    /// </summary>
    private static List<(int Line, string[] Cells)> Parse(string text, string display, List<Diagnostic> diagnostics)
    {
        var records = new List<(int, string[])>();
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).FromText(text);
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var cells = new string[row.ColCount];
            var ok = true;
            for (var i = 0; i < cells.Length && ok; i++)
            {
                ok = TryUnquote(row[i].Span, out cells[i]);
            }

            if (!ok)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell,
                    "a quote inside a field that is not quoted as a whole (or a quote never closed): quote the whole field and double the quotes inside it (\"a \"\"b\"\" c\")",
                    display, line));
                continue;
            }

            records.Add((line, cells));
        }

        return records;
    }

    /// <summary>The value of one raw field (RFC 4180): false when a quote is out of place.</summary>
    private static bool TryUnquote(ReadOnlySpan<char> raw, out string value)
    {
        raw = raw.TrimEnd('\r');
        if (raw.IndexOf('"') < 0)
        {
            value = raw.ToString();
            return true;
        }

        value = "";
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"')
        {
            return false;
        }

        var inner = raw[1..^1];
        var result = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                if (i + 1 >= inner.Length || inner[i + 1] != '"')
                {
                    return false;
                }

                i++;
            }

            result.Append(inner[i]);
        }

        value = result.Replace("\r\n", "\n").ToString();
        return true;
    }
}
