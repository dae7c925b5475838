using Trellis.Diagnostics;
using Trellis.Yaml;
using static Trellis.Registry.Loading.RegistryFields;
using static Trellis.Registry.RegistryLoader;

namespace Trellis.Registry.Loading;

/// <summary>Reads <c>states/states.yaml</c>: each state once, by ISO3 code and by name.</summary>
internal static class StatesReader
{
    public static List<State> Read(string path, List<Diagnostic> diagnostics)
    {
        var file = Display(path);
        var states = new List<State>();
        if (!DataFile.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                $"the states table is missing; the data folder needs {StatesFile}", file));
            return states;
        }

        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "the states file");
        if (root is null)
        {
            return states;
        }

        root.AllowOnly("sources", "states");
        ReadSources(root, "the states file");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, (string Iso3, int Line)>(StringComparer.Ordinal);
        foreach (var s in root.Mappings("states", "a state", required: true))
        {
            s.AllowOnly("iso3", "name", "cow", "cowAbbrev", "region", "unMember");
            var iso3 = s.String("iso3", required: true);
            var name = s.String("name", required: true);
            var cow = s.Int("cow", min: 1);
            if (!s.Has("cow") && s.Find("cow") is null)
            {
                s.Missing("cow");
            }

            var abbrev = s.String("cowAbbrev");
            var region = s.Choice("region", Vocabulary.Regions, required: true);
            var un = s.Bool("unMember", required: true);
            if (iso3 is null)
            {
                continue;
            }

            if (!Iso3Pattern().IsMatch(iso3))
            {
                s.Add(DiagnosticCodes.InvalidValue, $"'{iso3}' is not an ISO 3166-1 alpha-3 code: three upper-case letters", s.LineOf("iso3"));
                continue;
            }

            if (seen.TryGetValue(iso3, out var firstLine))
            {
                s.Add(DiagnosticCodes.DuplicateId, $"state {iso3} is listed twice (first at line {firstLine}): keep one", s.LineOf("iso3"));
                continue;
            }

            seen[iso3] = s.LineOf("iso3");
            if (name is not null && names.TryGetValue(name, out var first))
            {
                // Names resolve map outlines and command-line hints to codes: one name, one state.
                s.Add(DiagnosticCodes.DuplicateId, $"the name '{name}' is already {first.Iso3}'s (line {first.Line}): give each state its own name", s.LineOf("name"));
                continue;
            }

            if (name is not null)
            {
                names[name] = (iso3, s.LineOf("name"));
            }

            if (name is not null && region is not null && un is not null)
            {
                states.Add(new State(iso3, name, cow, abbrev, region, un.Value));
            }
        }

        return states;
    }
}
