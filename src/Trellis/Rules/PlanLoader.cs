using System.Globalization;
using System.Text.RegularExpressions;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Rules;

/// <summary>
/// Reads activity plans and the friction template (docs/rules-format.md §1), reporting every
/// problem with <c>file:line</c>: unknown fields and kinds, negative or absurd counts, impossible
/// dates, an end before the start, unknown states.
/// </summary>
public static partial class PlanLoader
{
    /// <summary>No count may exceed this; nor may a plan hold more element groups.</summary>
    public const long SanityLimit = 10_000_000;

    /// <summary>
    /// Largest plan file read by default: 256 MiB, some 3.5 million element groups written one field a line (a plan at
    /// <see cref="SanityLimit"/> groups needs a larger limit: <c>trellis assess --max-plan-mib</c>). A larger file is refused
    /// before it is read (TRL009), and the group limit is checked while parsing, so neither exhausts memory.
    /// </summary>
    public const long MaxPlanBytes = 256L << 20;

    /// <summary>What TRL009 says to do about a plan over its size limit.</summary>
    public const string HowToRaiseMaxPlanBytes =
        "a plan this large is refused before it is read; split it into several plans, or raise the limit with trellis assess --max-plan-mib MIB";

    /// <summary>Upper limit of <c>valueUsd</c> and <c>litres</c>.</summary>
    public const double AmountLimit = 1e12;

    private static readonly string[] PlanFields =
        ["name", "sendingState", "hostState", "purpose", "cooperativeActivity", "unitedNationsCommand", "start", "end", "sites", "notes", "elements"];

    private static readonly string[] TemplateFields = ["name", "purpose", "cooperativeActivity", "durationDays", "sites", "notes", "elements"];

    private static readonly string[] Common = ["id", "kind", "arrives", "at", "notes"];

    private static readonly Dictionary<ElementKind, string[]> KindFields = new()
    {
        [ElementKind.Personnel] = ["count", "category", "documents"],
        [ElementKind.Vehicle] = ["count", "rentedInHost"],
        [ElementKind.Aircraft] = ["count", "stateAircraft", "armed", "entries", "servicesRequested"],
        [ElementKind.Vessel] = ["count", "warship", "nuclearPowered", "armed", "portCalls"],
        [ElementKind.Weapon] = ["count", "category"],
        [ElementKind.Ammunition] = ["quantity", "explosive"],
        [ElementKind.Animal] = ["species", "count"],
        [ElementKind.Medicine] = ["controlled", "use", "substance", "quantity"],
        [ElementKind.Radio] = ["count", "transmits", "band"],
        [ElementKind.Goods] = ["valueUsd", "officialUse", "description"],
        [ElementKind.Fuel] = ["litres"],
    };

