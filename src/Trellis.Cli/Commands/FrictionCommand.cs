using System.CommandLine;
using System.Globalization;
using Trellis.Rules;

namespace Trellis.Cli.Commands;

/// <summary>
/// <c>trellis friction</c>: the red-tape matrix, the standard plan template assessed for every
/// ordered pair of states that have a baseline (docs/assess.md).
/// </summary>
public static class FrictionCommand
{
    public static Command Create(CliContext context)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Start the standard plan on this day, and apply the agreements in force then (YYYY-MM-DD; default today).", HelpName = "DATE" };
        var format = Formats.Option("table", "json", "csv");
        var command = new Command("friction", "The legal friction of every pair of states with a baseline: filings and longest lead time for a standard plan.")
        {
            asOf, format,
        };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var book = RuleBook.Load(registry);
            if (book.HasErrors || book.Value is null)
            {
                throw new CliException(book.Diagnostics);
            }

            var day = CliContext.ParseDay(parse.GetValue(asOf), "--as-of", CliContext.Today);
            var templatePath = Path.Combine(registry.DataDirectory ?? ".", RuleBook.ParametersFolder, FrictionMatrix.TemplateFile);
            var template = PlanLoader.LoadTemplate(templatePath);
            if (template.HasErrors || template.Value is null)
            {
                throw new CliException(template.Diagnostics);
            }

            var rows = FrictionMatrix.Compute(new Assessor(registry, book.Value), template.Value, day);
            var o = context.Out;
            switch (Formats.Get(parse, format))
            {
                case "json":
                    o.WriteLine(Json.Serialize(new { asOf = day, template = template.Value.Name, pairs = rows }));
                    break;
                case "csv":
                    o.WriteLine("sending,host,filings,authorities,longestLeadDays,unknowns,prohibitions,baselineFilings,agreements");
                    foreach (var r in rows)
                    {
                        o.WriteLine(string.Join(',', new[]
                        {
                            r.Sending, r.Host, Num(r.Filings), Num(r.Authorities), r.LongestLeadDays is { } l ? Num(l) : "", Num(r.Unknowns),
                            Num(r.Prohibitions), Num(r.BaselineFilings), string.Join(' ', r.Agreements),
                        }.Select(TextTable.Csv)));
                    }

                    break;
                default:
                    var table = new TextTable("SENDING", "HOST", "FILINGS", "AUTH", "LEAD DAYS", "UNKNOWN", "PROHIB", "NO-AGREEMENT", "AGREEMENTS");
                    foreach (var r in rows)
                    {
                        table.Add(r.Sending, r.Host, Num(r.Filings), Num(r.Authorities), r.LongestLeadDays is { } l ? Num(l) : "?", Num(r.Unknowns),
                            Num(r.Prohibitions), Num(r.BaselineFilings), r.Agreements.Count == 0 ? "-" : string.Join(", ", r.Agreements));
                    }

                    table.Write(o);
                    o.WriteLine();
                    o.WriteLine($"{rows.Count} ordered pair(s) of states with a baseline; template '{template.Value.Name}' ({template.Value.DurationDays} days) starting {day:yyyy-MM-dd}.");
                    o.WriteLine("NO-AGREEMENT: filings under the host's baseline alone. Lead days count known lead times only; see UNKNOWN.");
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
