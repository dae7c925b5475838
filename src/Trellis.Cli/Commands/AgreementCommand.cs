using System.CommandLine;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis agreement ID</c>: everything known about one agreement.</summary>
public static class AgreementCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The agreement's id, e.g. gbr-jpn-raa (see trellis agreements)." };
        var asOf = new Option<string?>("--as-of") { Description = "Give the status on this day (YYYY-MM-DD; default today).", HelpName = "DATE" };
        var format = Formats.Option("text", "json");
        var command = new Command("agreement", "Show one agreement: parties, dates, status, sources, confidence and notes.") { id, asOf, format };
        command.SetAction(parse =>
        {
            var registry = context.LoadRegistry(parse);
            var day = CliContext.ParseDay(parse.GetValue(asOf), "--as-of", CliContext.Today);
            var wanted = parse.GetValue(id)!.Trim();
            var agreement = registry.Lookup(wanted);
            if (agreement is null)
            {
                var hint = registry.AgreementHint(wanted, " List them with: trellis agreements");
                throw new CliException([Diagnostic.Error(DiagnosticCodes.UnknownId, $"there is no agreement '{wanted}'.{hint}", "ID")]);
            }

            var view = AgreementView.Of(agreement, day);
            if (Formats.Get(parse, format) == "json")
            {
                context.Out.WriteLine(Json.Serialize(view));
                return TrellisCli.Ok;
            }

            var o = context.Out;
            o.WriteLine($"{agreement.ShortName} ({agreement.Id})");
            foreach (var line in TextTable.Wrap(agreement.Title, 78))
            {
                o.WriteLine("  " + line);
            }

            o.WriteLine();
            Field(o, "Type", $"{view.Type} (network layer: {view.Layer})");
            Field(o, "Parties", string.Join(", ", agreement.Parties.Select(p => $"{registry.FindState(p)?.Name ?? p} ({p})")));
            Field(o, "Admits", AgreementView.AdmitsText(agreement, registry));
            Field(o, "Negotiating", view.NegotiatingSince);
            Field(o, "Signed", view.Signed);
            Field(o, "In force", agreement.InForceUndated
                ? "reported in force; date not found (counted from signature)"
                : view.InForce ?? "not recorded");
            Field(o, "Ended", view.Ended);
            Field(o, "Status", $"{view.Status} on {day:yyyy-MM-dd}");
            Field(o, "Confidence", view.Confidence);
            if (agreement.SiteSpecific)
            {
                Field(o, "Access", "site-specific: only the facilities that name this agreement");
            }

            Field(o, "Reference", agreement.Ref);
            o.WriteLine();
            o.WriteLine("Sources:");
            foreach (var s in agreement.Sources)
            {
                o.WriteLine($"  - {s.Url}");
                if (s.Title is not null)
                {
                    o.WriteLine($"    {s.Title}");
                }
            }

            if (agreement.Notes is { } notes)
            {
                o.WriteLine();
                o.WriteLine("Notes:");
                foreach (var line in TextTable.Wrap(notes, 76))
                {
                    o.WriteLine("  " + line);
                }
            }

            var history = registry.Agreements.Count(a => a.Id != agreement.Id && a.Parties.All(agreement.HasParty) && a.Parties.Count == agreement.Parties.Count);
            if (agreement.Parties.Count == 2 && history > 0)
            {
                o.WriteLine();
                o.WriteLine($"Other agreements between these parties: trellis agreements --between {agreement.Parties[0]} {agreement.Parties[1]}");
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static void Field(TextWriter o, string name, string? value)
    {
        if (value is not null)
        {
            o.WriteLine($"  {name,-12}{value}");
        }
    }
}
