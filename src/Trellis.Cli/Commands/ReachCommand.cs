using System.CommandLine;
using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Geo;
using Trellis.Registry;

namespace Trellis.Cli.Commands;

/// <summary><c>trellis reach</c>: the facilities each state can use within a radius of a point, and on what basis.</summary>
public static class ReachCommand
{
    public static Command Create(CliContext context)
    {
        var lat = new Option<string?>("--lat") { Description = "Latitude of the point, decimal degrees, north positive (-90 to 90). Required.", HelpName = "LAT" };
        var lon = new Option<string?>("--lon") { Description = "Longitude of the point, decimal degrees, east positive (-180 to 180). Required.", HelpName = "LON" };
        var radius = new Option<string?>("--radius-km")
        {
            Description = $"Great-circle radius in km (more than 0, at most {Geodesy.MaxRadiusKm.ToString("F1", CultureInfo.InvariantCulture)}). Required.",
            HelpName = "R",
        };
        var asOf = new Option<string?>("--as-of") { Description = "Agreements in force on this day (YYYY-MM-DD; default today).", HelpName = "DATE" };
        var with = new Option<string[]>("--with")
        {
            Description = "Add the hypothetical agreement in this folder (holding agreement.yaml); repeat for several.",
            HelpName = "DIR",
        };
        var state = new Option<string?>("--state") { Description = "Only this state (ISO3); it is listed even when it can use nothing in reach.", HelpName = "ISO3" };
        var access = new Option<string>("--access")
        {
            Description = "How to read access agreements that name no sites: any (every sofa, vfa, raa, access agreement opens all the " +
                          "other party's facilities) or reciprocal (only raa and vfa do; sofa and access only their listed sites). " +
                          "Either way an agreement opens facilities only to the parties whose forces it admits (its visitingForces).",
            HelpName = "POLICY",
            DefaultValueFactory = _ => "any",
        };
        access.AcceptOnlyFromAmong("any", "reciprocal");
        var format = Formats.Option("table", "json", "geojson");
        var command = new Command("reach",
            "For each state, the facilities within a radius of a point that it can use on a day, the agreement that grants each, " +
            "and its nearest usable facility.")
        {
            lat, lon, radius, asOf, with, state, access, format,
        };
        command.SetAction(parse =>
        {
            var problems = new List<Diagnostic>();
            var latitude = Number(parse.GetValue(lat), "--lat", "21.0", problems, Geodesy.LatitudeProblem);
            var longitude = Number(parse.GetValue(lon), "--lon", "121.0", problems, Geodesy.LongitudeProblem);
            var radiusKm = Number(parse.GetValue(radius), "--radius-km", "600", problems, Geodesy.RadiusProblem);
            if (problems.Count > 0)
            {
                throw new CliException(problems);
            }

            var registry = context.LoadRegistry(parse);
            var day = CliContext.ParseDay(parse.GetValue(asOf), "--as-of", CliContext.Today);
            var extra = LoadHypotheticals(context, parse.GetValue(with) ?? [], registry);
            var query = new ReachQuery(new GeoPoint(latitude, longitude), radiusKm, day)
            {
                State = parse.GetValue(state) is { } s ? CliContext.ParseState(s, "--state", registry) : null,
                With = extra,
                Policy = parse.GetValue(access) == "reciprocal" ? AccessPolicy.ReciprocalTypes : AccessPolicy.AnyAccessType,
            };
            var result = Reach.Compute(registry, query);
            switch (Formats.Get(parse, format))
            {
                case "json":
                    context.Out.WriteLine(Json.Serialize(ReachView.Of(result)));
                    break;
                case "geojson":
                    context.Out.WriteLine(ReachOutput.GeoJson(result));
                    break;
                default:
                    WriteTable(context.Out, result);
                    break;
            }

            return TrellisCli.Ok;
        });
        return command;
    }

    private static double Number(string? text, string option, string example, List<Diagnostic> problems, Func<double, string, string?> check)
    {
        if (text is null)
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{option} is required, e.g. {option} {example}", option));
            return 0;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"{option} '{text}' is not a number: give decimal degrees or km with a '.' decimal point, e.g. {option} {example}", option));
            return 0;
        }

        if (check(value, option) is { } problem)
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.GeoOutOfRange, problem, option));
        }

        return value;
    }

    private static Agreement[] LoadHypotheticals(CliContext context, string[] folders, AgreementRegistry registry)
    {
        var agreements = new List<Agreement>();
        var diagnostics = new List<Diagnostic>();
        foreach (var folder in folders)
        {
            var loaded = RegistryLoader.LoadHypothetical(folder, registry);
            diagnostics.AddRange(loaded.Diagnostics);
            if (!loaded.HasErrors && loaded.Value is { } agreement)
            {
                agreements.Add(agreement);
            }
        }

        if (diagnostics.Exists(d => d.Severity == Severity.Error))
        {
            throw new CliException(diagnostics);
        }

        context.WriteDiagnostics(diagnostics);
        var twice = agreements.GroupBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw CliException.Option("--with", $"--with: two folders hold agreement '{twice.Key}': give each hypothetical agreement once");
        }

        return agreements.ToArray();
    }

    private static void WriteTable(TextWriter o, ReachResult result)
    {
        var q = result.Query;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Facilities within {q.RadiusKm:0.#} km of {q.Point} usable on {q.AsOf:yyyy-MM-dd}"));
        if (q.Policy == AccessPolicy.ReciprocalTypes)
        {
            o.WriteLine("Access policy: reciprocal (sofa and access agreements grant only their listed sites)");
        }

        foreach (var h in q.With)
        {
            o.WriteLine($"With hypothetical: {h.Id} ({h.ShortName})");
        }

        o.WriteLine();
        var kmWidth = Math.Max(2, result.States.SelectMany(s => s.Facilities).Select(f => Km(f.DistanceKm).Length).DefaultIfEmpty(0).Max());
        var table = new TextTable("STATE", "FACILITY", "HOST", "KM".PadLeft(kmWidth), "GRANTED BY");
        foreach (var s in result.States)
        {
            var first = true;
            foreach (var f in s.Facilities)
            {
                table.Add(first ? s.State : "", f.Facility.Id, f.Facility.Host, Km(f.DistanceKm).PadLeft(kmWidth),
                    f.Grant.GrantedBy + (f.OnlyHypothetical ? " *" : "") + (f.Grants.Count > 1 ? $" (+{f.Grants.Count - 1})" : ""));
                first = false;
            }
        }

        if (result.GrantCount > 0)
        {
            table.Write(o, 5, 30, 4, 9, 24);
            o.WriteLine();
        }

        foreach (var s in result.States)
        {
            var nearest = s.NearestKm is { } km ? $"nearest usable facility {Km(km)} km away" : "no usable facility in the registry";
            var gain = s.Facilities.Count(f => f.OnlyHypothetical);
            var line = s.Facilities.Count switch
            {
                0 => $"{s.State}: nothing usable within the radius; {nearest}.",
                1 => $"{s.State}: 1 facility, {nearest}.",
                var n => $"{s.State}: {n} facilities, {nearest}.",
            };
            o.WriteLine(line + (gain > 0 ? $" {gain} only through hypothetical agreements (*)." : ""));
        }

        if (result.States.Count == 0)
        {
            o.WriteLine("No state can use a facility in the registry within the radius.");
        }

        o.WriteLine("KM: great-circle distance from the point.");
        o.WriteLine("(+N): N more agreements also grant the use (alsoGrantedBy in --format json).");
    }

    private static string Km(double km) => ReachOutput.Km(km).ToString("#,0.0", CultureInfo.InvariantCulture);
}
