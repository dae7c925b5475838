using Trellis.Network.Queries;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network candidates</c>: rank absent pairs by what a new agreement between them would add.</summary>
public static class NetworkCandidatesCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new NetworkOptions();
        var among = new Option<string[]>("--among")
        {
            Description = "Only pairs among these states (one state: its pairs with every node). Default: every pair of nodes.",
            HelpName = "ISO3,...",
            AllowMultipleArgumentsPerToken = true,
        };
        var type = new Option<string?>("--type") { Description = $"Type of the new agreement (default raa): {string.Join(", ", AgreementTypes.Names)}.", HelpName = "TYPE" };
        var metric = new Option<string?>("--metric")
        {
            Description = "What to score (default betweenness): a graph metric (its change), a state metric (the two partners' summed change), or METRIC:ISO3 (that state's change).",
            HelpName = "METRIC[:ISO3]",
        };
        var top = new Option<int>("--top") { Description = "How many to list (default 20; 0 for all).", HelpName = "N", DefaultValueFactory = _ => 20 };
        var format = Formats.Option("table", "json", "csv");
        var command = new Command("candidates", "Score every pair of states without an agreement by the marginal change a new one would make.") { among, type, metric, top };
        shared.AddGraphOptions(command);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var day = shared.Day(parse);
            var options = shared.Graph(parse);
            var parsed = NetworkQueries.Candidates(registry, parse.GetValue(type), parse.GetValue(metric), parse.GetValue(top),
                NetworkOptions.Split(parse.GetValue(among)), options, field => "--" + field);
            if (parsed.HasErrors || parsed.Value is not { } query)
            {
                throw new CliException(parsed.Diagnostics);
            }

            var source = shared.OpenSource(context, parse, registry);
            NetworkOptions.WarnCoverage(context, source, day);
            var graph = AgreementGraph.At(source, day, options);

            var total = 0;
            var progress = new Progress(context.Err);
            IReadOnlyList<Candidate> ranked;
            try
            {
                ranked = Candidates.Rank(graph, query, progress: (done, all) =>
                {
                    total = all;
                    progress.Report(done, all);
                });
            }
            catch (ArgumentException ex)
            {
                throw new CliException([Diagnostic.Error(DiagnosticCodes.InvalidOption, ex.Message.Split(" (Parameter")[0], "--metric")]);
            }

            progress.Finish();
            var view = CandidatesView.From(ranked, total, query, day, source.Name, options);
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "json":
                    o.WriteLine(Json.Serialize(view));
                    break;
                case "csv":
                    o.WriteLine("a,b,score,before,after");
                    foreach (var c in ranked)
                    {
                        o.WriteLine(string.Join(',', c.A, c.B, R(c.Score), R(c.Before), R(c.After)));
                    }

                    break;
                default:
                    var table = new TextTable("RANK", "PAIR", "SCORE", "BEFORE", "AFTER");
                    var rank = 0;
                    foreach (var c in ranked)
                    {
                        table.Add((++rank).ToString(CultureInfo.InvariantCulture), $"{c.A}–{c.B}", NetworkOptions.Num(c.Score), NetworkOptions.Num(c.Before), NetworkOptions.Num(c.After));
                    }

                    table.Write(o);
                    o.WriteLine();
                    var m = query.Metric;
                    var what = m.IsGraph ? $"change in the graph's {m.Name}" : query.Focus is { } focus ? $"change in {focus}'s {m.Name}" : $"summed change in the two partners' {m.Name}";
                    o.WriteLine($"{total} absent pair(s) scored on {view.AsOf} by the {what} a new {query.Type} would make.");
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A progress line on stderr, shown once a run has taken more than a second, redrawn at most four times a second.</summary>
    private sealed class Progress(TextWriter error)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private long _lastDraw = -1;
        private bool _shown;

        public void Report(int done, int total)
        {
            var now = _clock.ElapsedMilliseconds;
            if (now < 1000 || now - Interlocked.Read(ref _lastDraw) < 250)
            {
                return;
            }

            lock (_lock)
            {
                if (now - _lastDraw < 250)
                {
                    return;
                }

                _lastDraw = now;
                _shown = true;
                const int width = 30;
                var filled = total == 0 ? width : (int)((long)done * width / total);
                var eta = done == 0 ? "" : $", about {Math.Max(0, (now * (total - done) / done) / 1000)} s left";
                error.Write($"\rscoring pairs [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}{eta}   ");
            }
        }

        public void Finish()
        {
            if (_shown)
            {
                error.WriteLine($"\rscored in {_clock.Elapsed.TotalSeconds:0.0} s{new string(' ', 60)}");
            }
        }
    }
}
