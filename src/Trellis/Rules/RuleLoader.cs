using System.Globalization;
using System.Text.RegularExpressions;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Rules;

/// <summary>
/// Reads rule files (docs/rules-format.md §2) into <see cref="RuleLayer"/>s, reporting every
/// problem with <c>file:line</c>. Checks that span layers (displacement, conflicts) are in
/// <see cref="RuleBook"/>.
/// </summary>
public static partial class RuleLoader
{
    /// <summary>The rule file's name in a baseline or agreement folder.</summary>
    public const string RulesFile = "rules.yaml";

    /// <summary>The folder of baselines under the data folder.</summary>
    public const string BaselinesFolder = "baselines";

    private static readonly string[] LayerFields = ["instrument", "title", "url", "hosts", "when", "prevails", "notes", "rules"];

    private static readonly string[] RuleFields =
        ["id", "title", "citation", "confidence", "validFrom", "validUntil", "note", "when", "require", "waive", "replace", "prohibit", "inform"];

    private static readonly string[] Effects = ["require", "waive", "replace", "prohibit", "inform"];

    private static readonly string[] PlanConditionFields =
        ["purpose", "cooperativeActivity", "unitedNationsCommand", "sendingState", "exceptSendingState", "hostState", "durationAtLeast", "durationAtMost"];

    private static readonly string[] ElementConditionFields =
        ["kind", "category", "documents", "species", "use", "at", "atLeast", .. ElementFlagsOf.Names.Select(n => n.Name)];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex ParameterNamePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[a-z][a-z-]*$")]
    private static partial Regex SpeciesPattern();

    public static bool IsParameterName(string name) => ParameterNamePattern().IsMatch(name);

