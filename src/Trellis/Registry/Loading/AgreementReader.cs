using Trellis.Diagnostics;
using Trellis.Yaml;
using static Trellis.Registry.Loading.RegistryFields;
using static Trellis.Registry.RegistryLoader;

namespace Trellis.Registry.Loading;

/// <summary>Reads one agreement folder's <c>agreement.yaml</c>: its fields, dates, parties and id convention.</summary>
internal static class AgreementReader
{
    private static readonly string[] AgreementFields =
    [
        "id", "ref", "title", "short", "type", "parties", "negotiatingSince", "signed", "inForce", "ended",
        "siteSpecific", "visitingForces", "territory", "sources", "confidence", "notes",
    ];

    public static Agreement? Read(string folder, HashSet<string> states, List<Diagnostic> diagnostics)
    {
        var path = Path.Combine(folder, AgreementFile);
        var file = Display(path);
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        if (!DataFile.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                $"the agreement folder '{folderName}' has no {AgreementFile}: add one, or remove the folder", Display(folder)));
            return null;
        }

        var f = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "an agreement");
        if (f is null)
        {
            return null;
        }

        var errorsBefore = diagnostics.Count(d => d.Severity == Severity.Error);
        f.AllowOnly(AgreementFields);
        var id = f.String("id", required: true);
        var title = f.String("title", required: true);
        var shortName = f.String("short", required: true);
        var typeName = f.Choice("type", AgreementTypes.Names, required: true, DiagnosticCodes.UnknownType);
        var parties = ReadStates(f, "parties", states, required: true);
        var negotiating = f.Date("negotiatingSince");
        var signed = f.Date("signed");
        var inForceUndated = f.String("inForce") == "unknown";
        var inForce = inForceUndated ? null : f.Date("inForce");
        if (inForceUndated && !f.Has("signed"))
        {
            f.Add(DiagnosticCodes.NoDates,
                "'inForce: unknown' is counted from the signature, so give 'signed' too", f.LineOf("inForce"));
        }

        var ended = f.Date("ended");
        var siteSpecific = f.Bool("siteSpecific") ?? false;
        var visitingForces = ReadPartyList(f, "visitingForces", states, parties,
            "list only parties whose forces the agreement admits into the other parties' territory, or leave the field out when it covers every party's forces",
            "name the parties whose forces the agreement admits (e.g. [USA]), or leave the field out when it covers every party's forces");
        var territory = ReadPartyList(f, "territory", states, parties,
            "list only parties in whose territory the agreement applies, or leave the field out when it applies in every party's",
            "name the parties in whose territory the agreement applies (e.g. [JPN]), or leave the field out when it applies in every party's");
        var sources = ReadSources(f, "the agreement");
        var confidence = ReadConfidence(f);

        if (f.StringList("parties").Count < 2 && f.Has("parties"))
        {
            f.Add(DiagnosticCodes.BadParties, "an agreement needs at least two parties (ISO3 codes)", f.LineOf("parties"));
        }

        if (parties.Distinct(StringComparer.Ordinal).Count() != parties.Count)
        {
            f.Add(DiagnosticCodes.BadParties, "a party is listed twice: list each state once", f.LineOf("parties"));
        }

        if (negotiating is null && signed is null && !f.Has("negotiatingSince") && !f.Has("signed"))
        {
            f.Add(DiagnosticCodes.NoDates,
                "give 'signed' (the signature date) or, for an agreement not yet signed, 'negotiatingSince'", f.Line);
        }

        if (signed is { } s && inForce is { } e && e.IsCertainlyBefore(s))
        {
            f.Add(DiagnosticCodes.InForceBeforeSignature,
                $"'inForce' ({e}) is before 'signed' ({s}): an agreement cannot enter into force before it is signed; check both dates", f.LineOf("inForce"));
        }

        if (ended is { } end)
        {
            var start = inForce ?? signed;
            if (start is { } st && (end.IsCertainlyBefore(st) || (end.IsExact && st.IsExact && end.First == st.First)))
            {
                var which = inForce is null ? "'signed'" : "'inForce'";
                f.Add(DiagnosticCodes.EndedBeforeInForce,
                    $"'ended' ({end}) is not after {which} ({st}); 'ended' is the first day no longer in force, so it must come later", f.LineOf("ended"));
            }
        }

        if (id is not null)
        {
            if (typeName is not null && AgreementTypes.TryParse(typeName, out var t) && parties.Count >= 2)
            {
                CheckIdConvention(f, id, t, parties, signed ?? negotiating);
            }
        }

        if (diagnostics.Count(d => d.Severity == Severity.Error) > errorsBefore ||
            id is null || title is null || shortName is null || typeName is null || confidence is null)
        {
            return null;
        }

        var type = AgreementTypes.TryParse(typeName, out var parsed) ? parsed : throw new InvalidOperationException(typeName);
        return new Agreement(id, title, shortName, type, parties, negotiating, signed, inForce, ended, sources, confidence.Value)
        {
            SiteSpecific = siteSpecific,
            VisitingForces = visitingForces,
            Territory = territory,
            InForceUndated = inForceUndated,
            Ref = f.String("ref"),
            Notes = f.String("notes")?.Trim(),
            Folder = Path.GetFullPath(folder),
            File = file,
            IdLine = f.LineOf("id"),
        };
    }

    /// <summary>
    /// Reads a list of parties (<c>visitingForces</c>, <c>territory</c>): null when absent (every party); otherwise
    /// distinct parties, at least one. A state that is not a party is reported at its own line.
    /// </summary>
    private static List<string>? ReadPartyList(YamlFields f, string key, HashSet<string> states, List<string> parties, string notAParty, string empty)
    {
        if (f.Find(key) is null)
        {
            return null;
        }

        var entries = f.StringList(key);
        var result = new List<string>();
        foreach (var (code, line) in entries)
        {
            if (!CheckState(f, key, code, line, states))
            {
                continue;
            }

            if (!parties.Contains(code))
            {
                f.Add(DiagnosticCodes.BadVisitingForces, $"'{code}' in '{key}' is not a party ({string.Join(", ", parties)}): {notAParty}", line);
            }
            else if (result.Contains(code))
            {
                f.Add(DiagnosticCodes.BadVisitingForces, $"'{code}' is listed twice in '{key}': list each state once", line);
            }
            else
            {
                result.Add(code);
            }
        }

        if (entries.Count == 0)
        {
            f.Add(DiagnosticCodes.BadVisitingForces, $"'{key}' is empty: {empty}", f.LineOf(key));
        }

        return result;
    }

    private static void CheckIdConvention(YamlFields f, string id, AgreementType type, IReadOnlyList<string> parties, PartialDate? year)
    {
        var line = f.LineOf("id");
        if (!SlugPattern().IsMatch(id))
        {
            f.Add(DiagnosticCodes.IdConvention,
                $"the id '{id}' should be lower-case words joined by '-' (letters and digits only)", line);
            return;
        }

        if (parties.Count > 2)
        {
            return;
        }

        var expected = string.Join('-', parties.Select(p => p.ToLowerInvariant()).Order(StringComparer.Ordinal)) + "-" + type.ToName();
        if (id == expected)
        {
            return;
        }

        var suffix = YearSuffixPattern().Match(id);
        if (suffix.Success && id[..^5] == expected)
        {
            if (year is { } y && suffix.Groups[1].Value != y.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
            {
                f.Add(DiagnosticCodes.IdConvention,
                    $"the id '{id}' ends in {suffix.Groups[1].Value} but the agreement was signed (or negotiations began) in {y.Year}: use {expected}-{y.Year}", line);
            }

            return;
        }

        // Two such agreements signed in the same year (the US–Philippine VFA-1 and its counterpart of 1998) cannot be told
        // apart by a year: the later one takes a word the sources name it by (phl-usa-vfa-counterpart).
        if (id.StartsWith(expected + "-", StringComparison.Ordinal) && WordSuffixPattern().IsMatch(id[(expected.Length + 1)..]))
        {
            return;
        }

        f.Add(DiagnosticCodes.IdConvention,
            $"the id '{id}' does not follow the convention for a bilateral {type.ToName()} agreement: use '{expected}' " +
            $"(parties' ISO3 codes in lower case, alphabetical, then the type; add -YYYY only where two such agreements exist, " +
            $"or a word such as -counterpart where they were also signed in the same year)", line);
    }
}
