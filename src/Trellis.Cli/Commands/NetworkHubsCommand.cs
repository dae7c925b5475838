using System.CommandLine;
using System.Globalization;
using Trellis.Network;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network hubs</c>: the hub-and-spoke reading, on one day or every year.</summary>
public static class NetworkHubsCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new NetworkOptions();
        var hub = new Option<string?>("--hub") { Description = "The hub (default USA).", HelpName = "ISO3" };
        var threshold = new Option<double>("--threshold")
        {
            Description = "Normalised betweenness, without the hub, above which a spoke counts as a hub itself (default 0.05).",
            HelpName = "B",
            DefaultValueFactory = _ => HubAndSpokes.DefaultThreshold,
        };
        var from = new Option<int?>("--from") { Description = "First year of a yearly series (with --to); without it, the --as-of day alone.", HelpName = "YEAR" };
        var to = new Option<int?>("--to") { Description = "Last year of the series.", HelpName = "YEAR" };
        var day = new Option<string?>("--day") { Description = "Day of the year for the series, MM-DD (default 01-01).", HelpName = "MM-DD" };
        var format = Formats.Option("table", "json", "csv");
        var command = new Command("hubs", "Hub and spokes: the hub's alliance spokes, how far they are linked to each other without it, and which spokes are hubs themselves.")
        {
            hub, threshold, from, to, day,
        };
        shared.AddGraphOptions(command);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var h = NetworkOptions.State(parse.GetValue(hub) ?? HubAndSpokes.DefaultHub, "--hub", registry);
            var t = parse.GetValue(threshold);
            var options = shared.Graph(parse);
            var source = shared.OpenSource(context, parse, registry);
            IReadOnlyList<HubReport> reports;
            if (parse.GetValue(from) is { } first)
            {
                var last = parse.GetValue(to) ?? first;
                if (last < first)
                {
                    throw CliException.Option("--to", $"--from {first} --to {last}: --to must not be before --from");
                }

                var (month, dd) = DayOfYear(parse.GetValue(day));
                reports = HubAndSpokes.Yearly(source, first, last, month, dd, options, h, t);
            }
            else
            {
                var asOf = shared.Day(parse);
                NetworkOptions.WarnCoverage(context, source, asOf);
                reports = [HubAndSpokes.On(source, asOf, options, h, t)];
            }

            var view = HubsView.From(reports, h, t, source.Name, options);
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "json":
                    o.WriteLine(Json.Serialize(view));
                    break;
                case "csv":
                    o.WriteLine("day,hub,spokes,spokePairs,linkedPairs,interconnection,hubsAmongSpokes");
                    foreach (var r in view.Series)
                    {
                        o.WriteLine(string.Join(',', r.Day, r.Hub, r.Spokes.Count, r.SpokePairs, r.LinkedPairs,
                            r.Interconnection?.ToString("R", CultureInfo.InvariantCulture) ?? "", TextTable.Csv(string.Join(' ', r.HubsAmongSpokes))));
                    }

                    break;
                default:
                    var table = new TextTable("DAY", "SPOKES", "PAIRS", "LINKED", "INTERCONNECTION", "HUBS AMONG SPOKES");
                    foreach (var r in view.Series)
                    {
                        table.Add(r.Day, r.Spokes.Count.ToString(CultureInfo.InvariantCulture), r.SpokePairs.ToString(CultureInfo.InvariantCulture),
                            r.LinkedPairs.ToString(CultureInfo.InvariantCulture), NetworkOptions.Num(r.Interconnection), string.Join(' ', r.HubsAmongSpokes));
                    }

                    table.Write(o);
                    if (view.Series.Count == 1)
                    {
                        var r = view.Series[0];
                        o.WriteLine();
                        o.WriteLine($"spokes of {h}: {string.Join(' ', r.Spokes)}");
                        o.WriteLine("betweenness without " + h + ": " + string.Join(", ", r.SpokeBetweenness.Select(s => $"{s.State} {NetworkOptions.Num(s.Betweenness)}")));
                    }

                    o.WriteLine();
                    o.WriteLine($"hub {h}; spokes: alliance-layer ties to {h}; interconnection: share of spoke pairs linked without {h} or its agreements; hubs: betweenness without {h} > {NetworkOptions.Num(t)}");
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static (int, int) DayOfYear(string? text)
    {
        if (text is null)
        {
            return (1, 1);
        }

        var parts = text.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(2000, m))
        {
            return (m, d);
        }

        throw CliException.Option("--day", $"--day: '{text}' is not a day of the year; write MM-DD, e.g. 07-01");
    }
}
