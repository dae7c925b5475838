using System.CommandLine;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Network.Import;
using Trellis.Network.Reports;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis report</c>: reproducible reports written to a folder (Markdown, self-contained HTML, charts, CSV).</summary>
public static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("report", "Reproducible reports: Markdown, self-contained HTML, SVG and PNG charts and CSV numbers, written to a folder.");
        command.Subcommands.Add(Hubs(context));
        return command;
    }

    private static Command Hubs(CliContext context)
    {
        var output = new Option<string>("--output") { Description = "The folder to write to (created if missing; files of the same name are replaced).", HelpName = "DIR", Required = true };
        var source = new Option<string?>("--source")
        {
            Description = "An exercise dataset, mme:FILE (Multinational Military Exercises), for the Japan–Australia against Japan–UK comparison. Without it the report says there is none.",
            HelpName = "mme:FILE",
        };
        var window = new Option<int?>("--window") { Description = "For --source: count the exercises of the last N years in each year (default 1).", HelpName = "YEARS" };
        var asOf = new Option<string?>("--as-of") { Description = "The report's day (YYYY-MM-DD; default today): the last snapshot and the day of the agreement comparison.", HelpName = "DATE" };
        var from = new Option<int?>("--from") { Description = $"First year of the series (default {HubsReportRequest.DefaultFrom}).", HelpName = "YEAR" };
        var command = new Command("hubs",
            "Is the US hub-and-spoke system becoming a web? Japan's, the UK's and Australia's hub measures over time, spoke interconnection without the US, " +
            "what the Japan–Philippines RAA added against the Japan–UK RAA, and Japan–Australia against Japan–UK exercises (with --source mme:FILE).")
        {
            output, source, window, asOf, from,
        };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var day = CliContext.ParseDay(parse.GetValue(asOf), "--as-of", CliContext.Today);
            var first = parse.GetValue(from) ?? Math.Min(HubsReportRequest.DefaultFrom, day.Year);
            if (first < 1 || first > day.Year)
            {
                throw CliException.Option("--from", $"--from {first}: give a year from 1 to the --as-of year ({day.Year})");
            }

            ExerciseSource? exercises = null;
            if (parse.GetValue(source) is { } spec)
            {
                if (!spec.Trim().StartsWith("mme:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliException([Diagnostic.Error(DiagnosticCodes.UnknownSource,
                        $"'{spec}' is not an exercise dataset: the report counts exercises from --source mme:FILE (the MME exercise file or its long form)", "--source")]);
                }

                var opened = NetworkSources.Open(spec, registry, null, parse.GetValue(window));
                if (opened.HasErrors || opened.Value is not ExerciseSource e)
                {
                    throw new CliException(opened.Diagnostics);
                }

                context.WriteDiagnostics(opened.Diagnostics);
                exercises = e;
            }
            else if (parse.GetValue(window) is not null)
            {
                throw CliException.Option("--window", "--window counts exercises: give it with --source mme:FILE");
            }

            var dir = Path.GetFullPath(parse.GetValue(output)!);
            HubsReportWriter.EnsureWritable(dir);
            var report = HubsReport.Compute(registry, new HubsReportRequest(day, first), exercises);
            var written = HubsReportWriter.Write(report, dir);
            foreach (var file in written)
            {
                context.Out.WriteLine(Path.Combine(dir, file));
            }

            context.Err.WriteLine($"report written to {dir} ({written.Count} files)");
            return TrellisCli.Ok;
        });
        return command;
    }
}
