using System.CommandLine;
using Trellis.Cli.Commands;
using Trellis.Diagnostics;

namespace Trellis.Cli;

/// <summary>The <c>trellis</c> command. Exit codes: 0 success, 1 bad input (data, plan or option), 2 nothing can be assessed (<c>assess</c> for a host without a baseline), 70 internal error.</summary>
public static class TrellisCli
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int NotAssessable = 2;
    public const int InternalError = 70;

    /// <summary>Runs the command line with the given writers; used by <c>Program</c> and by the tests.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        StartupTrace.Mark("main");
        var context = new CliContext(output, error);
        var root = new RootCommand(
            "Trellis: the agreements that let one state's forces train and operate on another's soil, as data with citations.");
        root.Options.Add(CliContext.DataOption);
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(AgreementsCommand.Create(context));
        root.Subcommands.Add(AgreementCommand.Create(context));
        root.Subcommands.Add(AssessCommand.Create(context));
        root.Subcommands.Add(FrictionCommand.Create(context));
        root.Subcommands.Add(ExerciseCommand.Create(context));
        root.Subcommands.Add(CoverageCommand.Create(context));
        root.Subcommands.Add(NetworkCommand.Create(context));
        root.Subcommands.Add(ReachCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));

        StartupTrace.Mark("command tree built");
        try
        {
            var parsed = root.Parse(args);
            StartupTrace.Mark("parsed");
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            context.WriteDiagnostics(ex.Diagnostics);
            return InvalidInput;
        }
        catch (DiagnosticException ex)
        {
            // A file the user named (a hypothetical agreement folder, a plan, the data) did not load: their input, not a bug.
            context.WriteDiagnostics(ex.Diagnostics);
            return InvalidInput;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("TRELLIS_DEBUG") is null)
        {
            error.WriteLine($"trellis: internal error: {ex.Message}");
            error.WriteLine("This is a bug in Trellis, not in your input. Set TRELLIS_DEBUG=1 to see the details, and report it.");
            return InternalError;
        }
        finally
        {
            StartupTrace.Print(error);
        }
    }
}
