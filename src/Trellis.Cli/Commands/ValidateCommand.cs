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
            var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
            var warnings = result.Diagnostics.Count - errors;
            context.WriteDiagnostics(result.Diagnostics);
            if (result.HasErrors || result.Value is null)
            {
                context.Err.WriteLine($"{errors} error(s), {warnings} warning(s) in {Registry.RegistryLoader.Display(directory)}");
                return TrellisCli.InvalidInput;
            }

            var r = result.Value;
            context.Out.WriteLine(
                $"ok: {r.States.Count} states, {r.Agreements.Count} agreements, {r.Facilities.Count} facilities, {r.Exercises.Count} exercises in {Registry.RegistryLoader.Display(directory)}" +
                (warnings > 0 ? $" ({warnings} warning(s))" : ""));
            return TrellisCli.Ok;
        });
        return command;
    }
}
