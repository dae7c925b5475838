using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Exercises;

/// <summary>
/// Builds an <see cref="ExerciseEvent"/> from a registry edition or an event file (docs/exercises.md,
/// <c>schemas/exercise-event.schema.json</c>), reporting every problem with its code and, for a file, its line.
/// </summary>
public static class EventLoader
{
    private static readonly string[] Fields = ["name", "hosts", "heldIn", "start", "end", "participants", "plans", "notes"];

    /// <summary>
    /// The edition <paramref name="edition"/> (a year, or an edition's name such as <c>VI24</c> when a year has two) of the
    /// registry exercise <paramref name="exerciseId"/>, held in <paramref name="heldIn"/> (default: the first host, with
    /// TRL218 when there are several). An unknown exercise or edition is TRL901; an edition without exact days TRL215.
    /// <paramref name="option"/> names where the edition came from in messages (<c>--edition</c>, <c>edition</c>).
    /// </summary>
    public static LoadResult<ExerciseEvent> FromEdition(AgreementRegistry registry, string exerciseId, string? edition, string? heldIn = null,
        string option = "--edition")
    {
        var diagnostics = new List<Diagnostic>();
        var exercise = registry.Exercises.FirstOrDefault(e => string.Equals(e.Id, exerciseId.Trim(), StringComparison.OrdinalIgnoreCase));
        if (exercise is null)
        {
            var hint = YamlFields.Suggest(exerciseId.Trim().ToLowerInvariant(), registry.Exercises.Select(e => e.Id)) is { } s
                ? $" Did you mean '{s}'?"
                : $" The exercises are: {string.Join(", ", registry.Exercises.Select(e => e.Id))}.";
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownId, $"'{exerciseId}' is not an exercise in the registry (data/exercises/exercises.yaml).{hint}", exerciseId));
            return new(null, diagnostics);
        }

        var editions = Editions(exercise);
        if (string.IsNullOrWhiteSpace(edition))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{exercise.Name}: say which edition with {option} YEAR; the registry has {editions}", option));
            return new(null, diagnostics);
        }

        var text = edition.Trim();
        var matching = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? exercise.Editions.Where(e => e.Year == year).ToArray()
            : exercise.Editions.Where(e => string.Equals(e.Name, text, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (matching.Length == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownId, $"{exercise.Name} has no edition '{text}' in the registry; it has {editions}", option));
            return new(null, diagnostics);
        }

        if (matching.Length > 1)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"{exercise.Name} has {matching.Length} editions in {text}: {string.Join("; ", matching.Select(Describe))}; give the edition's name instead of the year", option));
            return new(null, diagnostics);
        }

        var e = matching[0];
        var label = $"{exercise.Id} {e.Year}{(e.Name is { } n ? $" ({n})" : "")}";
        if (e.Start is not { IsExact: true } start || e.End is not { IsExact: true } end)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.EditionDatesUnknown,
                $"the edition {label} has {(e.Start is { } s0 ? $"start {s0}" : "no start")} and {(e.End is { } e0 ? $"end {e0}" : "no end")} in the registry: " +
                "an event is assessed over exact days; write an event file with the days you plan for (docs/exercises.md)", label));
            return new(null, diagnostics);
        }

        var held = HeldIn(exercise.Hosts, heldIn, label, "--held-in", 0, registry, diagnostics);
        if (held is null)
        {
            return new(null, diagnostics);
        }

        var participants = exercise.Participants.Concat(exercise.Hosts).Distinct(StringComparer.Ordinal).ToArray();
        return new(new ExerciseEvent(e.Name ?? $"{exercise.Name} {e.Year}", exercise.Hosts, held, start.First, end.First, participants)
        {
            ExerciseId = exercise.Id,
            EditionYear = e.Year,
            Notes = string.Join(" ", new[] { e.Notes, exercise.Notes }.Where(x => !string.IsNullOrWhiteSpace(x))),
            Warnings = diagnostics.Where(d => d.Severity == Severity.Warning).ToArray(),
        }, diagnostics);
    }

    /// <summary>Reads an event file; plan paths in it are relative to the file's folder.</summary>
    public static LoadResult<ExerciseEvent> Load(string path, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        var file = RegistryLoader.Display(path);
        if (DataFile.KindOf(path) is PathKind.Missing or PathKind.Folder)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                "the event file does not exist: give a registry exercise id with --edition YEAR, or the path of an event YAML file (docs/exercises.md; samples/events/ has one)", file));
            return new(null, diagnostics);
        }

        var node = YamlDocument.Load(path, file, diagnostics);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new(node is null ? null : Read(node, file, directory, registry, diagnostics), diagnostics);
    }

    /// <summary>Reads an event from YAML text; plan paths are relative to <paramref name="directory"/>.</summary>
    public static LoadResult<ExerciseEvent> Parse(string text, string file, string directory, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        var node = YamlDocument.Parse(text, file, diagnostics);
        return new(node is null ? null : Read(node, file, directory, registry, diagnostics), diagnostics);
    }

    /// <summary>
    /// The event with the plans given on the command line (<c>--plan ISO3=FILE</c>, paths as given) added, replacing the
    /// event file's for the same state. A state that sends no forces is TRL213; an unknown state TRL010.
    /// </summary>
    public static LoadResult<ExerciseEvent> WithPlans(ExerciseEvent ev, IEnumerable<(string State, string Path)> plans, AgreementRegistry registry,
        string option = "--plan")
    {
        var diagnostics = new List<Diagnostic>();
        var merged = new Dictionary<string, string>(ev.Plans, StringComparer.Ordinal);
        foreach (var (state, path) in plans)
        {
            var code = state.Trim().ToUpperInvariant();
            if (CheckPlanState(ev, code, registry) is { } problem)
            {
                diagnostics.Add(Diagnostic.Error(problem.Code, $"{option} {state}={path}: {problem.Message}", option));
                continue;
            }

            merged[code] = Path.GetFullPath(path);
        }

        return new(diagnostics.Count == 0 ? ev with { Plans = merged } : null, diagnostics);
    }

    /// <summary>Splits <c>ISO3=FILE</c>; null with a TRL900 diagnostic when there is no <c>=</c>.</summary>
    public static (string State, string Path)? ParsePlanOption(string text, string option, ICollection<Diagnostic> diagnostics)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0 || at == text.Length - 1)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{option} '{text}': write ISO3=FILE, e.g. {option} JPN=samples/plans/jpn-rimpac-like-exercise-in-hawaii.yaml", option));
            return null;
        }

        return (text[..at].Trim(), text[(at + 1)..].Trim());
    }

    private static ExerciseEvent? Read(YamlNode node, string file, string directory, AgreementRegistry registry, List<Diagnostic> diagnostics)
    {
        var f = YamlFields.Of(node, file, diagnostics, "an exercise event");
        if (f is null)
        {
            return null;
        }

        var errorsBefore = Errors(diagnostics);
        f.AllowOnly(Fields);
        var name = f.String("name", required: true)?.Trim();
        var hosts = States(f, "hosts", registry, required: true);
        var participants = States(f, "participants", registry, required: true);
        var start = Day(f, "start");
        var end = Day(f, "end");
        if (start is { } s && end is { } e && e < s)
        {
            f.Add(DiagnosticCodes.EndBeforeStart, $"'end' ({e:yyyy-MM-dd}) is before 'start' ({s:yyyy-MM-dd}); 'end' is the event's last day (inclusive)", f.LineOf("end"));
        }

        if (f.Has("hosts") && hosts.Count == 0)
        {
            f.Add(DiagnosticCodes.InvalidValue, "'hosts' is empty: list the hosting state (or states), e.g. hosts: [USA]", f.LineOf("hosts"));
        }

        var held = hosts.Count == 0 ? null : HeldIn(hosts, f.String("heldIn")?.Trim(), file, "heldIn", f.LineOf("heldIn"), registry, diagnostics);
        var all = participants.Concat(hosts).Distinct(StringComparer.Ordinal).ToArray();
        var plans = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.Mapping("plans", "the event's plans") is { } p && held is not null)
        {
            var probe = new ExerciseEvent(name ?? "", hosts, held, default, default, all);
            foreach (var key in p.Keys())
            {
                var code = key.Trim().ToUpperInvariant();
                var line = p.LineOf(key);
                if (CheckPlanState(probe, code, registry) is { } problem)
                {
                    p.Add(problem.Code, $"plans: {key}: {problem.Message}", line);
                    continue;
                }

                if (p.String(key) is not { Length: > 0 } relative)
                {
                    p.Add(DiagnosticCodes.InvalidValue, $"plans: {key} should be the path of a plan file, relative to the event file; leave the state out to use the standard plan", line);
                    continue;
                }

                plans[code] = Path.GetFullPath(Path.Combine(directory, relative.Trim()));
            }
        }

        if (Errors(diagnostics) > errorsBefore || name is null || held is null || start is null || end is null || participants.Count == 0)
        {
            return null;
        }

        return new ExerciseEvent(name, hosts, held, start.Value, end.Value, all)
        {
            File = file,
            Plans = plans,
            Notes = f.String("notes")?.Trim(),
            Warnings = diagnostics.Where(d => d.Severity == Severity.Warning).ToArray(),
        };
    }

    private static int Errors(List<Diagnostic> diagnostics) => diagnostics.Count(d => d.Severity == Severity.Error);

    /// <summary>Why <paramref name="state"/> cannot have a plan in <paramref name="ev"/>; null when it can.</summary>
    private static Diagnostic? CheckPlanState(ExerciseEvent ev, string state, AgreementRegistry registry)
    {
        if (!registry.HasState(state))
        {
            return Diagnostic.Error(DiagnosticCodes.UnknownState, $"'{state}' is not a state code in the registry: use ISO 3166-1 alpha-3 (JPN, GBR, AUS)");
        }

        if (state == ev.HeldIn)
        {
            return Diagnostic.Error(DiagnosticCodes.EventPlanNotForSending,
                $"the event is held in {state}: its own forces are at home and are not assessed; give plans for the sending states ({string.Join(", ", ev.SendingStates)})");
        }

        if (!ev.Participants.Contains(state, StringComparer.Ordinal))
        {
            return Diagnostic.Error(DiagnosticCodes.EventPlanNotForSending,
                $"{state} is not a participant of {ev.Name}: add it to the participants, or give plans for {string.Join(", ", ev.SendingStates)}");
        }

        return null;
    }

    private static string? HeldIn(IReadOnlyList<string> hosts, string? given, string where, string field, int line, AgreementRegistry registry, List<Diagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            if (hosts.Count > 1)
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.HeldInAssumed,
                    $"the event has several hosts ({string.Join(", ", hosts)}) and the data does not say where it is held: assessed in {hosts[0]}; name the state with {field}",
                    where, line));
            }

            return hosts[0];
        }

        var code = given.Trim().ToUpperInvariant();
        if (hosts.Contains(code, StringComparer.Ordinal))
        {
            return code;
        }

        diagnostics.Add(Diagnostic.Error(registry.HasState(code) ? DiagnosticCodes.HeldInNotAHost : DiagnosticCodes.UnknownState,
            $"{field} '{given}' is not one of the event's hosts ({string.Join(", ", hosts)}): name one of them", where, line));
        return null;
    }

    private static List<string> States(YamlFields f, string key, AgreementRegistry registry, bool required)
    {
        var result = new List<string>();
        foreach (var (value, line) in f.StringList(key, required))
        {
            var code = value.Trim().ToUpperInvariant();
            if (!registry.HasState(code))
            {
                var hint = YamlFields.Suggest(code, registry.States.Select(s => s.Iso3)) is { } s ? $" Did you mean {s}?" : "";
                f.Add(DiagnosticCodes.UnknownState, $"'{value}' in '{key}' is not a state code in the registry (data/states/states.yaml).{hint}", line);
            }
            else if (result.Contains(code, StringComparer.Ordinal))
            {
                f.Add(DiagnosticCodes.DuplicateId, $"{code} is listed twice in '{key}'", line);
            }
            else
            {
                result.Add(code);
            }
        }

        return result;
    }

    private static DateOnly? Day(YamlFields f, string key)
    {
        if (f.Date(key, required: true) is not { } date)
        {
            return null;
        }

        if (!date.IsExact)
        {
            f.Add(DiagnosticCodes.InvalidDate, $"'{key}' is '{date}': an event needs the day (YYYY-MM-DD)", f.LineOf(key));
            return null;
        }

        if (SupportedDates.OutOfRange(date.First, key) is { } problem)
        {
            f.Add(DiagnosticCodes.DateOutOfRange, problem, f.LineOf(key));
            return null;
        }

        return date.First;
    }

    private static string Editions(Exercise exercise) =>
        exercise.Editions.Count == 0 ? "no editions" : "editions " + string.Join(", ", exercise.Editions.OrderBy(e => e.Year).Select(Describe));

    private static string Describe(ExerciseEdition e)
    {
        var parts = new[] { e.Name, e.Start is { } s ? $"from {s}" : null, e.End is { } x ? $"to {x}" : null }.Where(p => p is not null).ToArray();
        return parts.Length == 0 ? $"{e.Year} (no dates)" : $"{e.Year} ({string.Join(", ", parts)})";
    }
}
