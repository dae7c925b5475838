using System.Globalization;

namespace Trellis.Network.Reports;

/// <summary>One part of a report: what both faces (the CLI's Markdown and HTML files, the web page) render the same way.</summary>
public abstract record ReportBlock;

/// <summary>A heading; level 1 is the report's title.</summary>
public sealed record ReportHeading(int Level, string Text) : ReportBlock;

/// <summary>A paragraph; text between backticks is code (a file name, a path).</summary>
public sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>A table of text cells, shown in the report and written as CSV where it is a <see cref="ReportFile"/>.</summary>
public sealed record ReportTable(IReadOnlyList<string> Headers, List<string[]> Rows) : ReportBlock
{
    /// <summary>The table as CSV (RFC 4180; a header row, then one line per row).</summary>
    public string ToCsv()
    {
        var o = new System.Text.StringBuilder();
        o.AppendLine(string.Join(',', Headers));
        foreach (var row in Rows)
        {
            o.AppendLine(string.Join(',', row.Select(CsvField)));
        }

        return o.ToString();
    }

    private static string CsvField(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>One line of a chart.</summary>
public sealed record ReportSeries(string Label, IReadOnlyList<double> Values);

/// <summary>
/// A line chart over years, as data: each face draws it (the CLI with ScottPlot as SVG and PNG files named
/// <see cref="Name"/>, the web page as inline SVG). <see cref="XLabel"/> names the data and its snapshot day.
/// </summary>
public sealed record ReportChart(string Name, string Caption, string Title, string YLabel, string XLabel, IReadOnlyList<int> Years, IReadOnlyList<ReportSeries> Series)
    : ReportBlock;

/// <summary>A table of numbers the CLI writes as <see cref="Name"/> (CSV).</summary>
public sealed record ReportFile(string Name, ReportTable Table);

/// <summary>Where the numbers are: <see cref="Text"/> names the files; the web page shows the tables themselves.</summary>
public sealed record ReportNumbers(string Text, IReadOnlyList<ReportFile> Files) : ReportBlock;

/// <summary>A report as blocks, in reading order; <see cref="Title"/> is its level-1 heading.</summary>
public sealed record ReportDocument(IReadOnlyList<ReportBlock> Blocks)
{
    public string Title => Blocks.OfType<ReportHeading>().First().Text;

    public IEnumerable<ReportChart> Charts => Blocks.OfType<ReportChart>();

    public IEnumerable<ReportFile> Files => Blocks.OfType<ReportNumbers>().SelectMany(n => n.Files);
}

/// <summary>
/// The sections, sentences, tables and charts of <c>trellis report hubs</c> and of the web page <c>/reports/hubs</c>,
/// built once from a <see cref="HubsReport"/>. Every sentence with a figure names its data and date.
/// </summary>
public static class HubsReportDocument
{
    /// <summary>What the command-line report says to do when it has no exercise dataset.</summary>
    public const string CliExercisesHint = "Run it again with `--source mme:FILE` (the Multinational Military Exercises dataset, docs/network.md) to add the counts.";

    /// <param name="howToAddExercises">The sentence that says how to add an exercise dataset when there is none (each face has its own way; default the CLI's).</param>
    public static ReportDocument Build(HubsReport report, string? howToAddExercises = null)
    {
        var r = report.Request;
        var s = report.Series;
        var day = Iso(r.AsOf);
        var monthDay = r.AsOf.ToString("MM-dd", CultureInfo.InvariantCulture);
        var registryNote = $"Trellis registry, snapshots on {monthDay} of each year, as of {day}";
        var blocks = new List<ReportBlock>
        {
            new ReportHeading(1, $"Hubs and spokes: is the {r.Hub} system becoming a web? (as of {day})"),
            new ReportParagraph($"Data: the Trellis registry at `{report.Source}` ({report.AgreementCount} agreements, {report.StateCount} states), every layer, " +
                     $"snapshots on {monthDay} of each year from {r.From} to {r.AsOf.Year} (the last is the as-of day, {day}). " +
                     $"Betweenness is normalised (NetworkX's definition, docs/network.md). \"Without the {r.Hub}\" leaves out the {r.Hub} and every agreement it is a party to. " +
                     $"A spoke is a state with an alliance-layer tie to the {r.Hub}; a spoke is a hub among spokes when its betweenness without the {r.Hub} exceeds {Num(s.Threshold)}."),
        };

        // 1. Hub measures over time.
        var followed = r.States;
        blocks.Add(new ReportHeading(2, $"1. {string.Join(", ", followed)}: hub measures over time"));
        var last = followed.Select(st => s.Of(st)[^1]).ToArray();
        blocks.Add(new ReportParagraph($"On {day}: " + string.Join("; ", last.Select(m =>
            $"{m.State} betweenness {Num(m.Betweenness)}, without the {r.Hub} {Num(m.BetweennessWithoutHub)}, linked to {(m.TiesAmongSpokes is { } t ? t.ToString(CultureInfo.InvariantCulture) : "-")} of the other {s.Interconnection[^1].Spokes - 1} {r.Hub} spokes" +
            (m.BetweennessWithoutHub is null ? $" (not a {r.Hub} spoke that day)" : m.IsHubAmongSpokes ? " — a hub among the spokes" : " — not a hub among the spokes"))) + $" (source: {registryNote})."));
        blocks.Add(Chart("betweenness", $"Betweenness in the whole graph. Source: {registryNote}.", $"betweenness, {r.From}–{r.AsOf.Year}", "normalised betweenness", s.Years,
            followed.Select(st => (st, (IReadOnlyList<double>)s.Of(st).Select(m => m.Betweenness).ToArray())).ToArray(), registryNote));
        blocks.Add(Chart("betweenness-without-hub", $"Betweenness without the {r.Hub} and its agreements (0 in a year the state is not a spoke). Source: {registryNote}.", $"betweenness without the {r.Hub}, {r.From}–{r.AsOf.Year}", "normalised betweenness", s.Years,
            followed.Select(st => (st, (IReadOnlyList<double>)s.Of(st).Select(m => m.BetweennessWithoutHub ?? 0).ToArray())).ToArray(), registryNote));
        blocks.Add(Chart("ties-among-spokes", $"How many other {r.Hub} spokes each is linked to without the {r.Hub}. Source: {registryNote}.", $"ties among {r.Hub} spokes, {r.From}–{r.AsOf.Year}", "other spokes linked", s.Years,
            followed.Select(st => (st, (IReadOnlyList<double>)s.Of(st).Select(m => (double)(m.TiesAmongSpokes ?? 0)).ToArray())).ToArray(), registryNote));
        var measures = new ReportTable(["year", "day", "state", "betweenness", "betweennessWithoutHub", "tiesAmongSpokes", "hubAmongSpokes"], []);
        foreach (var m in s.Measures)
        {
            measures.Rows.Add([m.Year.ToString(CultureInfo.InvariantCulture), Iso(m.Day), m.State, R(m.Betweenness), R(m.BetweennessWithoutHub),
                m.TiesAmongSpokes?.ToString(CultureInfo.InvariantCulture) ?? "", m.IsHubAmongSpokes ? "yes" : "no"]);
        }

        blocks.Add(new ReportNumbers($"Numbers: `hub-measures.csv` (one row per state and year; empty when the state is not a spoke). Source: {registryNote}.",
            [new ReportFile("hub-measures.csv", measures)]));

        // 2. Spoke interconnection without the hub.
        blocks.Add(new ReportHeading(2, $"2. {r.Hub} spokes linked to each other without the {r.Hub}"));
        var now = s.Interconnection[^1];
        var then = s.Interconnection[0];
        blocks.Add(new ReportParagraph($"On {day}, {now.LinkedPairs} of the {now.SpokePairs} pairs of the {now.Spokes} {r.Hub} spokes are linked without the {r.Hub} " +
                            $"(interconnection {Num(now.Interconnection)}), against {then.LinkedPairs} of {then.SpokePairs} ({Num(then.Interconnection)}) on {Iso(then.Day)}. " +
                            $"Hubs among the spokes on {day}: {(now.HubsAmongSpokes.Count == 0 ? "none" : string.Join(", ", now.HubsAmongSpokes))} (source: {registryNote})."));
        blocks.Add(Chart("interconnection", $"Share of pairs of {r.Hub} spokes linked without the {r.Hub} and its agreements. Source: {registryNote}.", $"{r.Hub} spoke interconnection without the {r.Hub}, {r.From}–{r.AsOf.Year}", "share of spoke pairs linked", s.Years,
            [("interconnection", s.Interconnection.Select(i => i.Interconnection ?? 0).ToArray())], registryNote));
        var inter = new ReportTable(["year", "day", "spokes", "spokePairs", "linkedPairs", "interconnection", "hubsAmongSpokes"], []);
        foreach (var i in s.Interconnection)
        {
            inter.Rows.Add([i.Year.ToString(CultureInfo.InvariantCulture), Iso(i.Day), I(i.Spokes), I(i.SpokePairs), I(i.LinkedPairs), R(i.Interconnection), string.Join(' ', i.HubsAmongSpokes)]);
        }

        blocks.Add(new ReportNumbers($"Numbers: `spoke-interconnection.csv`. Source: {registryNote}.", [new ReportFile("spoke-interconnection.csv", inter)]));

        // 3. What each compared agreement added.
        blocks.Add(new ReportHeading(2, $"3. What {string.Join(" added against what ", r.Agreements)} added"));
        blocks.Add(new ReportParagraph($"Each agreement's gain on {day} is the network with it minus the network without it (trellis network whatif), and the facilities within " +
                            $"{Num(r.RadiusKm)} km of {r.Point} each party can use only with it (trellis reach, any access type). Source: Trellis registry on {day}."));
        foreach (var id in report.Missing)
        {
            blocks.Add(new ReportParagraph($"{id}: not in the registry at `{report.Source}`; left out (unknown, not zero)."));
        }

        var gains = new ReportTable(["agreement", "day", "inForce", "measure", "without", "with", "gain"], []);
        var reach = new ReportTable(["agreement", "state", "facility", "name", "host", "distanceKm", "approximate", "confidence"], []);
        foreach (var g in report.Gains)
        {
            var a = g.Agreement;
            blocks.Add(new ReportHeading(3, $"{a.ShortName} ({a.Id})"));
            blocks.Add(new ReportParagraph($"{a.Title}; parties {string.Join(", ", a.Parties)}; signed {a.Signed?.ToString() ?? "unknown"}, in force {a.InForce?.ToString() ?? "unknown"} " +
                                $"(confidence {a.Confidence.ToString().ToLowerInvariant()}; sources: {string.Join("; ", a.Sources.Select(x => x.Title is null ? x.Url : $"{x.Title} <{x.Url}>"))}). " +
                                (g.InForce ? $"In force on {day}: \"without\" leaves it out." : $"Not in force on {day}: \"with\" counts it as if in force, and it opens no facility (reach counts agreements in force only).")));
            blocks.Add(new ReportParagraph(g.PairAlreadyTied
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

            var table = new ReportTable(["measure", "without", "with", "gain"], []);
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
                blocks.Add(new ReportParagraph($"{rg.State} forces, within {Num(r.RadiusKm)} km of {r.Point} on {day}: {rg.WithCount} facilities usable with it, {rg.WithoutCount} without; only with it: {list}."));
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
            blocks.Add(new ReportParagraph($"In short, on {day}: {p.Agreement.Id} adds {p.With.Edges - p.Without.Edges} link(s) and opens {p.ReachGains.Sum(x => x.Gained.Count)} facility use(s) near {r.Point}; " +
                                $"{q.Agreement.Id} adds {q.With.Edges - q.Without.Edges} link(s) and opens {q.ReachGains.Sum(x => x.Gained.Count)}."));
        }

        blocks.Add(new ReportNumbers($"Numbers: `agreement-gains.csv`, `agreement-reach.csv` (the facilities opened only by each agreement). Source: Trellis registry on {day}.",
            [new ReportFile("agreement-gains.csv", gains), new ReportFile("agreement-reach.csv", reach)]));

        // 4. Exercises.
        var pairs = string.Join(" against ", r.Pairs.Select(x => x.ToString()));
        blocks.Add(new ReportHeading(2, $"4. Exercises: {pairs}"));
        if (report.Interactions.View is { } v)
        {
            var dataNote = $"{v.Source} ({v.Form} form, {v.Encoding}; data {v.FirstYear}–{v.LastYear}{(v.Window > 1 ? $", {v.Window}-year window" : "")})";
            blocks.Add(new ReportParagraph($"Joint exercises, {v.From}–{v.To}: " + string.Join("; ", v.Pairs.Select(x => $"{x.Pair} {x.Total}")) + $" (source: {dataNote})."));
                blocks.Add(Chart("interactions", $"Joint exercises per pair and year. Source: {dataNote}.", $"joint exercises per year, {v.From}–{v.To}", "joint exercises", v.Years,
                v.Pairs.Select(x => (x.Pair, (IReadOnlyList<double>)x.Counts.Select(c => (double)c).ToArray())).ToArray(), dataNote));
            var counts = new ReportTable(["pair", "year", "count"], []);
            foreach (var x in v.Pairs)
            {
                counts.Rows.AddRange(v.Years.Select((y, i) => new[] { x.Pair, y.ToString(CultureInfo.InvariantCulture), I(x.Counts[i]) }));
                counts.Rows.Add([x.Pair, "total", I(x.Total)]);
            }

            blocks.Add(new ReportNumbers($"Numbers: `interactions.csv`. Source: {dataNote}.", [new ReportFile("interactions.csv", counts)]));
        }
        else
        {
            blocks.Add(new ReportParagraph($"No exercise dataset was given, so this report does not compare {pairs}: the registry holds agreements, not exercises. " +
                                (howToAddExercises ?? CliExercisesHint)));
        }

        return new ReportDocument(blocks);
    }

    private static ReportChart Chart(string name, string caption, string title, string yLabel, IReadOnlyList<int> years,
        IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series, string xNote) =>
        new(name, caption, title, yLabel, $"year ({xNote})", years, series.Select(x => new ReportSeries(x.Label, x.Values)).ToArray());

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string R(double? value) => value is { } v ? R(v) : "";

    /// <summary>A figure in a sentence or a shown table: up to four decimals (as the CLI's network commands print).</summary>
    public static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Num(double? value) => value is { } v ? Num(v) : "-";

    private static string Signed(double value) => (value > 0 ? "+" : "") + Num(value);
}
