using System.CommandLine;
using Trellis.Diagnostics;
using Trellis.Network;
using Trellis.Registry;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis network whatif</c>: the metrics with agreements added or removed, against the metrics as they are.</summary>
public static class NetworkWhatIfCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new NetworkOptions();
        var add = new Option<string[]>("--add")
        {
            Description = "Add an agreement as if in force: a registry id (one not yet in force), or a folder holding a draft agreement.yaml. Repeatable.",
            HelpName = "ID|DIR",
        };
        var remove = new Option<string[]>("--remove") { Description = "Leave out a registry agreement. Repeatable.", HelpName = "ID" };
        var format = Formats.Option("table", "json");
        var command = new Command("whatif", "How every state's metrics and the graph's change when agreements are added or removed.") { add, remove };
        command.Options.Add(shared.AsOf);
        command.Options.Add(shared.Layers);
        command.Options.Add(shared.Weights);
        command.Options.Add(shared.AllStates);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var day = shared.Day(parse);
            var options = shared.Graph(parse);
            var added = new List<Agreement>();
            foreach (var item in parse.GetValue(add) ?? [])
            {
                if (Directory.Exists(item))
                {
                    var loaded = RegistryLoader.LoadHypothetical(item, registry);
                    context.WriteDiagnostics(loaded.Diagnostics.Where(d => d.Severity == Severity.Warning));
                    added.Add(loaded.GetValueOrThrow());
                }
                else
                {
                    added.Add(Find(registry, item, "--add"));
                }
            }

            var removed = (parse.GetValue(remove) ?? []).Select(id => Find(registry, id, "--remove")).ToList();
            if (added.Count == 0 && removed.Count == 0)
            {
                throw CliException.Option("--add", "say what changes: --add ID|DIR and/or --remove ID");
            }

            var view = WhatIfView.From(WhatIf.Run(registry, added, removed, day, options), options);
            if (Formats.Get(parse, format) == "json")
            {
                context.Out.WriteLine(Json.Serialize(view));
                return TrellisCli.Ok;
            }

            var o = context.Out;
            var table = new TextTable("STATE", "DEGREE", "BETWEENNESS", "EIGENVECTOR", "HARMONIC", "CORE");
            foreach (var s in view.States.OrderByDescending(s => Math.Abs(s.Delta.Betweenness)).ThenBy(s => s.State, StringComparer.Ordinal))
            {
                table.Add(s.State,
                    Change(s.Before?.Degree ?? 0, s.After?.Degree ?? 0),
                    Change(s.Before?.Betweenness ?? 0, s.After?.Betweenness ?? 0),
                    Change(s.Before?.Eigenvector ?? 0, s.After?.Eigenvector ?? 0),
                    Change(s.Before?.HarmonicCloseness ?? 0, s.After?.HarmonicCloseness ?? 0),
                    Change(s.Before?.CoreNumber ?? 0, s.After?.CoreNumber ?? 0));
            }

            o.WriteLine($"On {view.AsOf}" + (added.Count > 0 ? $", adding {string.Join(", ", view.Added)} (as if in force)" : "") +
                        (removed.Count > 0 ? $", removing {string.Join(", ", view.Removed)}" : "") + ":");
            o.WriteLine();
            if (view.States.Count == 0)
            {
                o.WriteLine("No state's metrics change.");
            }
            else
            {
                table.Write(o);
            }

            var g = view.Graph;
            o.WriteLine();
            o.WriteLine($"nodes {g.Before.Nodes} → {g.After.Nodes}, edges {g.Before.Edges} → {g.After.Edges}, density {Change(g.Before.Density, g.After.Density)}, " +
                        $"transitivity {Change(g.Before.Transitivity, g.After.Transitivity)}");
            o.WriteLine($"degree centralisation {Change(g.Before.DegreeCentralization, g.After.DegreeCentralization)}, " +
                        $"betweenness centralisation {Change(g.Before.BetweennessCentralization, g.After.BetweennessCentralization)}");
            return TrellisCli.Ok;
        });
        return command;
    }

    private static string Change(double before, double after)
    {
        var delta = after - before;
        var sign = delta >= 0 ? "+" : "";
        return $"{NetworkOptions.Num(before)} → {NetworkOptions.Num(after)} ({sign}{NetworkOptions.Num(delta)})";
    }

    private static Agreement Find(AgreementRegistry registry, string id, string option)
    {
        var found = registry.Lookup(id);
        if (found is not null)
        {
            return found;
        }

        var hint = registry.AgreementHint(id);
        throw new CliException([Diagnostic.Error(DiagnosticCodes.UnknownId,
            $"{option}: there is no agreement '{id}' in the registry, and no folder of that name.{hint}", option)]);
    }
}