    /// <summary>
    /// Reads one rule file. <paramref name="expectedInstrument"/> is what <c>instrument</c> must say
    /// (<c>baseline-jpn</c> or the agreement id). Returns null after reporting when the file is unusable.
    /// </summary>
    public static RuleLayer? LoadLayer(string path, LayerKind kind, string expectedInstrument, Agreement? agreement, string? host,
        IReadOnlySet<string> states, List<Diagnostic> diagnostics)
    {
        var file = RegistryLoader.Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "a rule file");
        return root is null ? null : ReadLayer(root, kind, expectedInstrument, agreement, host, states);
    }

    private static RuleLayer? ReadLayer(YamlFields root, LayerKind kind, string expectedInstrument, Agreement? agreement, string? host,
        IReadOnlySet<string> states)
    {
        var diagnostics = root.Diagnostics;
        var errorsBefore = diagnostics.Count;
        root.AllowOnly(LayerFields);
        var instrument = root.String("instrument", required: true);
        if (instrument is not null && !string.Equals(instrument, expectedInstrument, StringComparison.Ordinal))
        {
            var where = kind == LayerKind.Baseline ? $"the baseline of {host}" : $"the agreement folder '{expectedInstrument}'";
            root.Add(DiagnosticCodes.LayerMismatch,
                $"'instrument' is '{instrument}' but this is the rule file of {where}: write 'instrument: {expectedInstrument}'", root.LineOf("instrument"));
        }

        var title = root.String("title");
        var url = ReadUrl(root, "url");
        var when = root.Mapping("when", "the layer's 'when'") is { } w ? ReadCondition(w, states, planOnly: true) : Condition.Always;
        var prevails = root.StringList("prevails").Select(p => p.Value).ToArray();
        if (kind == LayerKind.Baseline && root.Has("prevails"))
        {
            root.Add(DiagnosticCodes.BadPrevails, "a baseline cannot prevail over anything: 'prevails' is for agreement rule files", root.LineOf("prevails"));
        }

        var hosts = ReadHosts(root, kind, agreement, states);
        var prefix = kind == LayerKind.Baseline ? host!.ToLowerInvariant() : expectedInstrument;
        var defaultInstrument = title ?? agreement?.ShortName ?? expectedInstrument;
        var rules = new List<Rule>();
        foreach (var r in root.Mappings("rules", "a rule", required: true))
        {
            if (ReadRule(r, prefix, expectedInstrument, defaultInstrument, url, states) is { } rule)
            {
                rules.Add(rule);
            }
        }

        if (diagnostics.Count > errorsBefore && diagnostics.Skip(errorsBefore).Any(d => d.Severity == Severity.Error))
        {
            return null;
        }

        return new RuleLayer(expectedInstrument, kind, rules)
        {
            Host = host,
            Hosts = kind == LayerKind.Baseline ? [host!] : hosts,
            Agreement = agreement,
            Title = title,
            Url = url,
            When = when,
            Prevails = prevails,
            File = root.File,
            Line = root.LineOf("instrument"),
        };
    }

    /// <summary>
    /// Reads an agreement layer's <c>hosts</c>: the parties on whose soil its rules apply (required). Each must be a
    /// party, and the agreement must admit some other party's forces into it (its <c>visitingForces</c>): the
    /// US–Japan SOFA (<c>visitingForces: [USA]</c>) can only be <c>hosts: [JPN]</c>. A baseline has no
    /// <c>hosts</c>: it is its own host's.
    /// </summary>
    private static string[] ReadHosts(YamlFields root, LayerKind kind, Agreement? agreement, IReadOnlySet<string> states)
    {
        const string key = "hosts";
        if (kind == LayerKind.Baseline)
        {
            if (root.Has(key))
            {
                root.Add(DiagnosticCodes.BadLayerHost,
                    "a baseline is its own host's (the folder name): 'hosts' is for agreement rule files; remove it", root.LineOf(key));
            }

            return [];
        }

        var hosts = new List<string>();
        foreach (var (code, line) in root.StringList(key, required: true))
        {
            if (states.Count > 0 && !states.Contains(code))
            {
                root.Add(DiagnosticCodes.UnknownState, $"'{code}' in '{key}' is not a state code: use ISO 3166-1 alpha-3 (JPN, GBR)", line);
            }
            else if (hosts.Contains(code, StringComparer.Ordinal))
            {
                root.Add(DiagnosticCodes.BadLayerHost, $"'{code}' is listed twice in '{key}': list each host once", line);
            }
            else if (agreement is not null && !agreement.HasParty(code))
            {
                root.Add(DiagnosticCodes.BadLayerHost,
                    $"'{code}' in '{key}' is not a party to {agreement.Id} ({string.Join(", ", agreement.Parties)}): an agreement's rules apply only on a party's soil; " +
                    "list the parties that host forces under it", line);
            }
            else if (agreement is not null && !agreement.Parties.Any(p => !string.Equals(p, code, StringComparison.Ordinal) && agreement.AdmitsForcesOf(p)))
            {
                root.Add(DiagnosticCodes.BadLayerHost,
                    $"'{code}' in '{key}' hosts no forces under {agreement.Id}: it admits only the forces of {string.Join(", ", agreement.VisitingForces ?? agreement.Parties)} " +
                    "(its 'visitingForces' in agreement.yaml), so its rules never apply with " + code + " as host; list the parties whose soil those forces enter", line);
            }
            else
            {
                hosts.Add(code);
            }
        }

        return hosts.ToArray();
    }

    private static Rule? ReadRule(YamlFields r, string prefix, string layer, string defaultInstrument, string? defaultUrl, IReadOnlySet<string> states)
    {
        var errorsBefore = r.Diagnostics.Count;
        r.AllowOnly(RuleFields);
        var id = r.String("id", required: true);
        if (id is not null && (!id.StartsWith(prefix + ".", StringComparison.Ordinal) || !RuleIdPattern().IsMatch(id)))
        {
            r.Add(DiagnosticCodes.RuleIdConvention,
                $"the rule id '{id}' should start with '{prefix}.' and go on in lower-case words joined by '-' and '.', e.g. '{prefix}.aircraft.clearance'",
                r.LineOf("id"));
        }

        var title = r.String("title", required: true);
        var confidence = r.Choice("confidence", Vocabulary.Confidences, required: true);
        var citation = ReadCitation(r, defaultInstrument, defaultUrl);
        var validFrom = ReadDay(r, "validFrom");
        var validUntil = ReadDay(r, "validUntil");
        if (validFrom is { } from && validUntil is { } until && until <= from)
        {
            r.Add(DiagnosticCodes.ValidityOrder,
                $"'validUntil' ({until:yyyy-MM-dd}) must be after 'validFrom' ({from:yyyy-MM-dd}): validUntil is the first day the rule no longer applies",
                r.LineOf("validUntil"));
        }

        var when = r.Mapping("when", "the rule's 'when'") is { } w ? ReadCondition(w, states, planOnly: false) : Condition.Always;

        var given = Effects.Where(r.Has).ToArray();
        if (given.Length != 1)
        {
            r.Add(DiagnosticCodes.EffectCount, given.Length == 0
                ? "the rule has no effect: give exactly one of require, waive, replace, prohibit, inform"
                : $"the rule has {given.Length} effects ({string.Join(", ", given)}): give exactly one; split it into several rules",
                given.Length == 0 ? r.Line : r.LineOf(given[1]));
            return null;
        }

        var effect = given[0] switch
        {
            "require" => EffectKind.Require,
            "waive" => EffectKind.Waive,
            "replace" => EffectKind.Replace,
            "prohibit" => EffectKind.Prohibit,
            _ => EffectKind.Inform,
        };

        RequireSpec? require = null;
        IReadOnlyList<string> displaces = [];
        string? reason = null, topic = null, text = null;
        var unlessTreaty = false;
        switch (effect)
        {
            case EffectKind.Require:
                require = r.Mapping("require", "'require'") is { } q ? ReadRequire(q, when) : null;
                break;
            case EffectKind.Waive:
                displaces = ReadRuleIds(r, "waive");
                break;
            case EffectKind.Replace:
                if (r.Mapping("replace", "'replace'") is { } rep)
                {
                    rep.AllowOnly("rules", "with");
                    displaces = ReadRuleIds(rep, "rules");
                    require = rep.Mapping("with", "'with' (a require)", required: true) is { } with ? ReadRequire(with, when) : null;
                }

                break;
            case EffectKind.Prohibit:
                if (r.Mapping("prohibit", "'prohibit'") is { } p)
                {
                    p.AllowOnly("reason", "unlessTreaty");
                    reason = p.String("reason", required: true)?.Trim();
                    unlessTreaty = p.Bool("unlessTreaty") ?? false;
                }

                break;
            case EffectKind.Inform:
                if (r.Mapping("inform", "'inform'") is { } i)
                {
                    i.AllowOnly("topic", "text");
                    topic = i.Choice("topic", RulesVocabulary.InformTopics, required: true);
                    text = i.String("text", required: true)?.Trim();
                }

                break;
        }

        if (r.Diagnostics.Count > errorsBefore || id is null || title is null || confidence is null || citation is null)
        {
            return null;
        }

        return new Rule(id, title.Trim(), citation, confidence switch { "high" => Confidence.High, "medium" => Confidence.Medium, _ => Confidence.Low },
            when, effect)
        {
            Require = require,
            Displaces = displaces,
            Reason = reason,
            UnlessTreaty = unlessTreaty,
            Topic = topic,
            Text = text,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Note = r.String("note")?.Trim(),
            Layer = layer,
            File = r.File,
            Line = r.LineOf("id"),
        };
    }

    private static Citation? ReadCitation(YamlFields r, string defaultInstrument, string? defaultUrl)
    {
        var c = r.Mapping("citation", "the citation", required: true);
        if (c is null)
        {
            return null;
        }

        c.AllowOnly("instrument", "article", "paragraph", "url");
        var article = c.String("article", required: true);
        var url = ReadUrl(c, "url") ?? defaultUrl;
        if (url is null && !c.Has("url"))
        {
            c.Add(DiagnosticCodes.MissingCitationUrl,
                "the citation has no 'url' and the rule file has no default 'url': give the link to the text the rule encodes", c.Line);
            return null;
        }

        return article is null || url is null ? null
            : new Citation(c.String("instrument")?.Trim() ?? defaultInstrument, article.Trim(), c.String("paragraph")?.Trim(), url);
    }

    private static string? ReadUrl(YamlFields f, string key)
    {
        var url = f.String(key);
        if (url is null)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            f.Add(DiagnosticCodes.InvalidUrl, $"'{key}' is '{url}', which is not an absolute http(s) URL: link the page that holds the text", f.LineOf(key));
            return null;
        }

        return url;
    }

    private static DateOnly? ReadDay(YamlFields f, string key)
    {
        var date = f.Date(key);
        if (date is { IsExact: false } partial)
        {
            f.Add(DiagnosticCodes.InvalidDate, $"'{key}' needs a full date (YYYY-MM-DD), not '{partial}'", f.LineOf(key));
            return null;
        }

        return date?.First;
    }

    private static List<string> ReadRuleIds(YamlFields f, string key)
    {
        var ids = new List<string>();
        var items = f.StringList(key, required: true);
        if (items.Count == 0 && f.Has(key))
        {
            f.Add(DiagnosticCodes.InvalidValue, $"'{key}' is empty: name at least one rule id", f.LineOf(key));
        }

        foreach (var (value, line) in items)
        {
            if (!RuleIdPattern().IsMatch(value))
            {
                f.Add(DiagnosticCodes.RuleIdConvention, $"'{value}' in '{key}' is not a rule id (e.g. jpn.entry.visa)", line);
            }
            else
            {
                ids.Add(value);
            }
        }

        return ids;
    }

    private static RequireSpec? ReadRequire(YamlFields q, Condition when)
    {
        q.AllowOnly("kind", "authority", "leadTime", "per", "fee");
        var kind = q.Choice("kind", RulesVocabulary.RequirementKinds, required: true);
        var authority = q.String("authority", required: true)?.Trim();
        var lead = ReadLeadTime(q, "leadTime", allowUnknown: true);
        var perName = q.Choice("per", RulesVocabulary.Multiplicities, required: true);
        Fee? fee = null;
        if (q.Mapping("fee", "the fee") is { } f)
        {
            f.AllowOnly("amount", "currency", "unknown");
            if (f.Bool("unknown") is true)
            {
                if (f.Has("amount") || f.Has("currency"))
                {
                    f.Add(DiagnosticCodes.InvalidValue, "a fee is either { unknown: true } or { amount, currency }, not both", f.Line);
                }

                fee = new Fee(0, "", Unknown: true);
            }
            else
            {
                var amount = f.Double("amount", required: true);
                var currency = f.String("currency", required: true);
                if (amount is < 0)
                {
                    f.Add(DiagnosticCodes.InvalidValue, "a fee amount cannot be negative", f.LineOf("amount"));
                }
                else if (currency is not null && !CurrencyPattern().IsMatch(currency))
                {
                    f.Add(DiagnosticCodes.InvalidValue, $"'{currency}' is not an ISO 4217 currency code (JPY, GBP, AUD, PHP, USD)", f.LineOf("currency"));
                }
                else if (amount is { } a && currency is not null)
                {
                    fee = new Fee((decimal)a, currency);
                }
            }
        }
        else if (kind == "fee")
        {
            q.Add(DiagnosticCodes.MissingField, "a requirement of kind 'fee' needs 'fee': { amount, currency } or { unknown: true }", q.Line);
        }

        if (perName is null || kind is null || authority is null || lead is null)
        {
            return null;
        }

        var per = (Multiplicity)RulesVocabulary.IndexOf(RulesVocabulary.Multiplicities, perName);
        CheckMultiplicity(q, per, when);
        return new RequireSpec(kind, authority, lead.Value, per, fee);
    }

    private static void CheckMultiplicity(YamlFields q, Multiplicity per, Condition when)
    {
        var needed = per switch
        {
            Multiplicity.Person => ElementKind.Personnel,
            Multiplicity.Vehicle => ElementKind.Vehicle,
            Multiplicity.Aircraft or Multiplicity.Flight => ElementKind.Aircraft,
            Multiplicity.Vessel or Multiplicity.PortCall => ElementKind.Vessel,
            _ => (ElementKind?)null,
        };
        var name = RulesVocabulary.Multiplicities[(int)per];
        if (per != Multiplicity.Plan && !when.IsElementRule)
        {
            q.Add(DiagnosticCodes.MultiplicityMismatch,
                $"'per: {name}' needs an element rule: add 'kind' to 'when', or use 'per: plan'", q.LineOf("per"));
        }
        else if (needed is { } k && when.IsElementRule && when.KindMask != 1u << (int)k)
        {
            q.Add(DiagnosticCodes.MultiplicityMismatch,
                $"'per: {name}' counts {RulesVocabulary.ElementKinds[(int)k]} only: the rule's 'when' needs 'kind: {RulesVocabulary.ElementKinds[(int)k]}'", q.LineOf("per"));
        }
    }

    /// <summary>Reads a lead time mapping (<c>{ days: N }</c> and so on); null after reporting.</summary>
    internal static LeadTime? ReadLeadTime(YamlFields parent, string key, bool allowUnknown)
    {
        var f = parent.Mapping(key, $"'{key}'", required: true);
        if (f is null)
        {
            return null;
        }

        string[] forms = allowUnknown ? ["days", "workingDays", "unknown", "parameter"] : ["days", "workingDays"];
        f.AllowOnly(forms);
        var given = forms.Where(f.Has).ToArray();
        if (given.Length != 1)
        {
            f.Add(DiagnosticCodes.InvalidValue,
                $"'{key}' needs exactly one of: {string.Join(", ", forms)} (e.g. {{ days: 10 }}{(allowUnknown ? " or { unknown: true }" : "")})", f.Line);
            return null;
        }

        switch (given[0])
        {
            case "days":
                return f.Int("days", min: 0, max: LeadTime.MaxDays) is { } d ? new LeadTime(LeadTimeKind.Days, d) : null;
            case "workingDays":
                return f.Int("workingDays", min: 0, max: LeadTime.MaxDays) is { } w ? new LeadTime(LeadTimeKind.WorkingDays, w) : null;
            case "unknown":
                if (f.Bool("unknown") is true)
                {
                    return LeadTime.Unknown;
                }

                f.Add(DiagnosticCodes.InvalidValue, "write 'unknown: true' for a lead time no source gives; otherwise give days", f.LineOf("unknown"));
                return null;
            default:
                var name = f.String("parameter");
                if (name is not null && IsParameterName(name))
                {
                    return new LeadTime(LeadTimeKind.Parameter, 0, name);
                }

                f.Add(DiagnosticCodes.InvalidValue, $"'{name}' is not a parameter name (lower-case words joined by '.' or '-')", f.LineOf("parameter"));
                return null;
        }
    }

    /// <summary>Reads a <c>when</c> mapping; <paramref name="planOnly"/> allows plan conditions only (a layer's <c>when</c>).</summary>
    internal static Condition ReadCondition(YamlFields w, IReadOnlySet<string> states, bool planOnly)
    {
        w.AllowOnly(planOnly ? PlanConditionFields : [.. PlanConditionFields, .. ElementConditionFields]);
        var condition = new Condition
        {
            PurposeMask = Mask(w, "purpose", RulesVocabulary.Purposes),
            CooperativeActivity = w.Bool("cooperativeActivity"),
            UnitedNationsCommand = w.Bool("unitedNationsCommand"),
            SendingStates = States(w, "sendingState", states),
            ExceptSendingStates = States(w, "exceptSendingState", states),
            HostStates = States(w, "hostState", states),
            DurationAtLeast = w.Int("durationAtLeast", min: 1),
            DurationAtMost = w.Int("durationAtMost", min: 1),
        };
        if (planOnly)
        {
            return condition;
        }

        var kinds = Mask(w, "kind", RulesVocabulary.ElementKinds);
        var categories = Mask(w, "category", RulesVocabulary.Categories);
        var uses = Mask(w, "use", RulesVocabulary.MedicineUses);
        TravelDocuments has = TravelDocuments.None, missing = TravelDocuments.None;
        if (w.Mapping("documents", "'documents'") is { } d)
        {
            d.AllowOnly("has", "missing");
            has = (TravelDocuments)Mask(d, "has", RulesVocabulary.Documents);
            missing = (TravelDocuments)Mask(d, "missing", RulesVocabulary.Documents);
            if (!d.Has("has") && !d.Has("missing"))
            {
                d.Add(DiagnosticCodes.MissingField, "'documents' needs 'has: [...]' or 'missing: [...]'", d.Line);
            }
        }

        ElementFlags flagMask = ElementFlags.None, flagValues = ElementFlags.None;
        foreach (var (flag, name) in ElementFlagsOf.Names)
        {
            if (w.Bool(name) is { } value)
            {
                flagMask |= flag;
                if (value)
                {
                    flagValues |= flag;
                }
            }
        }

        IReadOnlyList<string>? species = null;
        if (w.Has("species"))
        {
            var list = w.StringList("species");
            foreach (var (s, line) in list.Where(s => !SpeciesPattern().IsMatch(s.Value)))
            {
                w.Add(DiagnosticCodes.InvalidValue, $"the species '{s}' should be a lower-case English word (dog, horse)", line);
            }

            species = list.Select(s => s.Value).ToArray();
        }

        IReadOnlyList<string>? at = null;
        if (w.Has("at"))
        {
            var list = w.StringList("at");
            foreach (var (place, line) in list.Where(x => PlanLoader.PlaceKey(x.Value) != x.Value))
            {
                w.Add(DiagnosticCodes.InvalidValue,
                    $"the place '{place}' in 'at' should be a facility id or a place in lower-case words joined by '-' ('{PlanLoader.PlaceKey(place)}')", line);
            }

            at = list.Select(x => x.Value).ToArray();
        }

        var atLeast = w.Double("atLeast");
        if (atLeast is < 0)
        {
            w.Add(DiagnosticCodes.InvalidValue, "'atLeast' cannot be negative", w.LineOf("atLeast"));
        }

        condition = condition with
        {
            KindMask = kinds,
            CategoryMask = categories,
            DocumentsHas = has,
            DocumentsMissing = missing,
            FlagMask = flagMask,
            FlagValues = flagValues,
            Species = species,
            UseMask = uses,
            At = at,
            AtLeast = atLeast,
        };
        CheckApplicable(w, condition);
        return condition;
    }

    private static void CheckApplicable(YamlFields w, Condition c)
    {
        var elementFields = ElementConditionFields.Where(f => f != "kind" && w.Find(f) is not null).ToArray();
        if (!w.Has("kind"))
        {
            if (elementFields.Length > 0)
            {
                w.Add(DiagnosticCodes.ConditionNotApplicable,
                    $"'{elementFields[0]}' is an element condition: add 'kind' to say which elements the rule is about", w.LineOf(elementFields[0]));
            }

            return;
        }

        bool Has(ElementKind k) => (c.KindMask & (1u << (int)k)) != 0;
        var kinds = Condition.Names(RulesVocabulary.ElementKinds, c.KindMask);
        void Check(string field, bool applies, string owners)
        {
            if (w.Find(field) is not null && !applies)
            {
                w.Add(DiagnosticCodes.ConditionNotApplicable, $"'{field}' applies to {owners} only, not to {kinds}: change 'kind' or remove '{field}'", w.LineOf(field));
            }
        }

        const uint personnelCategories = 0b1111;
        var needsPersonnel = (c.CategoryMask & personnelCategories) != 0;
        var needsWeapon = (c.CategoryMask & ~personnelCategories) != 0;
        Check("category", (!needsPersonnel || Has(ElementKind.Personnel)) && (!needsWeapon || Has(ElementKind.Weapon)),
            needsPersonnel && needsWeapon ? "personnel and weapon" : needsPersonnel ? "personnel" : "weapon");
        Check("documents", Has(ElementKind.Personnel), "personnel");
        Check("species", Has(ElementKind.Animal), "animal");
        Check("use", Has(ElementKind.Medicine), "medicine");
        foreach (var (flag, name) in ElementFlagsOf.Names)
        {
            var owners = Enum.GetValues<ElementKind>().Where(k => (ElementFlagsOf.Defined(k) & flag) != 0).ToArray();
            Check(name, owners.Any(Has), string.Join(" and ", owners.Select(k => RulesVocabulary.ElementKinds[(int)k])));
        }
    }

    private static uint Mask(YamlFields f, string key, IReadOnlyList<string> names)
    {
        uint mask = 0;
        foreach (var (value, line) in f.StringList(key))
        {
            var i = RulesVocabulary.IndexOf(names, value);
            if (i < 0)
            {
                var hint = YamlFields.Suggest(value, names) is { } s ? $" Did you mean '{s}'?" : "";
                f.Add(key == "kind" ? DiagnosticCodes.UnknownElementKind : DiagnosticCodes.UnknownVocabulary,
                    $"'{value}' in '{key}' is not one of: {string.Join(", ", names)}.{hint}", line);
            }
            else
            {
                mask |= 1u << i;
            }
        }

        return mask;
    }

    private static string[]? States(YamlFields f, string key, IReadOnlySet<string> states)
    {
        if (!f.Has(key))
        {
            return null;
        }

        var result = new List<string>();
        foreach (var (code, line) in f.StringList(key))
        {
            if (states.Count == 0 || states.Contains(code))
            {
                result.Add(code);
            }
            else
            {
                var hint = states.Contains(code.ToUpperInvariant()) ? $" Write it in upper case: '{code.ToUpperInvariant()}'."
                    : YamlFields.Suggest(code, states) is { } s ? $" Did you mean '{s}'?" : "";
                f.Add(DiagnosticCodes.UnknownState, $"'{code}' in '{key}' is not a state code: use ISO 3166-1 alpha-3 (JPN, GBR).{hint}", line);
            }
        }

        return result.ToArray();
    }

    /// <summary>Formats a decimal for output without trailing zeros.</summary>
    internal static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Wraps a YAML mapping of a rule file given as text (tests, hypothetical layers built in code).</summary>
    internal static RuleLayer? ParseLayer(string text, string file, LayerKind kind, string expectedInstrument, Agreement? agreement, string? host,
        IReadOnlySet<string> states, List<Diagnostic> diagnostics)
    {
        var root = YamlFields.Of(YamlDocument.Parse(text, file, diagnostics), file, diagnostics, "a rule file");
        return root is null ? null : ReadLayer(root, kind, expectedInstrument, agreement, host, states);
    }
}
