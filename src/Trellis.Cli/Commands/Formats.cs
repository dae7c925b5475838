using System.CommandLine;

namespace Trellis.Cli.Commands;

/// <summary>The <c>--format</c> option, shared by every command that prints results.</summary>
public static class Formats
{
    public static Option<string> Option(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", formats)} (default {formats[0]}).",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static string Get(ParseResult parse, Option<string> option) => parse.GetValue(option) ?? "";
}
