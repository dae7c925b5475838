using System.CommandLine;
using Trellis.Network;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network metrics</c>: every metric of one snapshot.</summary>
public static class NetworkMetricsCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new NetworkOptions();
        var format = Formats.Option("table", "json", "csv");
        var seed = new Option<int>("--seed") { Description = "First seed of the Louvain ensemble (default 1).", HelpName = "N", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Seeded Louvain runs for the stability score (default 10).", HelpName = "N", DefaultValueFactory = _ => 10 };
        var command = new Command("metrics", "Degree, strength, betweenness, eigenvector, harmonic closeness, k-core, clustering and communities of every state, and the graph's density, transitivity and centralisation.");
        shared.AddGraphOptions(command);
        command.Options.Add(seed);
        command.Options.Add(runs);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var day = shared.Day(parse);
            var options = shared.Graph(parse);
            var source = shared.OpenSource(context, parse, registry);
            StartupTrace.Mark("source opened");
            NetworkOptions.WarnCoverage(context, source, day);
            if (parse.GetValue(runs) < 1)
            {
                throw CliException.Option("--runs", "--runs needs at least 1 run");
            }

            var metrics = AgreementGraph.At(source, day, options)
                .Metrics(new MetricOptions { CommunitySeed = parse.GetValue(seed), CommunityRuns = parse.GetValue(runs) });
            StartupTrace.Mark("metrics computed");
            Write(context.Out, Formats.Get(parse, format), MetricsView.Of(metrics, day, source.Name, NetworkViews.LayerNames(options)));
            StartupTrace.Mark("written");
            return TrellisCli.Ok;
        });
        return command;
    }

    internal static void Write(TextWriter o, string format, MetricsView view)
    {
        switch (format)
        {
            case "json":
                o.WriteLine(Json.Serialize(view));
                return;
            case "csv":
                o.WriteLine("state,degree,strength,betweenness,eigenvector,harmonicCloseness,coreNumber,clustering,weightedBetweenness,community,communityStability");
                foreach (var s in view.States)
                {
                    o.WriteLine(string.Join(',', TextTable.Csv(s.State), s.Degree, R(s.Strength), R(s.Betweenness), R(s.Eigenvector), R(s.HarmonicCloseness),
                        s.CoreNumber, R(s.Clustering), R(s.WeightedBetweenness), s.Community, R(s.CommunityStability)));
                }

                return;
        }

        var table = new TextTable("STATE", "DEG", "STRENGTH", "BETWEEN", "W-BETWEEN", "EIGEN", "HARMONIC", "CORE", "CLUSTER", "COMM", "STABLE");
        foreach (var s in view.States.OrderByDescending(s => s.Degree).ThenByDescending(s => s.Betweenness).ThenBy(s => s.State, StringComparer.Ordinal))
        {
            table.Add(s.State, s.Degree.ToString(System.Globalization.CultureInfo.InvariantCulture), NetworkOptions.Num(s.Strength), NetworkOptions.Num(s.Betweenness),
                NetworkOptions.Num(s.WeightedBetweenness), NetworkOptions.Num(s.Eigenvector), NetworkOptions.Num(s.HarmonicCloseness),
                s.CoreNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), NetworkOptions.Num(s.Clustering),
                s.Community.ToString(System.Globalization.CultureInfo.InvariantCulture), NetworkOptions.Num(s.CommunityStability));
        }

        table.Write(o);
        var g = view.Graph;
        o.WriteLine();
        o.WriteLine($"{view.Source}, in force on {view.AsOf}, layers: {string.Join(", ", view.Layers)}");
        o.WriteLine($"nodes {g.Nodes}, edges {g.Edges}, density {NetworkOptions.Num(g.Density)}, transitivity {NetworkOptions.Num(g.Transitivity)}");
        o.WriteLine($"degree centralisation {NetworkOptions.Num(g.DegreeCentralization)} (of max {NetworkOptions.Num(g.DegreeCentralizationMax)}), " +
                    $"betweenness centralisation {NetworkOptions.Num(g.BetweennessCentralization)} (of max {NetworkOptions.Num(g.BetweennessCentralizationMax)})");
        o.WriteLine($"communities {g.Communities} (modularity {NetworkOptions.Num(g.Modularity)}, stability {NetworkOptions.Num(g.CommunityStability)} over seeded runs)");
    }

    private static string R(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
