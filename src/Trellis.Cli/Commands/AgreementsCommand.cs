using System.CommandLine;
using Trellis.Registry;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis agreements</c>: list and filter the registry's agreements.</summary>
public static class AgreementsCommand
{
    public static Command Create(CliContext context)
    {
        var state = new Option<string?>("--state") { Description = "Only agreements to which this state (ISO3) is a party.", HelpName = "ISO3" };
        var between = new Option<string[]>("--between")
        {
            Description = "Only agreements between these two states, e.g. --between GBR JPN.",
            HelpName = "ISO3 ISO3",
            AllowMultipleArgumentsPerToken = true,
            Arity = new ArgumentArity(1, 2),
        };
        var type = new Option<string?>("--type") { Description = $"Only this type: {string.Join(", ", AgreementTypes.Names)}.", HelpName = "TYPE" };
        var status = new Option<string?>("--status") { Description = "Only this status on the as-of date: negotiating, signed, in-force, ended.", HelpName = "STATUS" };
        var asOf = new Option<string?>("--as-of") { Description = "Compute statuses on this day (YYYY-MM-DD; default today).", HelpName = "DATE" };
        var format = Formats.Option("table", "json", "csv");

        var command = new Command("agreements", "List agreements with their dates and status on a day.")
        {
            state, between, type, status, asOf, format,
        };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var day = CliContext.ParseDay(parse.GetValue(asOf), "--as-of", CliContext.Today);
            var query = new AgreementQuery { AsOf = day };
            if (parse.GetValue(state) is { } s)
            {
                query = query with { State = CliContext.ParseState(s, "--state", registry) };
            }

            if (parse.GetValue(between) is { Length: > 0 } pair)
            {
                var codes = pair.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
                if (codes.Length != 2)
                {
                    throw CliException.Option("--between", "--between takes two state codes, e.g. --between GBR JPN");
                }

                query = query with { Between = (CliContext.ParseState(codes[0], "--between", registry), CliContext.ParseState(codes[1], "--between", registry)) };
            }

            if (parse.GetValue(type) is { } t)
            {
                query = query with { Type = AgreementTypes.TryParse(t, out var parsed) ? parsed
                    : throw CliException.Option("--type", $"--type '{t}' is not a type; use one of: {string.Join(", ", AgreementTypes.Names)}") };
            }

            if (parse.GetValue(status) is { } st)
            {
                var match = Enum.GetValues<AgreementStatus>().Where(x => x.ToName() == st).ToArray();
                query = query with { Status = match.Length == 1 ? match[0]
                    : throw CliException.Option("--status", $"--status '{st}' is not a status; use negotiating, signed, in-force or ended") };
            }

            var agreements = query.Run(registry);
            switch (Formats.Get(parse, format))
            {
                case "json":
                    context.Out.WriteLine(Json.Serialize(new AgreementListView(
                        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        agreements.Count,
                        agreements.Select(a => AgreementView.Of(a, day)).ToArray())));
                    break;
                case "csv":
                    context.Out.WriteLine("id,short,type,parties,negotiatingSince,signed,inForce,ended,status,confidence,sources");
                    foreach (var a in agreements)
                    {
                        context.Out.WriteLine(string.Join(',', new[]
                        {
                            a.Id, a.ShortName, a.Type.ToName(), string.Join(' ', a.Parties), a.NegotiatingSince?.ToString(),
                            a.Signed?.ToString(), a.InForceUndated ? "unknown" : a.InForce?.ToString(), a.Ended?.ToString(), a.StatusOn(day).ToName(),
                            a.Confidence.ToString().ToLowerInvariant(), string.Join(' ', a.Sources.Select(x => x.Url)),
                        }.Select(TextTable.Csv)));
                    }

                    break;
                default:
                    // Six columns in 80: the confidence is one letter, explained under the table.
                    var table = new TextTable("ID", "TYPE", "SIGNED", "IN FORCE", "STATUS", "C");
                    foreach (var a in agreements)
                    {
                        table.Add(a.Id, a.Type.ToName(), a.Signed?.ToString() ?? "-", a.InForceUndated ? "unknown" : a.InForce?.ToString() ?? "-",
                            a.StatusOn(day).ToName(), a.Confidence.ToString()[..1].ToLowerInvariant());
                    }

                    table.Write(context.Out, 24, 14, 10, 10, 11, 1);
                    context.Out.WriteLine();
                    context.Out.WriteLine($"{agreements.Count} agreement(s); status as of {day:yyyy-MM-dd}.");
                    context.Out.WriteLine("C = confidence: h high, m medium, l low.");
                    context.Out.WriteLine("Details and sources: trellis agreement ID");
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }
}
