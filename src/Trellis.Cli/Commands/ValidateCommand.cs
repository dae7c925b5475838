using System.CommandLine;
using Trellis.Diagnostics;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis validate</c>: check the registry and print every diagnostic.</summary>
public static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("validate", "Check the registry's data files; exit 0 with a summary when clean, 1 with every problem otherwise.");
        command.SetAction(parse =>
        {
            var result = context.LoadRegistryResult(parse, out var directory);
            var diagnostics = result.Diagnostics.ToList();
            Rules.RuleBook? rules = null;
            if (!result.HasErrors && result.Value is not null)
            {
                // The rule layers (baselines, agreements' rules.yaml, parameters, holidays) are data too.
                var ruleResult = Rules.RuleBook.Load(result.Value);
                diagnostics.AddRange(ruleResult.Diagnostics);
                rules = ruleResult.Value;

                // And the logistics terms beside logistics agreements, with the suppliers' own limits (docs/logistics.md).
                diagnostics.AddRange(Ledger.Terms.LogisticsTermsBook.Load(result.Value).Diagnostics);

                // So is the table of state points that GeoJSON exports use.
                diagnostics.AddRange(Geo.StatePoints.Load(result.Value).Diagnostics);

                // And the friction template (trellis friction, GET /api/friction), when the data folder has one.
                var template = Path.Combine(result.Value.DataDirectory ?? directory, Rules.RuleBook.ParametersFolder, Rules.FrictionMatrix.TemplateFile);
                if (Registry.DataFile.Exists(template))
                {
                    diagnostics.AddRange(Rules.PlanLoader.LoadTemplate(template).Diagnostics);
                }

                // And the reviewed MME name table (--source mme:FILE), when the data folder has one.
                if (Registry.DataFile.Exists(Path.Combine(result.Value.DataDirectory ?? directory, Network.Import.MmeNames.RelativePath)))
                {
                    var tableDiagnostics = new List<Diagnostic>();
                    Network.Import.MmeNames.Load(result.Value.DataDirectory ?? directory, result.Value.States, tableDiagnostics);
                    diagnostics.AddRange(tableDiagnostics);
                }

                // And the worked examples (their plans, dates and the rule and agreement ids they name), once the rules load.
                if (rules is not null)
                {
                    diagnostics.AddRange(Rules.WorkedExamples.LoadAll(result.Value, rules).Diagnostics);
                }
            }

            var errors = diagnostics.Count(d => d.Severity == Severity.Error);
            var warnings = diagnostics.Count - errors;
            context.WriteDiagnostics(diagnostics);
            if (errors > 0 || result.Value is null)
            {
                context.Err.WriteLine($"{errors} error(s), {warnings} warning(s) in {Registry.RegistryLoader.Display(directory)}");
                return TrellisCli.InvalidInput;
            }

            var r = result.Value;
            var ruleCount = rules?.Layers.Sum(l => l.Rules.Count) ?? 0;
            var layerCount = rules?.Layers.Count ?? 0;
            context.Out.WriteLine(
                $"ok: {r.States.Count} states, {r.Agreements.Count} agreements, {r.Facilities.Count} facilities, {r.Exercises.Count} exercises, {ruleCount} rules in {layerCount} layers in {Registry.RegistryLoader.Display(directory)}" +
                (warnings > 0 ? $" ({warnings} warning(s))" : ""));
            return TrellisCli.Ok;
        });
        return command;
    }
}
