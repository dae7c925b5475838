using System.Globalization;
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
    private abstract record Block;

    private sealed record Heading(int Level, string Text) : Block;

    private sealed record Para(string Text) : Block;

    private sealed record Table(string[] Headers, List<string[]> Rows) : Block;

    private sealed record Chart(string Name, string Caption) : Block;

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

        void Plot(string name, string title, string yLabel, IReadOnlyList<int> years, IReadOnlyList<(string, IReadOnlyList<double>)> series, string xNote)
        {
            foreach (var ext in new[] { "svg", "png" })
            {
                var file = Path.Combine(dir, $"{name}.{ext}");
                Guard(file, () => NetworkPlot.Lines(title, yLabel, years, series, file, $"year ({xNote})"));
                files.Add($"{name}.{ext}");
            }
        }

        var r = report.Request;
        var s = report.Series;
        var day = Iso(r.AsOf);
        var monthDay = r.AsOf.ToString("MM-dd", CultureInfo.InvariantCulture);
        var registryNote = $"Trellis registry, snapshots on {monthDay} of each year, as of {day}";
        var blocks = new List<Block>
        {
            new Heading(1, $"Hubs and spokes: is the {r.Hub} system becoming a web? (as of {day})"),
            new Para($"Data: the Trellis registry at `{report.Source}` ({report.AgreementCount} agreements, {report.StateCount} states), every layer, " +
                     $"snapshots on {monthDay} of each year from {r.From} to {r.AsOf.Year} (the last is the as-of day, {day}). " +
                     $"Betweenness is normalised (NetworkX's definition, docs/network.md). \"Without the {r.Hub}\" leaves out the {r.Hub} and every agreement it is a party to. " +
                     $"A spoke is a state with an alliance-layer tie to the {r.Hub}; a spoke is a hub among spokes when its betweenness without the {r.Hub} exceeds {Num(s.Threshold)}."),
        };

        // 1. Hub measures over time.
        var followed = r.States;
        blocks.Add(new Heading(2, $"1. {string.Join(", ", followed)}: hub measures over time"));
        var last = followed.Select(st => s.Of(st)[^1]).ToArray();
        blocks.Add(new Para($"On {day}: " + string.Join("; ", last.Select(m =>
            $"{m.State} betweenness {Num(m.Betweenness)}, without the {r.Hub} {Num(m.BetweennessWithoutHub)}, linked to {(m.TiesAmongSpokes is { } t ? t.ToString(CultureInfo.InvariantCulture) : "-")} of the other {s.Interconnection[^1].Spokes - 1} {r.Hub} spokes" +
            (m.BetweennessWithoutHub is null ? $" (not a {r.Hub} spoke that day)" : m.IsHubAmongSpokes ? " — a hub among the spokes" : " — not a hub among the spokes"))) + $" (source: {registryNote})."));
        Plot("betweenness", $"betweenness, {r.From}–{r.AsOf.Year}", "normalised betweenness", s.Years,
            followed.Select(st => (st, (IReadOnlyList<double>)s.Of(st).Select(m => m.Betweenness).ToArray())).ToArray(), registryNote);
        blocks.Add(new Chart("betweenness", $"Betweenness in the whole graph. Source: {registryNote}."));
        Plot("betweenness-without-hub", $"betweenness without the {r.Hub}, {r.From}–{r.AsOf.Year}", "normalised betweenness", s.Years,
            followed.Select(st => (st, (IReadOnlyList<double>)s.Of(st).Select(m => m.BetweennessWithoutHub ?? 0).ToArray())).ToArray(), registryNote);
        blocks.Add(new Chart("betweenness-without-hub", $"Betweenness without the {r.Hub} and its agreements (0 in a year the state is not a spoke). Source: {registryNote}."));
        Plot("ties-among-spokes", $"ties among {r.Hub} spokes, {r.From}–{r.AsOf.Year}", "other spokes linked", s.Years,
            followed.Select(st => (st, (IReadOnlyList<double>)s.Of(st).Select(m => (double)(m.TiesAmongSpokes ?? 0)).ToArray())).ToArray(), registryNote);
        blocks.Add(new Chart("ties-among-spokes", $"How many other {r.Hub} spokes each is linked to without the {r.Hub}. Source: {registryNote}."));
        var measures = new Table(["year", "day", "state", "betweenness", "betweennessWithoutHub", "tiesAmongSpokes", "hubAmongSpokes"], []);
        foreach (var m in s.Measures)
        {
            measures.Rows.Add([m.Year.ToString(CultureInfo.InvariantCulture), Iso(m.Day), m.State, R(m.Betweenness), R(m.BetweennessWithoutHub),
                m.TiesAmongSpokes?.ToString(CultureInfo.InvariantCulture) ?? "", m.IsHubAmongSpokes ? "yes" : "no"]);
        }

        Text("hub-measures.csv", Csv(measures));
        blocks.Add(new Para($"Numbers: `hub-measures.csv` (one row per state and year; empty when the state is not a spoke). Source: {registryNote}."));

        // 2. Spoke interconnection without the hub.
        blocks.Add(new Heading(2, $"2. {r.Hub} spokes linked to each other without the {r.Hub}"));
        var now = s.Interconnection[^1];
        var then = s.Interconnection[0];
        blocks.Add(new Para($"On {day}, {now.LinkedPairs} of the {now.SpokePairs} pairs of the {now.Spokes} {r.Hub} spokes are linked without the {r.Hub} " +
                            $"(interconnection {Num(now.Interconnection)}), against {then.LinkedPairs} of {then.SpokePairs} ({Num(then.Interconnection)}) on {Iso(then.Day)}. " +
                            $"Hubs among the spokes on {day}: {(now.HubsAmongSpokes.Count == 0 ? "none" : string.Join(", ", now.HubsAmongSpokes))} (source: {registryNote})."));
        Plot("interconnection", $"{r.Hub} spoke interconnection without the {r.Hub}, {r.From}–{r.AsOf.Year}", "share of spoke pairs linked", s.Years,
            [("interconnection", s.Interconnection.Select(i => i.Interconnection ?? 0).ToArray())], registryNote);
        blocks.Add(new Chart("interconnection", $"Share of pairs of {r.Hub} spokes linked without the {r.Hub} and its agreements. Source: {registryNote}."));
        var inter = new Table(["year", "day", "spokes", "spokePairs", "linkedPairs", "interconnection", "hubsAmongSpokes"], []);
        foreach (var i in s.Interconnection)
        {
            inter.Rows.Add([i.Year.ToString(CultureInfo.InvariantCulture), Iso(i.Day), I(i.Spokes), I(i.SpokePairs), I(i.LinkedPairs), R(i.Interconnection), string.Join(' ', i.HubsAmongSpokes)]);
        }

        Text("spoke-interconnection.csv", Csv(inter));
        blocks.Add(new Para($"Numbers: `spoke-interconnection.csv`. Source: {registryNote}."));

        // 3. What each compared agreement added.
        blocks.Add(new Heading(2, $"3. What {string.Join(" added against what ", r.Agreements)} added"));
        blocks.Add(new Para($"Each agreement's gain on {day} is the network with it minus the network without it (trellis network whatif), and the facilities within " +
                            $"{Num(r.RadiusKm)} km of {r.Point} each party can use only with it (trellis reach, any access type). Source: Trellis registry on {day}."));
        foreach (var id in report.Missing)
        {
            blocks.Add(new Para($"{id}: not in the registry at `{report.Source}`; left out (unknown, not zero)."));
        }

        var gains = new Table(["agreement", "day", "inForce", "measure", "without", "with", "gain"], []);
        var reach = new Table(["agreement", "state", "facility", "name", "host", "distanceKm", "approximate", "confidence"], []);
        foreach (var g in report.Gains)
        {
            var a = g.Agreement;
            blocks.Add(new Heading(3, $"{a.ShortName} ({a.Id})"));
            blocks.Add(new Para($"{a.Title}; parties {string.Join(", ", a.Parties)}; signed {a.Signed?.ToString() ?? "unknown"}, in force {a.InForce?.ToString() ?? "unknown"} " +
                                $"(confidence {a.Confidence.ToString().ToLowerInvariant()}; sources: {string.Join("; ", a.Sources.Select(x => x.Title is null ? x.Url : $"{x.Title} <{x.Url}>"))}). " +
                                (g.InForce ? $"In force on {day}: \"without\" leaves it out." : $"Not in force on {day}: \"with\" counts it as if in force, and it opens no facility (reach counts agreements in force only).")));
            blocks.Add(new Para(g.PairAlreadyTied
                ? $"The parties were already tied on {day} by {string.Join(", ", g.OtherTies)}: the link count and their degrees do not change; only the tie's strength does."
                : $"Nothing else tied the parties on {day}: the agreement adds a link."));
            var rows = new List<(string Measure, double Without, double With)>
            {
                ("links (edges)", g.Without.Edges, g.With.Edges),
                ("density", g.Without.Density, g.With.Density),
                ("transitivity", g.Without.Transitivity, g.With.Transitivity),
                ("betweenness centralisation", g.Without.BetweennessCentralization, g.With.BetweennessCentralization),
            };
            foreach (var p in g.Parties.Append(g.Hub))
            {
                rows.Add(($"{p.State} degree", p.Before?.Degree ?? 0, p.After?.Degree ?? 0));
                rows.Add(($"{p.State} strength", p.Before?.Strength ?? 0, p.After?.Strength ?? 0));
                rows.Add(($"{p.State} betweenness", p.Before?.Betweenness ?? 0, p.After?.Betweenness ?? 0));
                rows.Add(($"{p.State} harmonic closeness", p.Before?.HarmonicCloseness ?? 0, p.After?.HarmonicCloseness ?? 0));
            }

            var table = new Table(["measure", "without", "with", "gain"], []);
            foreach (var (measure, without, with) in rows)
            {
                table.Rows.Add([measure, Num(without), Num(with), Signed(with - without)]);
                gains.Rows.Add([a.Id, day, g.InForce ? "yes" : "no", measure, R(without), R(with), R(with - without)]);
            }

            blocks.Add(table);
            foreach (var rg in g.ReachGains)
            {
                var list = rg.Gained.Count == 0 ? "none" : string.Join("; ", rg.Gained.Select(f =>
                    $"{f.Facility.Name} ({f.Facility.Host}, {Num(Math.Round(f.DistanceKm, 1))} km; position {(f.Facility.Approximate ? "approximate" : "as sourced")}, confidence {f.Facility.Confidence.ToString().ToLowerInvariant()})"));
                blocks.Add(new Para($"{rg.State} forces, within {Num(r.RadiusKm)} km of {r.Point} on {day}: {rg.WithCount} facilities usable with it, {rg.WithoutCount} without; only with it: {list}."));
                foreach (var f in rg.Gained)
                {
                    reach.Rows.Add([a.Id, rg.State, f.Facility.Id, f.Facility.Name, f.Facility.Host, R(Math.Round(f.DistanceKm, 1)),
                        f.Facility.Approximate ? "yes" : "no", f.Facility.Confidence.ToString().ToLowerInvariant()]);
                }
            }
        }

        if (report.Gains.Count == 2)
        {
            var (p, q) = (report.Gains[0], report.Gains[1]);
            blocks.Add(new Para($"In short, on {day}: {p.Agreement.Id} adds {p.With.Edges - p.Without.Edges} link(s) and opens {p.ReachGains.Sum(x => x.Gained.Count)} facility use(s) near {r.Point}; " +
                                $"{q.Agreement.Id} adds {q.With.Edges - q.Without.Edges} link(s) and opens {q.ReachGains.Sum(x => x.Gained.Count)}."));
        }

        Text("agreement-gains.csv", Csv(gains));
        Text("agreement-reach.csv", Csv(reach));
        blocks.Add(new Para($"Numbers: `agreement-gains.csv`, `agreement-reach.csv` (the facilities opened only by each agreement). Source: Trellis registry on {day}."));

        // 4. Exercises.
        var pairs = string.Join(" against ", r.Pairs.Select(x => x.ToString()));
        blocks.Add(new Heading(2, $"4. Exercises: {pairs}"));
        if (report.Interactions.View is { } v)
        {
            var dataNote = $"{v.Source} ({v.Form} form, {v.Encoding}; data {v.FirstYear}–{v.LastYear}{(v.Window > 1 ? $", {v.Window}-year window" : "")})";
            blocks.Add(new Para($"Joint exercises, {v.From}–{v.To}: " + string.Join("; ", v.Pairs.Select(x => $"{x.Pair} {x.Total}")) + $" (source: {dataNote})."));
            Plot("interactions", $"joint exercises per year, {v.From}–{v.To}", "joint exercises", v.Years,
                v.Pairs.Select(x => (x.Pair, (IReadOnlyList<double>)x.Counts.Select(c => (double)c).ToArray())).ToArray(), dataNote);
            blocks.Add(new Chart("interactions", $"Joint exercises per pair and year. Source: {dataNote}."));
            var counts = new Table(["pair", "year", "count"], []);
            foreach (var x in v.Pairs)
            {
                counts.Rows.AddRange(v.Years.Select((y, i) => new[] { x.Pair, y.ToString(CultureInfo.InvariantCulture), I(x.Counts[i]) }));
                counts.Rows.Add([x.Pair, "total", I(x.Total)]);
            }

            Text("interactions.csv", Csv(counts));
            blocks.Add(new Para($"Numbers: `interactions.csv`. Source: {dataNote}."));
        }
        else
        {
            blocks.Add(new Para($"No exercise dataset was given, so this report does not compare {pairs}: the registry holds agreements, not exercises. " +
                                "Run it again with `--source mme:FILE` (the Multinational Military Exercises dataset, docs/network.md) to add the counts."));
        }

        Text("hubs.md", Markdown(blocks));
        Text("hubs.html", Html(blocks, dir));
        return files;
    }

    private static string Markdown(List<Block> blocks)
    {
        var o = new StringBuilder();
        foreach (var b in blocks)
        {
            switch (b)
            {
                case Heading h:
                    o.Append('#', h.Level).Append(' ').AppendLine(h.Text).AppendLine();
                    break;
                case Para p:
                    o.AppendLine(p.Text).AppendLine();
                    break;
                case Table t:
                    o.AppendLine("| " + string.Join(" | ", t.Headers) + " |");
                    o.AppendLine("|" + string.Concat(t.Headers.Select(_ => "---|")));
                    foreach (var row in t.Rows)
                    {
                        o.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
                    }

                    o.AppendLine();
                    break;
                case Chart c:
                    o.AppendLine($"![{c.Caption}]({c.Name}.svg)").AppendLine();
                    o.AppendLine($"*{c.Caption}* (also `{c.Name}.png`)").AppendLine();
                    break;
            }
        }

        return o.ToString();
    }

    private static string Html(List<Block> blocks, string dir)
    {
        var o = new StringBuilder();
        var title = blocks.OfType<Heading>().First().Text;
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
                case Heading h:
                    o.AppendLine($"<h{h.Level}>{E(h.Text)}</h{h.Level}>");
                    break;
                case Para p:
                    o.AppendLine($"<p>{Code(E(p.Text))}</p>");
                    break;
                case Table t:
                    o.Append("<table><thead><tr>").Append(string.Concat(t.Headers.Select(x => $"<th>{E(x)}</th>"))).AppendLine("</tr></thead><tbody>");
                    foreach (var row in t.Rows)
                    {
                        o.Append("<tr>").Append(string.Concat(row.Select(x => $"<td>{E(x)}</td>"))).AppendLine("</tr>");
                    }

                    o.AppendLine("</tbody></table>");
                    break;
                case Chart c:
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

    private static string Csv(Table t)
    {
        var o = new StringBuilder();
        o.AppendLine(string.Join(',', t.Headers));
        foreach (var row in t.Rows)
        {
            o.AppendLine(string.Join(',', row.Select(TextTable.Csv)));
        }

        return o.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string R(double? value) => value is { } v ? R(v) : "";

    private static string Num(double value) => NetworkOptions.Num(value);

    private static string Num(double? value) => NetworkOptions.Num(value);

    private static string Signed(double value) => (value > 0 ? "+" : "") + Num(value);
}
