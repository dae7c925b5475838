using System.CommandLine;
using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Network.Import;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network interactions</c>: joint exercises per pair and year from an exercise dataset, as a table, JSON, CSV or a chart.</summary>
public static class NetworkInteractionsCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new NetworkOptions();
        var pairs = new Option<string[]>("--pairs")
        {
            Description = "The pairs, e.g. JPN-AUS,JPN-GBR (ISO3 codes joined by '-'; comma-separated or repeated).",
            HelpName = "AAA-BBB,...",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var from = new Option<int?>("--from") { Description = "First year (default: the first year of the data).", HelpName = "YEAR" };
        var to = new Option<int?>("--to") { Description = "Last year, inclusive (default: the last year of the data).", HelpName = "YEAR" };
        var plot = new Option<string?>("--plot") { Description = "Also draw the counts to FILE.svg or FILE.png.", HelpName = "FILE" };
        var format = Formats.Option("text", "json", "csv");
        shared.Source.Required = true;
        shared.Source.Description = "The exercise dataset: mme:FILE (Multinational Military Exercises, one row per exercise or the long form).";
        var command = new Command("interactions", "Joint military exercises per pair and year, and in total, from an exercise dataset (--source mme:FILE).")
        {
            pairs, from, to, shared.Source, shared.Window, plot, format,
        };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var plotFile = parse.GetValue(plot);
            if (plotFile is not null && !plotFile.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !plotFile.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                throw CliException.Option("--plot", $"--plot: '{plotFile}' should end in .svg or .png");
            }

            var wanted = StatePair.Parse(parse.GetValue(pairs) ?? [], registry.HasState);
            if (wanted.HasErrors || wanted.Value is null)
            {
                throw new CliException(wanted.Diagnostics);
            }

            var spec = parse.GetValue(shared.Source);
            if (spec is null || !spec.Trim().StartsWith("mme:", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException([Diagnostic.Error(DiagnosticCodes.UnknownSource,
                    $"'{spec}' is not an exercise dataset: interactions are counted from --source mme:FILE (the MME exercise file or its long form)", "--source")]);
            }

            var opened = NetworkSources.Open(spec, registry, null, parse.GetValue(shared.Window));
            if (opened.HasErrors || opened.Value is not ExerciseSource source)
            {
                throw new CliException(opened.Diagnostics);
            }

            context.WriteDiagnostics(opened.Diagnostics);
            int first = parse.GetValue(from) ?? source.FirstYear, last = parse.GetValue(to) ?? source.LastYear;
            if (first < 1 || last > 9999 || last < first)
            {
                throw CliException.Option(parse.GetValue(to) is null ? "--from" : "--to",
                    $"--from {first} --to {last}: give years from 1 to 9999 with --from not after --to");
            }

            if (first < source.FirstYear || last > source.LastYear)
            {
                context.WriteDiagnostics([Diagnostic.Warning(DiagnosticCodes.OutsideCoverage,
                    $"{first}–{last} reaches outside the years {source.Name} covers ({source.FirstYear}–{source.LastYear}): a 0 there is no record, not no exercise", "--from")]);
            }

            var view = InteractionsView.Of(source, wanted.Value, first, last);
            if (plotFile is not null)
            {
                NetworkPlot.Lines($"joint exercises per year, {first}–{last}{(view.Window > 1 ? $" ({view.Window}-year window)" : "")}", "joint exercises", view.Years,
                    view.Pairs.Select(p => (p.Pair, (IReadOnlyList<double>)p.Counts.Select(c => (double)c).ToArray())).ToArray(), plotFile);
                context.Err.WriteLine($"chart written to {plotFile}");
            }

            Write(context.Out, Formats.Get(parse, format), view);
            return TrellisCli.Ok;
        });
        return command;
    }

    private static void Write(TextWriter o, string format, InteractionsView view)
    {
        switch (format)
        {
            case "json":
                o.WriteLine(Json.Serialize(view));
                return;
            case "csv":
                o.WriteLine("pair,year,count");
                foreach (var p in view.Pairs)
                {
                    for (var i = 0; i < view.Years.Count; i++)
                    {
                        o.WriteLine($"{p.Pair},{view.Years[i].ToString(CultureInfo.InvariantCulture)},{p.Counts[i].ToString(CultureInfo.InvariantCulture)}");
                    }

                    o.WriteLine($"{p.Pair},total,{p.Total.ToString(CultureInfo.InvariantCulture)}");
                }

                return;
        }

        var table = new TextTable(["YEAR", .. view.Pairs.Select(p => p.Pair)]);
        for (var i = 0; i < view.Years.Count; i++)
        {
            table.Add([view.Years[i].ToString(CultureInfo.InvariantCulture), .. view.Pairs.Select(p => p.Counts[i].ToString(CultureInfo.InvariantCulture))]);
        }

        table.Add(["total", .. view.Pairs.Select(p => p.Total.ToString(CultureInfo.InvariantCulture))]);
        table.Write(o);
        o.WriteLine();
        var window = view.Window == 1 ? "each exercise in its start year" : $"year Y counts exercises that started in Y−{view.Window - 1}…Y; total = distinct exercises that started {view.From}–{view.To}";
        o.WriteLine($"joint exercises per pair; {window}; {view.Source} ({view.Form} form, {view.Encoding}; data {view.FirstYear}–{view.LastYear})");
    }
}
