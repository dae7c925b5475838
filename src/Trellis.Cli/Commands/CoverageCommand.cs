using System.CommandLine;
using System.Globalization;
using Trellis.Rules;

namespace Trellis.Cli.Commands;

/// <summary>
/// <c>trellis coverage</c>: which element kinds each host's baseline has researched, read from the
/// rules (docs/assess.md, "Coverage").
/// </summary>
public static class CoverageCommand
{
    public static Command Create(CliContext context)
    {
        var format = Formats.Option("table", "json", "csv", "markdown");
        var command = new Command("coverage", "For every host with a baseline and every element kind: researched, partly (unknown lead times or low-confidence rules) or not researched.")
        {
            format,
        };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var book = RuleBook.Load(registry);
            if (book.HasErrors || book.Value is null)
            {
                throw new CliException(book.Diagnostics);
            }

            var cells = CoverageMatrix.Compute(book.Value);
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "json":
                    o.WriteLine(Json.Serialize(new { cells }));
                    break;
                case "csv":
                    o.WriteLine("host,kind,level,rules,unknownLeadTimes,lowConfidence,lowest");
                    foreach (var c in cells)
                    {
                        o.WriteLine(string.Join(',', c.Host, c.Kind, CoverageMatrix.Name(c.Level), Num(c.Rules), Num(c.UnknownLeadTimes), Num(c.LowConfidence),
                            c.Lowest?.ToString().ToLowerInvariant() ?? ""));
                    }

                    break;
                case "markdown":
                    o.Write(CoverageMatrix.Markdown(cells));
                    break;
                default:
                    var table = new TextTable(["HOST", .. RulesVocabulary.ElementKinds.Select(k => k.ToUpperInvariant())]);
                    foreach (var row in cells.GroupBy(c => c.Host))
                    {
                        table.Add([row.Key, .. row.Select(Short)]);
                    }

                    table.Write(o);
                    o.WriteLine();
                    o.WriteLine("+ researched   ~ partly (n: lines with unknown lead times or low confidence)   - not researched");
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static string Short(CoverageCell c) => c.Level switch
    {
        CoverageLevel.Researched => "+",
        CoverageLevel.Partly => "~" + Num(c.UnknownLeadTimes + c.LowConfidence),
        _ => "-",
    };

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
