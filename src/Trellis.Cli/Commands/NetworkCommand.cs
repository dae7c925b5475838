using Trellis.Network.Queries;
using System.CommandLine;
using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network</c>: the agreement graph at any date, its metrics, history, what-if, candidates and exports.</summary>
public static class NetworkCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("network", "The agreement network: metrics at a date, timelines, hubs and spokes, what-if, candidate agreements, exports, exercise interactions.");
        command.Subcommands.Add(NetworkMetricsCommand.Create(context));
        command.Subcommands.Add(NetworkTimelineCommand.Create(context));
        command.Subcommands.Add(NetworkHubsCommand.Create(context));
        command.Subcommands.Add(NetworkWhatIfCommand.Create(context));
        command.Subcommands.Add(NetworkCandidatesCommand.Create(context));
        command.Subcommands.Add(NetworkExportCommand.Create(context));
        command.Subcommands.Add(NetworkInteractionsCommand.Create(context));
        return command;
    }
}

/// <summary>The options the network commands share, and how they become a source and <see cref="GraphOptions"/>.</summary>
internal sealed class NetworkOptions
{
    public Option<string?> AsOf { get; } = new("--as-of") { Description = "The day of the snapshot (YYYY-MM-DD; default today). Datasets read its year.", HelpName = "DATE" };

    public Option<string[]> Layers { get; } = new("--layers")
    {
        Description = "Only these layers: alliance, access, logistics, information, industrial, arrangement, exercise (comma-separated; default all).",
        HelpName = "LAYER,...",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Source { get; } = new("--source")
    {
        Description = "Where ties come from: registry (default), atop:FILE (ATOP member-level CSV), cow:FILE (COW by_member or by_directed_yearly), dcad:FILE (DCAD dyadic), mme:FILE (Multinational Military Exercises, exercise or long form), csv:FILE (an edge list as export --format csv writes).",
        HelpName = "SOURCE",
    };

    public Option<string[]> Flags { get; } = new("--flags")
    {
        Description = "Dataset filter: ATOP defense,offense,neutral,nonagg,consul; COW defense,neutrality,nonaggression,entente (a pair is kept when either state has one on an active row); DCAD dcaGeneralV1..dcaAnyV2 (default dcaAnyV1).",
        HelpName = "FLAG,...",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<int?> Window { get; } = new("--window")
    {
        Description = "For --source mme:FILE: count the exercises of the last N years in each snapshot (a rolling window; default 1, the snapshot's year).",
        HelpName = "YEARS",
    };

    public Option<string[]> Weights { get; } = new("--weights")
    {
        Description = "Tie weights per type, e.g. raa=2,logistics=1.5 (defaults in docs/network.md).",
        HelpName = "TYPE=W,...",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<bool> AllStates { get; } = new("--all-states") { Description = "Make every state of the source a node, tied or not (default: states with at least one tie)." };

    /// <summary>Adds the options that shape the graph to <paramref name="command"/>.</summary>
    public void AddGraphOptions(Command command, bool asOf = true)
    {
        if (asOf)
        {
            command.Options.Add(AsOf);
        }

        command.Options.Add(Layers);
        command.Options.Add(Source);
        command.Options.Add(Flags);
        command.Options.Add(Window);
        command.Options.Add(Weights);
        command.Options.Add(AllStates);
    }

    public DateOnly Day(ParseResult parse) => CliContext.ParseDay(parse.GetValue(AsOf), "--as-of", CliContext.Today);

    public GraphOptions Graph(ParseResult parse)
    {
        var options = GraphOptions.Default;
        var layers = Split(parse.GetValue(Layers));
        if (layers.Count > 0)
        {
            var set = new HashSet<Layer>();
            foreach (var name in layers)
            {
                if (!AgreementTypes.TryParseLayer(name, out var layer))
                {
                    throw CliException.Option("--layers", $"--layers: '{name}' is not a layer; use alliance, access, logistics, information, industrial, arrangement or exercise");
                }

                set.Add(layer);
            }

            options = options with { Layers = set };
        }

        var weights = TieWeights.Defaults;
        foreach (var entry in Split(parse.GetValue(Weights)))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(entry[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !(w > 0) || !double.IsFinite(w))
            {
                throw CliException.Option("--weights", $"--weights: '{entry}' should be TYPE=WEIGHT with a positive number, e.g. raa=2");
            }

            weights = weights.With(entry[..eq].Trim(), w);
        }

        return options with { Weights = weights, IncludeUntied = parse.GetValue(AllStates) };
    }

    /// <summary>Opens the source, printing its warnings; throws <see cref="CliException"/> on errors.</summary>
    public INetworkSource OpenSource(CliContext context, ParseResult parse, AgreementRegistry registry)
    {
        var result = NetworkSources.Open(parse.GetValue(Source), registry, Split(parse.GetValue(Flags)), parse.GetValue(Window));
        if (result.HasErrors || result.Value is null)
        {
            throw new CliException(result.Diagnostics);
        }

        context.WriteDiagnostics(result.Diagnostics);
        return result.Value;
    }

    /// <summary>Warns when a dataset does not cover the day.</summary>
    public static void WarnCoverage(CliContext context, INetworkSource source, DateOnly day)
    {
        if (NetworkSources.CoverageWarning(source, day) is { } warning)
        {
            context.WriteDiagnostics([warning]);
        }
    }

    /// <summary>Splits repeated and comma-separated values.</summary>
    public static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    /// <summary>A state code for the network: an ISO3 code of the registry, or a dataset node such as <c>COW:265</c>.</summary>
    public static string State(string text, string option, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        return NetworkQueries.State(text, option, registry, diagnostics) ?? throw new CliException(diagnostics);
    }

    public static MetricRef Metric(string? name, string option, bool allowGraph = true, bool allowState = true)
    {
        var metric = MetricCatalog.Find(name);
        if (metric is null || (metric.IsGraph && !allowGraph) || (!metric.IsGraph && !allowState))
        {
            var names = MetricCatalog.All.Where(m => m.IsGraph ? allowGraph : allowState).Select(m => m.Name);
            throw new CliException([Diagnostic.Error(DiagnosticCodes.UnknownMetric,
                $"{option}: '{name}' is not a metric here; use one of: {string.Join(", ", names)}", option)]);
        }

        return metric;
    }

    /// <summary>A number for tables: up to 4 decimals, invariant.</summary>
    public static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Num(double? value) => value is { } v ? Num(v) : "-";
}
