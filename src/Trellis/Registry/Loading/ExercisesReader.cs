using Trellis.Diagnostics;
using Trellis.Yaml;
using static Trellis.Registry.Loading.RegistryFields;
using static Trellis.Registry.RegistryLoader;

namespace Trellis.Registry.Loading;

/// <summary>Reads <c>exercises/exercises.yaml</c>: exercises and their editions.</summary>
internal static class ExercisesReader
{
    public static List<Exercise> Read(string path, HashSet<string> states, List<Diagnostic> diagnostics)
    {
        var result = new List<Exercise>();
        if (!DataFile.Exists(path))
        {
            return result;
        }

        var file = Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "the exercises file");
        if (root is null)
        {
            return result;
        }

        root.AllowOnly("exercises");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var x in root.Mappings("exercises", "an exercise", required: true))
        {
            var errorsBefore = diagnostics.Count;
            x.AllowOnly("id", "ref", "name", "hosts", "participants", "observers", "frequency", "since", "editions", "sources", "confidence", "notes");
            var id = x.String("id", required: true);
            var name = x.String("name", required: true);
            var hosts = ReadStates(x, "hosts", states, required: true);
            var participants = ReadStates(x, "participants", states);
            var observers = ReadStates(x, "observers", states);
            var frequency = x.Choice("frequency", Vocabulary.ExerciseFrequencies);
            var since = x.Int("since", min: 1900);
            var sources = ReadSources(x, "the exercise");
            var confidence = ReadConfidence(x);
            CheckEntryId(x, id, seen, "exercise");

            var editions = new List<ExerciseEdition>();
            foreach (var e in x.Mappings("editions", "an exercise edition"))
            {
                e.AllowOnly("year", "name", "start", "end", "personnel", "nations", "ships", "aircraft", "notes");
                var year = e.Int("year", required: true, min: 1900);
                var start = e.Date("start");
                var end = e.Date("end");
                if (start is { } st && end is { } en && en.IsCertainlyBefore(st))
                {
                    e.Add(DiagnosticCodes.EndBeforeStart, $"'end' ({en}) is before 'start' ({st})", e.LineOf("end"));
                }

                if (year is not null)
                {
                    editions.Add(new ExerciseEdition(year.Value, e.String("name"), start, end)
                    {
                        Personnel = e.Int("personnel", min: 0),
                        Nations = e.Int("nations", min: 0),
                        Ships = e.Int("ships", min: 0),
                        Aircraft = e.Int("aircraft", min: 0),
                        Notes = e.String("notes")?.Trim(),
                    });
                }
            }

            if (diagnostics.Count == errorsBefore && id is not null && name is not null && confidence is not null)
            {
                result.Add(new Exercise(id, name, hosts, participants, observers, frequency, since, editions, sources, confidence.Value)
                {
                    Ref = x.String("ref"),
                    Notes = x.String("notes")?.Trim(),
                });
            }
        }

        return result;
    }
}