    /// <summary>
    /// The fields an element of each kind may set besides <c>id</c>, <c>kind</c> and <c>notes</c>,
    /// as written in plan files and in the order of docs/rules-format.md §1 (for forms that build plans).
    /// </summary>
    public static IReadOnlyDictionary<ElementKind, IReadOnlyList<string>> FieldsOfKind { get; } =
        KindFields.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)Array.AsReadOnly(k.Value));

    private static readonly string[] AllElementFields = [.. Common, .. KindFields.Values.SelectMany(f => f).Distinct()];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ElementIdPattern();

    [GeneratedRegex("^[a-z][a-z-]*$")]
    private static partial Regex SpeciesPattern();

    /// <summary>
    /// Reads a plan file, checking state codes against <paramref name="registry"/>. A file larger than
    /// <paramref name="maxBytes"/> (default <see cref="MaxPlanBytes"/>) is refused unread with TRL009; a plan of more than
    /// <see cref="SanityLimit"/> element groups stops parsing at the first group past the limit with TRL204.
    /// </summary>
    public static LoadResult<ActivityPlan> Load(string path, AgreementRegistry registry, long maxBytes = MaxPlanBytes)
    {
        var diagnostics = new List<Diagnostic>();
        var file = RegistryLoader.Display(path);
        if (DataFile.KindOf(path) is PathKind.Missing or PathKind.Folder)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile, DataFile.KindOf(path) == PathKind.Folder
                ? "this is a folder, not a plan: give the path of a plan YAML file (docs/rules-format.md §1; samples/plans/ has examples)"
                : "the plan file does not exist: give the path of a plan YAML file (docs/rules-format.md §1)", file));
            return new(null, diagnostics);
        }

        var node = YamlDocument.Load(path, file, diagnostics, new ReadLimits(maxBytes, (int)SanityLimit, HowToRaiseMaxPlanBytes));
        return new(node is null ? null : Read(node, file, registry, diagnostics), diagnostics);
    }

    /// <summary>Reads a plan from YAML text (tests, the web app); more than <see cref="SanityLimit"/> groups is TRL204.</summary>
    public static LoadResult<ActivityPlan> Parse(string text, string file, AgreementRegistry registry)
    {
        var diagnostics = new List<Diagnostic>();
        var node = YamlDocument.Parse(text, file, diagnostics, (int)SanityLimit);
        return new(node is null ? null : Read(node, file, registry, diagnostics), diagnostics);
    }

    /// <summary>Reads a plan from a YAML node (an inline plan of a worked example); null after reporting problems.</summary>
    public static ActivityPlan? Read(YamlNode node, string file, AgreementRegistry registry, List<Diagnostic> diagnostics)
    {
        var f = YamlFields.Of(node, file, diagnostics, "a plan");
        if (f is null)
        {
            return null;
        }

        var errorsBefore = ErrorCount(diagnostics);
        if (f.Find("durationDays") is not null)
        {
            f.Add(DiagnosticCodes.TemplateMismatch,
                "'durationDays' belongs to the friction template only: a plan gives 'start' and 'end'", f.LineOf("durationDays"));
        }

        f.AllowOnly(PlanFields.Append("durationDays").ToArray());
        var sending = State(f, "sendingState", registry);
        var host = State(f, "hostState", registry);
        if (sending is not null && sending == host)
        {
            f.Add(DiagnosticCodes.SameSendingAndHost, $"'sendingState' and 'hostState' are both {sending}: a plan is about one state's forces in another state", f.LineOf("hostState"));
        }

        var purpose = ReadPurpose(f);
        var start = Day(f, "start");
        var end = Day(f, "end");
        if (start is { } s && end is { } e && e < s)
        {
            f.Add(DiagnosticCodes.EndBeforeStart, $"'end' ({e:yyyy-MM-dd}) is before 'start' ({s:yyyy-MM-dd}); 'end' is the last day in the host state (inclusive)", f.LineOf("end"));
        }

        var (elements, sites, coop) = ReadBody(f, new Stay(start, end, host, registry));
        var unc = f.Bool("unitedNationsCommand") ?? false;
        if (unc && coop)
        {
            // The sources keep the two apart (legal-provisions-2 §3: the Japan–Australia ACSA excludes activities of
            // forces acting as UN forces; no RAA carve-out was found): the planner says which one the activity is.
            f.Add(DiagnosticCodes.UnitedNationsAndCooperative,
                "the plan is both a mutually decided cooperative activity and a United Nations Command activity: assess it as one of them " +
                "(set 'cooperativeActivity' or 'unitedNationsCommand' to false); whether an RAA activity and a UNC activity can overlap is not settled by any source",
                f.LineOf("unitedNationsCommand"));
        }

        if (ErrorCount(diagnostics) > errorsBefore || sending is null || host is null || purpose is null || start is null || end is null || elements is null)
        {
            return null;
        }

        return new ActivityPlan(sending, host, purpose.Value, start.Value, end.Value, elements)
        {
            Name = f.String("name")?.Trim() ?? "",
            CooperativeActivity = coop,
            UnitedNationsCommand = unc,
            Sites = sites,
            Notes = f.String("notes")?.Trim(),
            File = file,
        };
    }

    /// <summary>Reads the friction template: a plan with <c>durationDays</c> instead of states and dates.</summary>
    public static LoadResult<PlanTemplate> LoadTemplate(string path)
    {
        var diagnostics = new List<Diagnostic>();
        var file = RegistryLoader.Display(path);
        if (!DataFile.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                "the friction plan template is missing: it holds the standard plan that trellis friction assesses (docs/rules-format.md §3)", file));
            return new(null, diagnostics);
        }

        var f = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "the friction template");
        if (f is null)
        {
            return new(null, diagnostics);
        }

        foreach (var key in new[] { "sendingState", "hostState", "start", "end" }.Where(k => f.Find(k) is not null))
        {
            f.Add(DiagnosticCodes.TemplateMismatch, $"the friction template has no '{key}': trellis friction fills in every pair of states and starts on --as-of", f.LineOf(key));
        }

        f.AllowOnly([.. TemplateFields, "sendingState", "hostState", "start", "end"]);
        var purpose = ReadPurpose(f);
        var duration = f.Int("durationDays", required: true, min: 1, max: LeadTime.MaxDays);
        var (elements, _, coop) = ReadBody(f, null);
        var ok = ErrorCount(diagnostics) == 0 && purpose is not null && duration is not null && elements is not null;
        return new(ok ? new PlanTemplate(f.String("name")?.Trim() ?? "standard plan", purpose!.Value, coop, duration!.Value, elements!) : null, diagnostics);
    }

    private static int ErrorCount(List<Diagnostic> diagnostics) => diagnostics.Count(d => d.Severity == Severity.Error);

    private static Purpose? ReadPurpose(YamlFields f) =>
        f.Choice("purpose", RulesVocabulary.Purposes, required: true) is { } p ? (Purpose)RulesVocabulary.IndexOf(RulesVocabulary.Purposes, p) : null;

    /// <summary>What an element's <c>arrives</c> and <c>at</c> are checked against: the plan's days and host (null for the friction template).</summary>
    private sealed record Stay(DateOnly? Start, DateOnly? End, string? Host, AgreementRegistry Registry);

    private static (List<PlanElement>? Elements, string[] Sites, bool Coop) ReadBody(YamlFields f, Stay? stay)
    {
        var coop = f.Bool("cooperativeActivity") ?? false;
        var sites = f.StringList("sites").Select(x => x.Value.Trim()).ToArray();
        var node = f.Find("elements");
        if (node is null)
        {
            f.Missing("elements");
            return (null, sites, coop);
        }

        if (YamlDocument.IsNull(node))
        {
            return ([], sites, coop);
        }

        if (node is not YamlSequence sequence)
        {
            f.Add(DiagnosticCodes.InvalidValue, "'elements' should be a list of element groups, each starting with '- id: ...'", node);
            return (null, sites, coop);
        }

        if (sequence.Items.Count > SanityLimit)
        {
            f.Add(DiagnosticCodes.OverSanityLimit,
                $"the plan has {sequence.Items.Count:N0} element groups; the limit is {SanityLimit:N0}: merge groups that share the same facts", node);
            return (null, sites, coop);
        }

        var elements = new List<PlanElement>(sequence.Items.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in sequence.Items)
        {
            if (YamlFields.Of(item, f.File, f.Diagnostics, "an element group") is { } e && ReadElement(e, seen, stay) is { } element)
            {
                elements.Add(element);
            }
        }

        return (elements, sites, coop);
    }

    private static PlanElement? ReadElement(YamlFields e, Dictionary<string, int> seen, Stay? stay)
    {
        var errorsBefore = e.Diagnostics.Count;
        var id = e.String("id", required: true);
        if (id is not null)
        {
            if (!ElementIdPattern().IsMatch(id))
            {
                e.Add(DiagnosticCodes.IdConvention, $"the element id '{id}' should be lower-case words joined by '-' (typhoons, dog-team)", e.LineOf("id"));
            }
            else if (seen.TryGetValue(id, out var first))
            {
                e.Add(DiagnosticCodes.DuplicateElementId, $"the element id '{id}' is used twice (first at line {first}): give each group its own id", e.LineOf("id"));
            }
            else
            {
                seen[id] = e.LineOf("id");
            }
        }

        var kindName = e.String("kind", required: true);
        if (kindName is null)
        {
            return null;
        }

        var kindIndex = RulesVocabulary.IndexOf(RulesVocabulary.ElementKinds, kindName);
        if (kindIndex < 0)
        {
            var hint = YamlFields.Suggest(kindName, RulesVocabulary.ElementKinds) is { } s ? $" Did you mean '{s}'?" : "";
            e.Add(DiagnosticCodes.UnknownElementKind,
                $"'{kindName}' is not an element kind; the kinds are: {string.Join(", ", RulesVocabulary.ElementKinds)}.{hint}", e.LineOf("kind"));
            return null;
        }

        var kind = (ElementKind)kindIndex;
        var allowed = KindFields[kind];
        foreach (var key in e.Keys().Where(k => AllElementFields.Contains(k) && !Common.Contains(k) && !allowed.Contains(k)))
        {
            e.Add(DiagnosticCodes.FieldNotForKind,
                $"'{key}' is not a field of a {kindName} element; its fields are: {string.Join(", ", Common.Concat(allowed))}", e.LineOf(key));
        }

        e.AllowOnly(AllElementFields);

        long count = 0;
        double amount = 0;
        string? category = null;
        var documents = TravelDocuments.None;
        var flags = ElementFlagsOf.DefaultTrue(kind);
        int entries = 1, portCalls = 1;
        string? species = null, use = null, description = null;

        if (allowed.Contains("count"))
        {
            count = Count(e, "count", required: true) ?? 0;
            amount = count;
        }

        foreach (var (flag, name) in ElementFlagsOf.Names)
        {
            if (allowed.Contains(name) && e.Bool(name) is { } value)
            {
                flags = value ? flags | flag : flags & ~flag;
            }
        }

        switch (kind)
        {
            case ElementKind.Personnel:
                category = e.Choice("category", RulesVocabulary.PersonnelCategories, required: true);
                foreach (var (doc, line) in e.StringList("documents"))
                {
                    var i = RulesVocabulary.IndexOf(RulesVocabulary.Documents, doc);
                    if (i < 0)
                    {
                        var hint = YamlFields.Suggest(doc, RulesVocabulary.Documents) is { } s ? $" Did you mean '{s}'?" : "";
                        e.Add(DiagnosticCodes.UnknownVocabulary, $"'{doc}' in 'documents' is not one of: {string.Join(", ", RulesVocabulary.Documents)}.{hint}", line);
                    }
                    else
                    {
                        documents |= (TravelDocuments)(1 << i);
                    }
                }

                break;
            case ElementKind.Aircraft:
                entries = (int)(Count(e, "entries", min: 1) ?? 1);
                break;
            case ElementKind.Vessel:
                portCalls = (int)(Count(e, "portCalls", min: 1) ?? 1);
                break;
            case ElementKind.Weapon:
                category = e.Choice("category", RulesVocabulary.WeaponCategories);
                break;
            case ElementKind.Ammunition:
                count = Count(e, "quantity", required: true) ?? 0;
                amount = count;
                break;
            case ElementKind.Animal:
                species = e.String("species", required: true)?.Trim();
                if (species is not null && !SpeciesPattern().IsMatch(species))
                {
                    e.Add(DiagnosticCodes.InvalidValue, $"the species '{species}' should be a lower-case English word (dog, horse)", e.LineOf("species"));
                }

                break;
            case ElementKind.Medicine:
                use = e.Choice("use", RulesVocabulary.MedicineUses) ?? "unit-stock";
                description = e.String("substance")?.Trim();
                count = Count(e, "quantity") ?? 0;
                amount = count;
                break;
            case ElementKind.Radio:
                description = e.String("band")?.Trim();
                break;
            case ElementKind.Goods:
                amount = Amount(e, "valueUsd") ?? 0;
                count = (long)Math.Min(amount, long.MaxValue);
                description = e.String("description")?.Trim();
                break;
            case ElementKind.Fuel:
                amount = Amount(e, "litres") ?? 0;
                count = (long)Math.Min(amount, long.MaxValue);
                break;
        }

        var arrives = Arrival(e, stay);
        var (at, place) = Place(e, stay);
        if (e.Diagnostics.Count > errorsBefore || id is null)
        {
            return null;
        }

        return new PlanElement(id, kind, count)
        {
            Arrives = arrives,
            At = at,
            Place = place,
            Category = category,
            Documents = documents,
            Flags = flags,
            Entries = entries,
            PortCalls = portCalls,
            Species = species,
            Use = use,
            Description = description,
            Amount = amount,
            Notes = e.String("notes")?.Trim(),
            Line = e.LineOf("id"),
        };
    }

    /// <summary>An element's own first day: a full date within the plan's stay; the friction template has none.</summary>
    private static DateOnly? Arrival(YamlFields e, Stay? stay)
    {
        if (e.Find("arrives") is null)
        {
            return null;
        }

        if (stay is null)
        {
            e.Add(DiagnosticCodes.TemplateMismatch, "the friction template has no 'arrives': its plans start on --as-of, every element with them", e.LineOf("arrives"));
            return null;
        }

        var day = Day(e, "arrives");
        if (day is { } d && stay.Start is { } start && stay.End is { } end && (d < start || d > end))
        {
            e.Add(DiagnosticCodes.ArrivalOutsideStay,
                $"'arrives' ({d:yyyy-MM-dd}) is outside the plan's days ({start:yyyy-MM-dd} to {end:yyyy-MM-dd}): an element arrives on or after 'start' and by 'end'; move the plan's dates or the element's",
                e.LineOf("arrives"));
            return null;
        }

        return day;
    }

    /// <summary>
    /// An element's port or airfield: a facility of the host (by id or name), whose id becomes the place key, or free text,
    /// whose lower-case words joined by '-' do. A facility of another state is refused.
    /// </summary>
    private static (string? At, string? Place) Place(YamlFields e, Stay? stay)
    {
        var at = e.String("at")?.Trim();
        if (at is null)
        {
            return (null, null);
        }

        if (at.Length == 0)
        {
            e.Add(DiagnosticCodes.InvalidValue, "'at' is empty: name the port or airfield (a facility id such as yokosuka, or its name), or leave 'at' out", e.LineOf("at"));
            return (null, null);
        }

        var facility = stay?.Registry.Facilities.FirstOrDefault(x =>
            string.Equals(x.Id, at, StringComparison.OrdinalIgnoreCase) || string.Equals(x.Name, at, StringComparison.OrdinalIgnoreCase));
        if (facility is not null && stay!.Host is { } host && !string.Equals(facility.Host, host, StringComparison.Ordinal))
        {
            e.Add(DiagnosticCodes.PlaceInAnotherState,
                $"'at' names {facility.Name} ({facility.Id}), which is in {facility.Host}, but the plan's host is {host}: name a place in {host}, or change 'hostState'",
                e.LineOf("at"));
            return (null, null);
        }

        return (at, facility?.Id ?? PlaceKey(at));
    }

    /// <summary>Free text as a place key: lower-case letters and digits, words joined by '-' (<c>White Beach</c> → <c>white-beach</c>).</summary>
    public static string PlaceKey(string text)
    {
        var key = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
            else if (char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && key.Length > 0 && key[^1] != '-')
            {
                key.Append('-');
            }
        }

        return key.ToString().TrimEnd('-');
    }

    private static long? Count(YamlFields e, string key, bool required = false, long min = 0)
    {
        var text = e.String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            var big = text.TrimStart('-').All(char.IsAsciiDigit) && text.TrimStart('-').Length > 0;
            e.Add(big ? DiagnosticCodes.OverSanityLimit : DiagnosticCodes.InvalidValue,
                big ? $"'{key}' is {text}, beyond the sanity limit of {SanityLimit:N0}: check for a typo (an extra zero)"
                    : $"'{key}' should be a whole number, not '{text}'", e.LineOf(key));
            return null;
        }

        if (value < 0)
        {
            e.Add(DiagnosticCodes.NegativeCount, $"'{key}' is {value}: a count cannot be negative", e.LineOf(key));
            return null;
        }

        if (value < min)
        {
            e.Add(DiagnosticCodes.InvalidValue, $"'{key}' is {value}: it is at least {min} (leave it out for the default, 1)", e.LineOf(key));
            return null;
        }

        if (value > SanityLimit)
        {
            e.Add(DiagnosticCodes.OverSanityLimit, $"'{key}' is {value:N0}, beyond the sanity limit of {SanityLimit:N0}: check for a typo (an extra zero)", e.LineOf(key));
            return null;
        }

        return value;
    }

    private static double? Amount(YamlFields e, string key)
    {
        var value = e.Double(key, required: true);
        if (value is < 0)
        {
            e.Add(DiagnosticCodes.NegativeCount, $"'{key}' is {value}: it cannot be negative", e.LineOf(key));
            return null;
        }

        if (value > AmountLimit)
        {
            e.Add(DiagnosticCodes.OverSanityLimit, $"'{key}' is {value:N0}, beyond the sanity limit of {AmountLimit:N0}: check for a typo", e.LineOf(key));
            return null;
        }

        return value;
    }

    private static string? State(YamlFields f, string key, AgreementRegistry registry)
    {
        var code = f.String(key, required: true);
        if (code is null)
        {
            return null;
        }

        if (registry.HasState(code))
        {
            return code;
        }

        var states = registry.States.Select(s => s.Iso3).ToArray();
        var upper = code.ToUpperInvariant();
        var hint = registry.HasState(upper) ? $" Write it in upper case: '{upper}'."
            : YamlFields.Suggest(code, states) is { } s ? $" Did you mean '{s}'?" : "";
        f.Add(DiagnosticCodes.UnknownState, $"'{code}' in '{key}' is not a state code: use ISO 3166-1 alpha-3 (JPN, GBR, AUS).{hint}", f.LineOf(key));
        return null;
    }

    private static DateOnly? Day(YamlFields f, string key)
    {
        var date = f.Date(key, required: key is "start" or "end");
        if (date is { IsExact: false } partial)
        {
            f.Add(DiagnosticCodes.InvalidDate, $"'{key}' needs a full date (YYYY-MM-DD), not '{partial}': a plan happens on days", f.LineOf(key));
            return null;
        }

        if (date is { } day && SupportedDates.OutOfRange(day.First, $"'{key}'") is { } outside)
        {
            f.Add(DiagnosticCodes.DateOutOfRange, outside, f.LineOf(key));
            return null;
        }

        return date?.First;
    }
}
