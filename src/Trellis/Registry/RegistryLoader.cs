using System.Text.RegularExpressions;
using Trellis.Diagnostics;
using Trellis.Yaml;

namespace Trellis.Registry;

/// <summary>The outcome of a load: a snapshot when there were no errors, and every diagnostic found.</summary>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics) where T : class
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The value, or a <see cref="DiagnosticException"/> carrying every error.</summary>
    public T GetValueOrThrow() => !HasErrors && Value is not null ? Value : throw new DiagnosticException(Diagnostics);
}

/// <summary>
/// Reads the registry from a data folder (see <c>docs/data-format.md</c>) and checks it.
/// Loading never stops at the first problem: it reports every diagnostic at once, each with
/// a stable code, <c>file:line</c> and how to fix it. No snapshot is returned when any error is found.
/// </summary>
public static partial class RegistryLoader
{
    public const string StatesFile = "states/states.yaml";
    public const string FacilitiesFile = "facilities/facilities.yaml";
    public const string ExercisesFile = "exercises/exercises.yaml";
    public const string AgreementsFolder = "agreements";
    public const string AgreementFile = "agreement.yaml";

    private static readonly string[] AgreementFields =
    [
        "id", "ref", "title", "short", "type", "parties", "negotiatingSince", "signed", "inForce", "ended",
        "siteSpecific", "visitingForces", "sources", "confidence", "notes",
    ];

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Iso3Pattern();

    [GeneratedRegex("-(\\d{4})$")]
    private static partial Regex YearSuffixPattern();

    /// <summary>True when <paramref name="dataDirectory"/> looks like a Trellis data folder.</summary>
    public static bool IsDataDirectory(string dataDirectory) => DataFile.Exists(Path.Combine(dataDirectory, StatesFile));

    /// <summary>Loads and checks the whole registry under <paramref name="dataDirectory"/>.</summary>
    public static LoadResult<AgreementRegistry> Load(string dataDirectory)
    {
        var diagnostics = new List<Diagnostic>();
        if (DataFile.KindOf(dataDirectory) != PathKind.Folder)
        {
            diagnostics.Add(DataFile.Exists(dataDirectory)
                ? Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file, not a data folder; pass --data with a folder holding {StatesFile} and {AgreementsFolder}/", Display(dataDirectory))
                : Diagnostic.Error(DiagnosticCodes.MissingFile,
                    $"the data folder does not exist; pass --data with a folder holding {StatesFile} and {AgreementsFolder}/", Display(dataDirectory)));
            return new(null, diagnostics);
        }

        var states = LoadStates(Path.Combine(dataDirectory, StatesFile), diagnostics);
        var stateCodes = states.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);

