using System.Globalization;
using System.Text;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network.Import;

/// <summary>What the reviewed table says about one participant name.</summary>
/// <param name="Name">The name as the table spells it.</param>
/// <param name="Iso3">The ISO3 code; null when the name has none.</param>
/// <param name="Cow">The COW state code, used (through the states table) when <paramref name="Iso3"/> is null.</param>
/// <param name="Confidence">The row's confidence: <c>high</c>, <c>medium</c> or <c>low</c>.</param>
/// <param name="Note">Why the row says what it says, when it is a judgement.</param>
/// <param name="Line">The row's line in the table file.</param>
public sealed record MmeName(string Name, string? Iso3, int? Cow, string Confidence, string Note, int Line)
{
    /// <summary>True when the row maps the name to a node (an ISO3 code or a COW code).</summary>
    public bool IsState => Iso3 is not null || Cow is not null;
}

/// <summary>
/// The project's reviewed table from the Multinational Military Exercises dataset's participant names to ISO3
/// (<c>data/datasets/mme-country-names.tsv</c>: tab-separated <c>name, iso3, cow, confidence, note</c>, <c># </c> comments).
/// Names match without regard to case, runs of spaces, apostrophe style (<c>’</c>, <c>'</c>, and the Windows-1252 byte
/// 0x92 read as Latin-1) or Unicode normal form; a name whose Latin-1 reading is UTF-8 bytes (<c>CÃ´te</c>) is also
/// tried as what those bytes spell (<c>Côte</c>).
/// </summary>
public sealed class MmeNames
{
    /// <summary>Where the table lives under the data folder.</summary>
    public const string RelativePath = "datasets/mme-country-names.tsv";

    /// <summary>The dataset's missing-value code in a participant slot.</summary>
    public const string MissingValue = "-9";

    private static readonly string[] Columns = ["name", "iso3", "cow", "confidence", "note"];

    private readonly Dictionary<string, MmeName> _byKey;

    private MmeNames(string file, Dictionary<string, MmeName> byKey)
    {
        File = file;
        _byKey = byKey;
    }

    /// <summary>The table file as shown in diagnostics.</summary>
    public string File { get; }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<MmeName> Rows => _byKey.Values.OrderBy(r => r.Line).ToArray();

    /// <summary>The row for <paramref name="name"/> as written in the dataset, or null when the table lacks it.</summary>
    public MmeName? Find(string name)
    {
        if (_byKey.TryGetValue(Key(name), out var row))
        {
            return row;
        }

        return Repaired(name) is { } fixedName && _byKey.TryGetValue(Key(fixedName), out row) ? row : null;
    }

    /// <summary>Reads the table under <paramref name="dataDirectory"/>; null (with diagnostics) when it is missing or has a bad row.</summary>
    public static MmeNames? Load(string? dataDirectory, IEnumerable<State> states, List<Diagnostic> diagnostics)
    {
        if (dataDirectory is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                $"the reviewed name table {RelativePath} is read from the data folder, and this registry has none: pass --data DIR", RelativePath));
            return null;
        }

        var path = Path.Combine(dataDirectory, RelativePath);
        var display = RegistryLoader.Display(path);
        if (DataFile.ReadText(path, display, diagnostics) is not { } text)
        {
            return null;
        }

        return Parse(text, display, states, diagnostics);
    }

    /// <summary>Parses the table's text; null (with TRL310 diagnostics at their lines) on a bad row.</summary>
    public static MmeNames? Parse(string text, string display, IEnumerable<State> states, List<Diagnostic> diagnostics)
    {
        var known = states.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var byKey = new Dictionary<string, MmeName>(StringComparer.Ordinal);
        var errors = diagnostics.Count;
        var header = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i + 1;
            var raw = lines[i].TrimEnd('\r');
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var cells = raw.Split('\t');
            if (!header)
            {
                if (!cells.Select(c => c.Trim()).SequenceEqual(Columns))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable,
                        $"the header should be the tab-separated columns {string.Join(", ", Columns)}", display, line));
                    return null;
                }

                header = true;
                continue;
            }

            if (cells.Length != Columns.Length)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable,
                    $"the row has {cells.Length} tab-separated cells, not {Columns.Length} ({string.Join(", ", Columns)})", display, line));
                continue;
            }

            var name = cells[0].Trim();
            var iso3 = cells[1].Trim();
            var cowText = cells[2].Trim();
            var confidence = cells[3].Trim();
            int? cow = null;
            if (name.Length == 0 || name == MissingValue)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable,
                    name.Length == 0 ? "the row has no name" : "-9 is the dataset's missing-value code, not a name: the importer reports it itself", display, line));
                continue;
            }

            if (iso3.Length > 0 && !known.Contains(iso3))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable,
                    $"'{name}' maps to '{iso3}', which is not a state in {RegistryLoader.StatesFile}: use an ISO3 code of the states table, or leave iso3 blank and give the COW code", display, line));
                continue;
            }

            if (cowText.Length > 0)
            {
                if (!int.TryParse(cowText, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c <= 0)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable, $"cow is '{cowText}': it needs a COW state code (a positive whole number) or nothing", display, line));
                    continue;
                }

                cow = c;
            }

            if (confidence is not ("high" or "medium" or "low"))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable, $"confidence is '{confidence}': use high, medium or low", display, line));
                continue;
            }

            var row = new MmeName(name, iso3.Length == 0 ? null : iso3, cow, confidence, cells[4].Trim(), line);
            if (!byKey.TryAdd(Key(name), row))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable,
                    $"'{name}' is already in the table at line {byKey[Key(name)].Line} (names match ignoring case, spaces and apostrophe style): keep one row", display, line));
            }
        }

        if (!header)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidNameTable, $"the table has no header row ({string.Join(", ", Columns)})", display));
            return null;
        }

        return diagnostics.Skip(errors).Any(d => d.Severity == Severity.Error) ? null : new MmeNames(display, byKey);
    }

    /// <summary>The form names are compared in: NFC, lower case, single spaces, one apostrophe.</summary>
    public static string Key(string name)
    {
        var text = name.Normalize(NormalizationForm.FormC);
        var b = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space && b.Length > 0)
            {
                b.Append(' ');
            }

            space = false;
            b.Append(ch is '\u2019' or '\u2018' or '\u02BC' or '\u0092' or '\u0091' or '`' or '\u00B4' ? '\'' : char.ToLowerInvariant(ch));
        }

        return b.ToString();
    }

    /// <summary>What <paramref name="name"/> spells when its characters are UTF-8 bytes read as Latin-1 (mojibake); null when they are not.</summary>
    public static string? Repaired(string name)
    {
        if (!name.Any(c => c is >= '\u0080' and <= '\u00FF') || name.Any(c => c > '\u00FF'))
        {
            return null;
        }

        var bytes = Encoding.Latin1.GetBytes(name);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }
}
