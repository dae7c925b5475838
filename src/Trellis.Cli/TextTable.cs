namespace Trellis.Cli;

/// <summary>A plain aligned text table, with columns truncated to fit a given width.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the table. Columns in <paramref name="maxWidths"/> (0 = no limit) are cut with '…'.</summary>
    public void Write(TextWriter writer, params int[] maxWidths)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        for (var i = 0; i < widths.Length && i < maxWidths.Length; i++)
        {
            if (maxWidths[i] > 0)
            {
                widths[i] = Math.Min(widths[i], maxWidths[i]);
            }
        }

        WriteRow(writer, headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var parts = cells.Select((c, i) => Fit(c, widths[i]).PadRight(i == cells.Length - 1 ? 0 : widths[i]));
        writer.WriteLine(string.Join("  ", parts).TrimEnd());
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    /// <summary>Escapes one CSV field (RFC 4180).</summary>
    public static string Csv(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Wraps text at <paramref name="width"/> columns with an indent for following lines.</summary>
    public static IEnumerable<string> Wrap(string text, int width, int indent = 0)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var line = new System.Text.StringBuilder();
        var first = true;
        foreach (var word in words)
        {
            var limit = first ? width : width - indent;
            if (line.Length > 0 && line.Length + 1 + word.Length > limit)
            {
                yield return (first ? "" : new string(' ', indent)) + line;
                line.Clear();
                first = false;
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return (first ? "" : new string(' ', indent)) + line;
        }
    }
}
