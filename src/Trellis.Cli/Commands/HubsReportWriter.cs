using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Trellis.Diagnostics;
using Trellis.Network.Reports;

namespace Trellis.Cli.Commands;

/// <summary>
/// Renders a <see cref="HubsReport"/> to a folder: <c>hubs.md</c>, <c>hubs.html</c> (self-contained: styles and charts
/// inline, nothing fetched), each chart as SVG and PNG, each table's numbers as CSV. Markdown and HTML come from one
/// list of blocks, so they say the same thing.
/// </summary>
internal static class HubsReportWriter
{
    /// <summary>Creates <paramref name="dir"/> and checks a file can be written in it; throws TRL902 otherwise.</summary>
    public static void EnsureWritable(string dir)
    {
        Guard(dir, () =>
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".trellis-write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        });
    }

    private static void Guard(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException([Diagnostic.Error(DiagnosticCodes.OutputNotWritable,
                $"cannot write the report to '{path}': {ex.Message} Name a folder you can write to with --output DIR.", "--output")]);
        }
    }

    /// <summary>Writes every file; returns their names, in the order written.</summary>
    public static IReadOnlyList<string> Write(HubsReport report, string dir)
    {
        var files = new List<string>();
        void Text(string name, string text)
        {
            Guard(Path.Combine(dir, name), () => File.WriteAllText(Path.Combine(dir, name), text, new UTF8Encoding(false)));
            files.Add(name);
        }

        var doc = HubsReportDocument.Build(report);
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case ReportChart c:
                    foreach (var ext in new[] { "svg", "png" })
                    {
                        var file = Path.Combine(dir, $"{c.Name}.{ext}");
                        Guard(file, () => NetworkPlot.Lines(c.Title, c.YLabel, c.Years, c.Series.Select(x => (x.Label, x.Values)).ToArray(), file, c.XLabel));
                        files.Add($"{c.Name}.{ext}");
                    }

                    break;
                case ReportNumbers n:
                    foreach (var f in n.Files)
                    {
                        Text(f.Name, f.Table.ToCsv());
                    }

                    break;
            }
        }

        var blocks = doc.Blocks;
        Text("hubs.md", Markdown(blocks));
        Text("hubs.html", Html(blocks, dir));
        return files;
    }

    private static string Markdown(IReadOnlyList<ReportBlock> blocks)
    {
        var o = new StringBuilder();
        foreach (var b in blocks)
        {
            switch (b)
            {
                case ReportHeading h:
                    o.Append('#', h.Level).Append(' ').AppendLine(h.Text).AppendLine();
                    break;
                case ReportParagraph p:
                    o.AppendLine(p.Text).AppendLine();
                    break;
                case ReportNumbers n:
                    o.AppendLine(n.Text).AppendLine();
                    break;
                case ReportTable t:
                    o.AppendLine("| " + string.Join(" | ", t.Headers) + " |");
                    o.AppendLine("|" + string.Concat(t.Headers.Select(_ => "---|")));
                    foreach (var row in t.Rows)
                    {
                        o.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
                    }

                    o.AppendLine();
                    break;
                case ReportChart c:
                    o.AppendLine($"![{c.Caption}]({c.Name}.svg)").AppendLine();
                    o.AppendLine($"*{c.Caption}* (also `{c.Name}.png`)").AppendLine();
                    break;
            }
        }

        return o.ToString();
    }

    private static string Html(IReadOnlyList<ReportBlock> blocks, string dir)
    {
        var o = new StringBuilder();
        var title = blocks.OfType<ReportHeading>().First().Text;
        o.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        o.AppendLine($"<title>{E(title)}</title>");
        o.AppendLine("<style>body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}" +
                     "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}" +
                     "figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#555}code{background:#f3f3f3;padding:0 .2rem}</style>");
        o.AppendLine("</head><body>");
        foreach (var b in blocks)
        {
            switch (b)
            {
                case ReportHeading h:
                    o.AppendLine($"<h{h.Level}>{E(h.Text)}</h{h.Level}>");
                    break;
                case ReportParagraph p:
                    o.AppendLine($"<p>{Code(E(p.Text))}</p>");
                    break;
                case ReportNumbers n:
                    o.AppendLine($"<p>{Code(E(n.Text))}</p>");
                    break;
                case ReportTable t:
                    o.Append("<table><thead><tr>").Append(string.Concat(t.Headers.Select(x => $"<th>{E(x)}</th>"))).AppendLine("</tr></thead><tbody>");
                    foreach (var row in t.Rows)
                    {
                        o.Append("<tr>").Append(string.Concat(row.Select(x => $"<td>{E(x)}</td>"))).AppendLine("</tr>");
                    }

                    o.AppendLine("</tbody></table>");
                    break;
                case ReportChart c:
                    o.AppendLine($"<figure role=\"img\" aria-label=\"{E(c.Caption)}\">{Inline(File.ReadAllText(Path.Combine(dir, c.Name + ".svg")), c.Name)}");
                    o.AppendLine($"<figcaption>{E(c.Caption)} Files: {c.Name}.svg, {c.Name}.png.</figcaption></figure>");
                    break;
            }
        }

        o.AppendLine("</body></html>");
        return o.ToString();
    }

    /// <summary>
    /// An SVG file as an element of the page: without its XML declaration, scalable (a viewBox from its width and
    /// height), and with its ids prefixed by the chart's name so that two charts' clip paths do not collide.
    /// </summary>
    private static string Inline(string svg, string name)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start >= 0 ? svg[start..] : svg;
        svg = Regex.Replace(svg, "id=\"([^\"]+)\"", m => $"id=\"{name}-{m.Groups[1].Value}\"");
        svg = Regex.Replace(svg, "url\\(#([^)]+)\\)", m => $"url(#{name}-{m.Groups[1].Value})");
        svg = Regex.Replace(svg, "href=\"#([^\"]+)\"", m => $"href=\"#{name}-{m.Groups[1].Value}\"");
        var size = Regex.Match(svg, "^<svg[^>]*?width=\"([0-9.]+)\"[^>]*?height=\"([0-9.]+)\"");
        if (size.Success && !Regex.IsMatch(svg, "^<svg[^>]*viewBox", RegexOptions.None))
        {
            svg = "<svg viewBox=\"0 0 " + size.Groups[1].Value + " " + size.Groups[2].Value + "\"" + svg[4..];
        }

        return svg;
    }

    /// <summary>Turns the Markdown code spans of already escaped text into <c>&lt;code&gt;</c>.</summary>
    private static string Code(string escaped)
    {
        var parts = escaped.Split('`');
        var o = new StringBuilder(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            o.Append(i % 2 == 1 ? "<code>" : "</code>").Append(parts[i]);
        }

        return parts.Length % 2 == 0 ? escaped : o.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
