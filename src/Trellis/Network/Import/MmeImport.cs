using System.Globalization;
using System.Text;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network.Import;

public static partial class Importers
{
    /// <summary>The column that tells the exercise-per-row form: the first participant slot.</summary>
    private const string MmeFirstSlot = "StateA";

    /// <summary>The largest window, in years, of <c>--window</c>.</summary>
    public const int MaxWindow = 100;

    /// <summary>
    /// The Multinational Military Exercises dataset (MME v7), in either of its public forms, told apart by the header:
    /// <list type="bullet">
    /// <item>one row per exercise (<c>mme_v7.csv</c>): <c>MMEID</c>, the start year <c>s.year</c>, and participant
    /// names in <c>StateA</c> … <c>StateZ</c>, <c>StateAA</c> … <c>StateAM</c>;</item>
    /// <item>the long form (<c>mme-v7-long.csv</c>): one row per exercise, participant and year the exercise ran
    /// (<c>MMEID</c>, <c>country</c>, <c>year</c>, and <c>s.year</c> when present).</item>
    /// </list>
    /// An exercise counts once, in its start year (<c>s.year</c>; in a long file without it, its first <c>year</c>), so
    /// both forms give the same counts. The file is read as UTF-8 when it is valid UTF-8 and as Latin-1 otherwise.
    /// Names map to nodes through <paramref name="names"/>: an ISO3 code, or the COW code through the states table
    /// (<c>COW:ccode</c> when it has none, warning TRL304). A name the table lacks, one it reviews as not a state, and the
    /// missing-value code <c>-9</c> are each reported once (TRL309) with the number of exercises and their lines; those
    /// exercises' other pairs still count.
    /// </summary>
    /// <param name="window">Years a snapshot counts back: on a day in year Y, exercises that started in Y − window + 1 … Y.</param>
    public static LoadResult<ExerciseSource> Mme(string path, IEnumerable<State> states, MmeNames names, int window = 1)
    {
        var diagnostics = new List<Diagnostic>();
        var display = RegistryLoader.Display(path);
        if (window < 1 || window > MaxWindow)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"--window {window}: give a number of years from 1 to {MaxWindow}", "--window"));
            return new(null, diagnostics);
        }

        if (!DataFile.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile, "the dataset file does not exist: check the path after the source kind (mme:FILE)", display));
            return new(null, diagnostics);
        }

        if (DataFile.ReadBytes(path, display, diagnostics, DataFile.MaxDatasetBytes) is not { } bytes)
        {
            return new(null, diagnostics);
        }

        var (text, encoding) = DecodeDataset(bytes.Span);
        var table = CsvTable.FromText(text, display, diagnostics);
        if (table is null || diagnostics.Count > 0)
        {
            return new(null, diagnostics);
        }

        var states1 = states.ToArray();
        var mapper = new ParticipantMapper(names, new CowCodes(states1));
        List<DatasetExercise>? exercises;
        string form;
        if (table.Has("MMEID") && table.Has(MmeFirstSlot))
        {
            form = "exercise";
            exercises = ReadWide(table, mapper, diagnostics);
        }
        else if (table.Has("MMEID") && table.Has("country"))
        {
            form = "long";
            exercises = ReadLong(table, mapper, diagnostics);
        }
        else
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnexpectedColumn,
                "this is neither form of the MME dataset: the exercise file has MMEID, s.year and StateA … StateAM (mme_v7.csv); " +
                "the long form has MMEID, country and year (mme-v7-long.csv)", display, 1));
            return new(null, diagnostics);
        }

        if (exercises is null || diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new(null, diagnostics);
        }

        diagnostics.AddRange(mapper.Warnings(display));
        diagnostics.AddRange(mapper.Codes.Warnings(display, RegistryLoader.StatesFile));
        var names1 = states1.ToDictionary(s => s.Iso3, s => s.Name, StringComparer.Ordinal);
        return new(new ExerciseSource("mme:" + display, exercises, window, form, encoding,
            node => names1.TryGetValue(node, out var n) ? n : mapper.Codes.NameOf(node), diagnostics.Where(d => d.Severity == Severity.Warning).ToArray()), diagnostics);
    }

    /// <summary>The text of a dataset file: UTF-8 when the bytes are valid UTF-8 (a byte-order mark dropped), else Latin-1 (ISO 8859-1), which reads any byte.</summary>
    public static (string Text, string Encoding) DecodeDataset(ReadOnlySpan<byte> bytes)
    {
        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        return System.Text.Unicode.Utf8.IsValid(body) ? (Encoding.UTF8.GetString(body), "UTF-8") : (Encoding.Latin1.GetString(bytes), "Latin-1");
    }

    private static List<DatasetExercise>? ReadWide(CsvTable table, ParticipantMapper mapper, List<Diagnostic> diagnostics)
    {
        if (!table.CheckColumns("the MME exercise file", ["MMEID", "s.year", MmeFirstSlot], null, diagnostics))
        {
            return null;
        }

        var slots = table.Header.Select((h, i) => (h, i)).Where(c => IsSlot(c.h)).Select(c => c.i).ToArray();
        int id = table.IndexOf("MMEID"), year = table.IndexOf("s.year");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var exercises = new List<DatasetExercise>();
        foreach (var (line, cells) in table.Rows)
        {
            var mmeid = table.Text(cells, id);
            if (mmeid.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, "'MMEID' is empty: every exercise has its id", table.File, line));
                continue;
            }

            if (!seen.TryAdd(mmeid, line))
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.InvalidCell,
                    $"exercise '{mmeid}' is here again (first at line {seen[mmeid]}): the exercise file has one row per exercise, so this row is left out", table.File, line));
                continue;
            }

            if (Year(table, cells, year, line, diagnostics) is not { } y)
            {
                continue;
            }

            var nodes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var slot in slots)
            {
                var name = table.Text(cells, slot);
                if (name.Length > 0 && name != "NA" && mapper.Node(name, mmeid, line) is { } node)
                {
                    nodes.Add(node);
                }
            }

            exercises.Add(new DatasetExercise(mmeid, y, nodes.ToArray(), line));
        }

        return exercises;
    }

    private static List<DatasetExercise>? ReadLong(CsvTable table, ParticipantMapper mapper, List<Diagnostic> diagnostics)
    {
        var startColumn = table.Has("s.year") ? "s.year" : "year";
        if (!table.CheckColumns("the MME long form", ["MMEID", "country", startColumn], null, diagnostics))
        {
            return null;
        }

        int id = table.IndexOf("MMEID"), country = table.IndexOf("country"), year = table.IndexOf(startColumn);
        var byId = new Dictionary<string, (int Year, SortedSet<string> Nodes, int Line)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (line, cells) in table.Rows)
        {
            var mmeid = table.Text(cells, id);
            if (mmeid.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell, "'MMEID' is empty: every row names its exercise", table.File, line));
                continue;
            }

            if (Year(table, cells, year, line, diagnostics) is not { } y)
            {
                continue;
            }

            if (!byId.TryGetValue(mmeid, out var exercise))
            {
                exercise = (y, new SortedSet<string>(StringComparer.Ordinal), line);
                order.Add(mmeid);
            }

            exercise.Year = Math.Min(exercise.Year, y);
            var name = table.Text(cells, country);
            if (name.Length > 0 && name != "NA" && mapper.Node(name, mmeid, line) is { } node)
            {
                exercise.Nodes.Add(node);
            }

            byId[mmeid] = exercise;
        }

        return order.Select(k => new DatasetExercise(k, byId[k].Year, byId[k].Nodes.ToArray(), byId[k].Line)).ToList();
    }

    /// <summary>A participant slot column: <c>StateA</c> … <c>StateZ</c>, <c>StateAA</c> … (letters only after <c>State</c>).</summary>
    private static bool IsSlot(string column) =>
        column.Length is 6 or 7 && column.StartsWith("State", StringComparison.OrdinalIgnoreCase) && column[5..].All(char.IsAsciiLetter);

    /// <summary>
    /// An exercise's year: a four-digit year; the missing-value codes (<c>-9</c>, <c>NA</c>, empty) leave the exercise out
    /// with a warning (TRL303); anything else is an error (TRL303) at its line.
    /// </summary>
    private static int? Year(CsvTable table, string[] cells, int column, int line, List<Diagnostic> diagnostics)
    {
        var text = table.Text(cells, column);
        if (text is "" or "-9" or "NA" or ".")
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.InvalidCell,
                $"'{table.Header[column]}' is {(text.Length == 0 ? "empty" : $"'{text}'")} (year unknown): this exercise is left out of every year", table.File, line));
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1000 and <= 9999)
        {
            return year;
        }

        // Some exports write whole numbers as 1980.0.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d is >= 1000 and <= 9999)
        {
            return (int)d;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidCell,
            $"'{table.Header[column]}' is '{text}': it needs a four-digit year (or -9 when unknown)", table.File, line));
        return null;
    }
}