        var agreements = new List<Agreement>();
        var agreementsDir = Path.Combine(dataDirectory, AgreementsFolder);
        if (Folders(agreementsDir, "an agreement folder", diagnostics) is { } folders)
        {
            foreach (var folder in folders)
            {
                if (LoadAgreementFolder(folder, stateCodes, diagnostics) is { } agreement)
                {
                    agreements.Add(agreement);
                }
            }
        }
        else if (!DataFile.Exists(agreementsDir))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                $"there is no {AgreementsFolder}/ folder: create it with one folder per agreement", Display(agreementsDir)));
        }

        CheckAgreementSet(agreements, diagnostics);
        var facilities = LoadFacilities(Path.Combine(dataDirectory, FacilitiesFile), stateCodes, agreements, diagnostics);
        var exercises = LoadExercises(Path.Combine(dataDirectory, ExercisesFile), stateCodes, diagnostics);

        var registry = diagnostics.Any(d => d.Severity == Severity.Error)
            ? null
            : new AgreementRegistry(states, agreements, facilities, exercises, Path.GetFullPath(dataDirectory));
        return new(registry, diagnostics);
    }

    /// <summary>
    /// Loads one agreement folder that is not part of the registry (a draft, for what-if), checked
    /// against the registry's states. The agreement is marked <see cref="Agreement.Hypothetical"/>.
    /// </summary>
    public static LoadResult<Agreement> LoadHypothetical(string folder, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        if (!Directory.Exists(folder))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                $"the agreement folder does not exist: give a folder holding {AgreementFile}", Display(folder)));
            return new(null, diagnostics);
        }

        var codes = registry.States.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var agreement = LoadAgreementFolder(folder, codes, diagnostics);
        return new(agreement is null ? null : agreement with { Hypothetical = true }, diagnostics);
    }

    /// <summary>
    /// The sub-folders of <paramref name="folder"/> in name order; null when it is not there (or, after a
    /// TRL008 diagnostic, is not a folder). An entry that is not a folder, where only folders belong, is
    /// reported (TRL008); hidden entries (<c>.DS_Store</c>, <c>.gitkeep</c>) are left alone.
    /// </summary>
    public static IReadOnlyList<string>? Folders(string folder, string what, ICollection<Diagnostic> diagnostics)
    {
        switch (DataFile.KindOf(folder))
        {
            case PathKind.Missing:
                return null;
            case PathKind.File or PathKind.Other:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file where a folder is expected: replace it with a folder (each {what[(what.IndexOf(' ') + 1)..]} goes inside it; docs/data-format.md)", Display(folder)));
                return null;
        }

        var result = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(entry).StartsWith('.'))
            {
                continue;
            }

            if (DataFile.KindOf(entry) == PathKind.Folder)
            {
                result.Add(entry);
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file where {what} is expected: move it into a folder of its own, or remove it", Display(entry)));
            }
        }

        return result;
    }

    /// <summary>
    /// The entries of <paramref name="folder"/> named <c>*<paramref name="extension"/></c> in name order, folders
    /// included so that reading one reports it (TRL008) instead of skipping it; empty when the folder is not
    /// there, and a TRL008 diagnostic when it is a file.
    /// </summary>
    public static IReadOnlyList<string> FilesIn(string folder, string extension, ICollection<Diagnostic> diagnostics)
    {
        switch (DataFile.KindOf(folder))
        {
            case PathKind.Missing:
                return [];
            case PathKind.File or PathKind.Other:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    $"this is a file where a folder of {extension} files is expected: make it a folder", Display(folder)));
                return [];
        }

        return Directory.EnumerateFileSystemEntries(folder, "*" + extension)
            .Where(p => p.EndsWith(extension, StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A path as shown in diagnostics: relative to the working folder when inside it.</summary>
    public static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    private static List<State> LoadStates(string path, List<Diagnostic> diagnostics)
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

    private static Agreement? LoadAgreementFolder(string folder, HashSet<string> states, List<Diagnostic> diagnostics)
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
        var visitingForces = ReadVisitingForces(f, states, parties);
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
            InForceUndated = inForceUndated,
            Ref = f.String("ref"),
            Notes = f.String("notes")?.Trim(),
            Folder = Path.GetFullPath(folder),
            File = file,
            IdLine = f.LineOf("id"),
        };
    }

    /// <summary>
    /// Reads <c>visitingForces</c>: null when absent (every party's forces); otherwise distinct parties, at least one.
    /// A state that is not a party is reported at its own line.
    /// </summary>
    private static List<string>? ReadVisitingForces(YamlFields f, HashSet<string> states, List<string> parties)
    {
        const string key = "visitingForces";
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
                f.Add(DiagnosticCodes.BadVisitingForces,
                    $"'{code}' in '{key}' is not a party ({string.Join(", ", parties)}): list only parties whose forces the agreement " +
                    "admits into the other parties' territory, or leave the field out when it covers every party's forces", line);
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
            f.Add(DiagnosticCodes.BadVisitingForces,
                $"'{key}' is empty: name the parties whose forces the agreement admits (e.g. [USA]), or leave the field out when it covers every party's forces",
                f.LineOf(key));
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

        f.Add(DiagnosticCodes.IdConvention,
            $"the id '{id}' does not follow the convention for a bilateral {type.ToName()} agreement: use '{expected}' " +
            $"(parties' ISO3 codes in lower case, alphabetical, then the type; add -YYYY only where two such agreements exist)", line);
    }

    private static void CheckAgreementSet(List<Agreement> agreements, List<Diagnostic> diagnostics)
    {
        foreach (var group in agreements.GroupBy(a => a.Id, StringComparer.Ordinal))
        {
            // The copy in the folder of the same name is the original; any other is the duplicate.
            var original = group.FirstOrDefault(a => FolderName(a) == a.Id) ?? group.First();
            foreach (var other in group.Where(a => !ReferenceEquals(a, original)))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateId,
                    $"the id '{other.Id}' is already used at {original.File}:{original.IdLine}: give each agreement its own id, equal to its folder name ('{FolderName(other)}')",
                    other.File, other.IdLine));
            }

            if (FolderName(original) != original.Id)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IdFolderMismatch,
                    $"the id '{original.Id}' differs from its folder name '{FolderName(original)}': rename the folder or the id so they match",
                    original.File, original.IdLine));
            }
        }

        // A -YYYY suffix is for two agreements of one type between the same pair; then every one of them carries it.
        var bilateral = agreements.Where(a => a.Parties.Count == 2)
            .GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        foreach (var group in bilateral.GroupBy(a => BaseId(a), StringComparer.Ordinal))
        {
            var members = group.ToArray();
            var suffixed = members.Where(a => a.Id != group.Key).ToArray();
            if (members.Length == 1 && suffixed.Length == 1)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IdConvention,
                    $"the id '{members[0].Id}' has a year suffix but it is the only {members[0].Type.ToName()} agreement between its parties: use '{group.Key}'",
                    members[0].File, members[0].IdLine));
            }
            else if (members.Length > 1 && suffixed.Length < members.Length)
            {
                var plain = members.First(a => a.Id == group.Key);
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IdConvention,
                    $"there are {members.Length} {plain.Type.ToName()} agreements between {string.Join(" and ", plain.Parties)}: give each a -YYYY suffix (year of signature), e.g. '{group.Key}-{(plain.Signed ?? plain.NegotiatingSince)?.Year}'",
                    plain.File, plain.IdLine));
            }
        }
    }

    private static string FolderName(Agreement a) => Path.GetFileName(Path.TrimEndingDirectorySeparator(a.Folder ?? ""));

    private static string BaseId(Agreement a) =>
        string.Join('-', a.Parties.Select(p => p.ToLowerInvariant()).Order(StringComparer.Ordinal)) + "-" + a.Type.ToName();

    private static List<Facility> LoadFacilities(string path, HashSet<string> states, List<Agreement> agreements, List<Diagnostic> diagnostics)
    {
        var result = new List<Facility>();
        if (!DataFile.Exists(path))
        {
            return result;
        }

        var file = Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "the facilities file");
        if (root is null)
        {
            return result;
        }

        root.AllowOnly("facilities");
        // Two agreements may share an id here (CheckAgreementSet has reported it, TRL011): the first one stands.
        var byId = new Dictionary<string, Agreement>(StringComparer.Ordinal);
        foreach (var a in agreements)
        {
            byId.TryAdd(a.Id, a);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in root.Mappings("facilities", "a facility", required: true))
        {
            var errorsBefore = diagnostics.Count;
            f.AllowOnly("id", "ref", "name", "host", "lat", "lon", "approximate", "kind", "role", "users", "sources", "confidence", "notes");
            var id = f.String("id", required: true);
            var name = f.String("name", required: true);
            var host = ReadState(f, "host", states, required: true);
            var lat = f.Double("lat", required: true);
            var lon = f.Double("lon", required: true);
            var kind = f.Choice("kind", Vocabulary.FacilityKinds, required: true);
            var sources = ReadSources(f, "the facility");
            var confidence = ReadConfidence(f);
            if (lat is { } la && la is < -90 or > 90)
            {
                f.Add(DiagnosticCodes.InvalidCoordinate, $"'lat' is {la}: a latitude lies between -90 and 90 (south is negative)", f.LineOf("lat"));
            }

            if (lon is { } lo && lo is < -180 or > 180)
            {
                f.Add(DiagnosticCodes.InvalidCoordinate, $"'lon' is {lo}: a longitude lies between -180 and 180 (west is negative)", f.LineOf("lon"));
            }

            CheckEntryId(f, id, seen, "facility");

            var users = new List<FacilityUser>();
            foreach (var u in f.Mappings("users", "a facility user"))
            {
                u.AllowOnly("state", "agreement");
                var state = ReadState(u, "state", states, required: true);
                var agreementId = u.String("agreement");
                if (agreementId is not null && !byId.ContainsKey(agreementId))
                {
                    var hint = YamlFields.Suggest(agreementId, byId.Keys) is { } s ? $" Did you mean '{s}'?" : "";
                    u.Add(DiagnosticCodes.UnknownAgreement, $"the agreement '{agreementId}' is not in the registry.{hint}", u.LineOf("agreement"));
                }
                else if (agreementId is not null && state is not null && !byId[agreementId].HasParty(state))
                {
                    u.Add(DiagnosticCodes.UnknownAgreement, $"{state} is not a party to '{agreementId}', so that agreement cannot grant it use of this facility", u.LineOf("agreement"));
                }
                else if (agreementId is not null && state is not null && !byId[agreementId].AdmitsForcesOf(state))
                {
                    u.Add(DiagnosticCodes.BadVisitingForces,
                        $"'{agreementId}' admits only the forces of {string.Join(", ", byId[agreementId].VisitingForces!)} (its 'visitingForces'), " +
                        $"so it cannot grant {state} use of this facility: name the agreement that does, or correct 'visitingForces'", u.LineOf("agreement"));
                }

                if (state is not null)
                {
                    users.Add(new FacilityUser(state, agreementId));
                }
            }

            if (diagnostics.Count == errorsBefore && id is not null && name is not null && host is not null &&
                lat is not null && lon is not null && kind is not null && confidence is not null)
            {
                result.Add(new Facility(id, name, host, lat.Value, lon.Value, f.Bool("approximate") ?? false, kind,
                    f.String("role"), users, sources, confidence.Value)
                {
                    Ref = f.String("ref"),
                    Notes = f.String("notes")?.Trim(),
                });
            }
        }

        return result;
    }

    private static List<Exercise> LoadExercises(string path, HashSet<string> states, List<Diagnostic> diagnostics)
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

    /// <summary>Checks a facility's or exercise's id: a slug, used once in its file.</summary>
    private static void CheckEntryId(YamlFields f, string? id, Dictionary<string, int> seen, string what)
    {
        if (id is null)
        {
            return;
        }

        if (!SlugPattern().IsMatch(id))
        {
            f.Add(DiagnosticCodes.IdConvention, $"the {what} id '{id}' should be lower-case words joined by '-'", f.LineOf("id"));
        }
        else if (seen.TryGetValue(id, out var firstLine))
        {
            f.Add(DiagnosticCodes.DuplicateId, $"the {what} id '{id}' is used twice (first at line {firstLine}): give each {what} its own id", f.LineOf("id"));
        }
        else
        {
            seen[id] = f.LineOf("id");
        }
    }

    private static List<string> ReadStates(YamlFields f, string key, HashSet<string> states, bool required = false)
    {
        var result = new List<string>();
        foreach (var (code, line) in f.StringList(key, required))
        {
            if (CheckState(f, key, code, line, states))
            {
                result.Add(code);
            }
        }

        return result;
    }

    private static string? ReadState(YamlFields f, string key, HashSet<string> states, bool required = false)
    {
        var code = f.String(key, required);
        return code is not null && CheckState(f, key, code, f.LineOf(key), states) ? code : null;
    }

    private static bool CheckState(YamlFields f, string key, string code, int line, HashSet<string> states)
    {
        if (states.Contains(code))
        {
            return true;
        }

        if (states.Count == 0)
        {
            return Iso3Pattern().IsMatch(code); // the states table itself failed; do not pile up errors
        }

        var upper = code.ToUpperInvariant();
        var hint = states.Contains(upper)
            ? $" Write it in upper case: '{upper}'."
            : YamlFields.Suggest(code, states) is { } s ? $" Did you mean '{s}'?" : "";
        f.Add(DiagnosticCodes.UnknownState,
            $"'{code}' in '{key}' is not a state code in {StatesFile}: use ISO 3166-1 alpha-3 (JPN, GBR, AUS).{hint}", line);
        return false;
    }

    private static List<Source> ReadSources(YamlFields f, string what)
    {
        var sources = new List<Source>();
        var entries = f.Mappings("sources", "a source");
        foreach (var s in entries)
        {
            s.AllowOnly("url", "title");
            var url = s.String("url", required: true);
            if (url is null)
            {
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                s.Add(DiagnosticCodes.InvalidUrl, $"the source url '{url}' is not an absolute http(s) URL: cite the original page", s.LineOf("url"));
                continue;
            }

            sources.Add(new Source(url, s.String("title")));
        }

        if (entries.Count == 0)
        {
            f.Add(DiagnosticCodes.MissingSource,
                $"{what} has no source: add 'sources:' with at least one '- url: https://...' to the page that states it", f.Has("sources") ? f.LineOf("sources") : f.Line);
        }

        return sources;
    }

    private static Confidence? ReadConfidence(YamlFields f)
    {
        if (!f.Has("confidence"))
        {
            f.Add(DiagnosticCodes.MissingConfidence,
                "no 'confidence': add 'confidence: high' (official text), 'medium' (reputable press) or 'low' (secondary, unverified)", f.Line);
            return null;
        }

        return f.Choice("confidence", Vocabulary.Confidences) switch
        {
            "high" => Confidence.High,
            "medium" => Confidence.Medium,
            "low" => Confidence.Low,
            _ => null,
        };
    }
}
