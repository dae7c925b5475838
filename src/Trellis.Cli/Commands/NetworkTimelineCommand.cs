using System.CommandLine;
using System.Globalization;
using Trellis.Network;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network timeline</c>: one metric over yearly snapshots, as a table, JSON, CSV or a chart.</summary>
public static class NetworkTimelineCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new NetworkOptions();
        var from = new Option<int>("--from") { Description = "First year.", HelpName = "YEAR", Required = true };
        var to = new Option<int>("--to") { Description = "Last year (inclusive).", HelpName = "YEAR", Required = true };
        var day = new Option<string?>("--day") { Description = "Day of the year of each snapshot, MM-DD (default 01-01).", HelpName = "MM-DD" };
        var metric = new Option<string?>("--metric") { Description = $"The metric (default degree): {string.Join(", ", MetricCatalog.Names)}.", HelpName = "METRIC" };
        var states = new Option<string[]>("--states")
        {
            Description = "States to follow for a state metric (default: the five highest in the last year).",
            HelpName = "ISO3,...",
            AllowMultipleArgumentsPerToken = true,
        };
        var plot = new Option<string?>("--plot") { Description = "Also draw the chart to FILE.svg or FILE.png.", HelpName = "FILE" };
        var format = Formats.Option("table", "json", "csv");
        var command = new Command("timeline", "A metric on the same day of every year, for chosen states or the whole graph; optionally as a chart.")
        {
            from, to, day, metric, states,
        };
        shared.AddGraphOptions(command, asOf: false);
        command.Options.Add(plot);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var (month, dayOfMonth) = ParseDay(parse.GetValue(day));
            int first = parse.GetValue(from), last = parse.GetValue(to);
            if (last < first || first < 1 || last > 9999)
            {
                throw CliException.Option("--to", $"--from {first} --to {last}: give years with --from not after --to");
            }

            var m = NetworkOptions.Metric(parse.GetValue(metric) ?? "degree", "--metric");
            var options = shared.Graph(parse);
            var source = shared.OpenSource(context, parse, registry);
            var plotFile = parse.GetValue(plot);
            if (plotFile is not null && !plotFile.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !plotFile.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                throw CliException.Option("--plot", $"--plot: '{plotFile}' should end in .svg or .png");
            }

            var metricOptions = new MetricOptions { Metrics = m.Needs == MetricSet.None ? MetricSet.Degree : m.Needs };
            var points = Timeline.Yearly(source, first, last, month, dayOfMonth, options, metricOptions);
            var wanted = m.IsGraph ? [] : NetworkOptions.Split(parse.GetValue(states)).Select(s => NetworkOptions.State(s, "--states", registry)).ToArray();
            var view = TimelineView.From(points, m, wanted, month, dayOfMonth, source.Name, options);
            if (plotFile is not null)
            {
                NetworkPlot.Timeline(view, plotFile);
                context.Err.WriteLine($"chart written to {plotFile}");
            }

            Write(context.Out, Formats.Get(parse, format), view);
            return TrellisCli.Ok;
        });
        return command;
    }

    private static (int Month, int Day) ParseDay(string? text)
    {
        if (text is null)
        {
            return (1, 1);
        }

        var parts = text.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day) &&
            month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2000, month))
        {
            return (month, day);
        }

        throw CliException.Option("--day", $"--day: '{text}' is not a day of the year; write MM-DD, e.g. 07-01");
    }

    private static void Write(TextWriter o, string format, TimelineView view)
    {
        switch (format)
        {
            case "json":
                o.WriteLine(Json.Serialize(view));
                return;
            case "csv":
                o.WriteLine("year,state,value");
                foreach (var s in view.Series)
                {
                    for (var i = 0; i < view.Years.Count; i++)
                    {
                        o.WriteLine($"{view.Years[i]},{s.State ?? ""},{s.Values[i].ToString("R", CultureInfo.InvariantCulture)}");
                    }
                }

                return;
        }

        var headers = new[] { "YEAR" }.Concat(view.Series.Select(s => s.State ?? view.Metric)).ToArray();
        var table = new TextTable(headers);
        for (var i = 0; i < view.Years.Count; i++)
        {
            table.Add(new[] { view.Years[i].ToString(CultureInfo.InvariantCulture) }.Concat(view.Series.Select(s => NetworkOptions.Num(s.Values[i]))).ToArray());
        }

        table.Write(o);
        o.WriteLine();
        o.WriteLine($"{view.Metric} on {view.Day} of each year; {view.Source}; layers: {string.Join(", ", view.Layers)}");
    }
}

/// <summary>Charts drawn with ScottPlot; the core library stays free of drawing code.</summary>
internal static class NetworkPlot
{
    public static void Timeline(TimelineView view, string file) =>
        Lines($"{view.Metric} on {view.Day}, {view.Years[0]}–{view.Years[^1]}", view.Metric, view.Years,
            view.Series.Select(s => (s.State ?? view.Metric, (IReadOnlyList<double>)s.Values)).ToArray(), file);

    /// <summary>One line per series over <paramref name="years"/>, written as SVG or PNG (by the file's extension).</summary>
    /// <param name="xLabel">The x axis label (default <c>year</c>); reports use it to name the data and the snapshot day.</param>
    public static void Lines(string title, string yLabel, IReadOnlyList<int> years, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series, string file,
        string xLabel = "year")
    {
        var plot = new ScottPlot.Plot();
        var xs = years.Select(y => (double)y).ToArray();
        foreach (var (label, values) in series)
        {
            var line = plot.Add.Scatter(xs, values.ToArray());
            line.LegendText = label;
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = year => year.ToString("0", CultureInfo.InvariantCulture),
            IntegerTicksOnly = true,
        };
        plot.ShowLegend(ScottPlot.Edge.Right);
        var full = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (file.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            plot.SavePng(full, 900, 540);
        }
        else
        {
            plot.SaveSvg(full, 900, 540);
        }
    }
}