/// <summary>Maps participant names to nodes and remembers, per name left out, the exercises and lines it was left out of.</summary>
internal sealed class ParticipantMapper(MmeNames names, CowCodes codes)
{
    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string Name, MmeName? Row, HashSet<string> Exercises, List<int> Lines)> _leftOut = new(StringComparer.Ordinal);

    public CowCodes Codes { get; } = codes;

    /// <summary>The node of <paramref name="name"/>, or null (remembered for the warnings) when it maps to no state.</summary>
    public string? Node(string name, string exercise, int line)
    {
        if (!_cache.TryGetValue(name, out var node))
        {
            var row = name == MmeNames.MissingValue ? null : names.Find(name);
            node = row switch
            {
                { Iso3: { } iso3 } => iso3,
                { Cow: { } cow } => Codes.Node(cow, row.Name),
                _ => null,
            };
            _cache[name] = node;
        }

        if (node is null)
        {
            var key = name == MmeNames.MissingValue ? name : MmeNames.Key(name);
            if (!_leftOut.TryGetValue(key, out var entry))
            {
                entry = (name, name == MmeNames.MissingValue ? null : names.Find(name), new HashSet<string>(StringComparer.Ordinal), []);
                _leftOut[key] = entry;
            }

            if (entry.Exercises.Add(exercise))
            {
                entry.Lines.Add(line);
            }
        }

        return node;
    }

    /// <summary>One TRL309 warning per name left out, at its first line, with its count and up to ten lines.</summary>
    public IEnumerable<Diagnostic> Warnings(string file)
    {
        foreach (var (key, (name, row, exercises, lines)) in _leftOut)
        {
            var where = $"{exercises.Count} exercise{(exercises.Count == 1 ? "" : "s")} (line{(lines.Count == 1 ? "" : "s")} " +
                string.Join(", ", lines.Take(10)) + (lines.Count > 10 ? $" and {lines.Count - 10} more" : "") + ")";
            var what = key == MmeNames.MissingValue
                ? $"the missing-value code -9 stands for a participant in {where}: the pairs with that participant are unknown and not counted"
                : row is null
                    ? $"participant '{name}' is not in the reviewed name table {names.File}: left out of {where}; add the name (with its ISO3 or COW code) to map it"
                    : $"participant '{row.Name}' is reviewed as not a state or without a sourced code ({names.File}:{row.Line}): left out of {where}";
            yield return Diagnostic.Warning(DiagnosticCodes.UnmappedName, what, file, lines[0]);
        }
    }
}
