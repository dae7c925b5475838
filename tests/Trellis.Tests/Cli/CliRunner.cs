using Trellis.Cli;

namespace Trellis.Tests.Cli;

/// <summary>Runs the <c>trellis</c> command in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    /// <summary>Runs with <c>--data</c> pointing at the repository's bundled registry unless the args name one.</summary>
    public static Result Run(params string[] args)
    {
        var withData = args.Contains("--data") ? args : [.. args, "--data", Repo.Data];
        return RunRaw(withData);
    }

    public static Result RunRaw(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TrellisCli.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
