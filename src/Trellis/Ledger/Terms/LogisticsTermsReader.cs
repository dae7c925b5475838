using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Registry.Loading;
using Trellis.Rules;
using Trellis.Yaml;
using static Trellis.Ledger.Terms.LogisticsVocabulary;

namespace Trellis.Ledger.Terms;

/// <summary>
/// Reads one <c>logistics.yaml</c> (an agreement's terms) or one supplier file (<c>baselines/&lt;ISO3&gt;/logistics.yaml</c>),
/// reporting every problem with <c>file:line</c> (docs/logistics.md). Returns null after reporting when the file is unusable.
/// </summary>
internal static class LogisticsTermsReader
{
    private static readonly string[] FileFields = ["agreement", "notes", "categories", "exclusions", "situations", "settlement", "thirdPartyTransfer"];
    private static readonly string[] CategoryFields = ["category", "covered", "unknown", "onlyIn", "validFrom", "validUntil", "citation", "confidence", "note"];
    private static readonly string[] Dated = ["validFrom", "validUntil", "citation", "confidence", "note"];

    public static LogisticsTerms? Read(string path, Agreement agreement, List<Diagnostic> diagnostics)
    {
        var file = RegistryLoader.Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "a logistics terms file");
        if (root is null)
        {
            return null;
        }

        var errorsBefore = diagnostics.Count(d => d.Severity == Severity.Error);
        root.AllowOnly(FileFields);
        var id = root.String("agreement", required: true);
        if (id is not null && id != agreement.Id)
        {
            root.Add(DiagnosticCodes.TermsFolderMismatch,
                $"'agreement' is '{id}' but this file is in the folder of '{agreement.Id}': write 'agreement: {agreement.Id}'", root.LineOf("agreement"));
        }

        var categories = new List<CategoryTerm>();
        foreach (var c in root.Mappings("categories", "a category entry", required: true))
        {
            if (ReadCategory(c) is { } term)
            {
                categories.Add(term);
            }
        }

        CheckAddressed(root, categories);
        CheckConflicts(root, categories);
        var exclusions = root.Mappings("exclusions", "an exclusion").Select(ReadExclusion).OfType<Exclusion>().ToArray();
        var situations = ReadSituations(root);
        var settlement = ReadSettlement(root);
        var transfer = ReadTransfer(root);

        if (diagnostics.Count(d => d.Severity == Severity.Error) > errorsBefore || situations is null || settlement is null || transfer is null)
        {
            return null;
        }

        return new LogisticsTerms(agreement.Id, categories, exclusions, situations, settlement, transfer)
        {
            Notes = root.String("notes")?.Trim(),
            File = file,
        };
    }

    /// <summary>Reads a supplier file: <c>state</c> (its folder's ISO3), <c>notes</c>, <c>excluded</c> (category entries, each excluded).</summary>
    public static SupplierLimits? ReadSupplier(string path, string state, List<Diagnostic> diagnostics)
    {
        var file = RegistryLoader.Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "a supplier limits file");
        if (root is null)
        {
            return null;
        }

        var errorsBefore = diagnostics.Count(d => d.Severity == Severity.Error);
        root.AllowOnly("state", "notes", "excluded");
        var declared = root.String("state", required: true);
        if (declared is not null && declared != state)
        {
            root.Add(DiagnosticCodes.TermsFolderMismatch,
                $"'state' is '{declared}' but this file is in the baseline folder of {state}: write 'state: {state}'", root.LineOf("state"));
        }

        var excluded = new List<CategoryTerm>();
        foreach (var e in root.Mappings("excluded", "an excluded category", required: true))
        {
            e.AllowOnly(["category", .. Dated]);
            var category = e.Choice("category", Categories, required: true, DiagnosticCodes.UnknownLogisticsTerm);
            var validity = ReadValidity(e);
            var citation = ReadCitation(e, required: true);
            var confidence = RegistryFields.ReadConfidence(e);
            if (category is not null && validity is not null && citation is not null && confidence is not null)
            {
                excluded.Add(new CategoryTerm(category, CategoryStatus.Excluded, validity.Value, citation, confidence)
                {
                    Note = e.String("note")?.Trim(),
                    Line = e.Line,
                });
            }
        }

        CheckConflicts(root, excluded);
        return diagnostics.Count(d => d.Severity == Severity.Error) > errorsBefore
            ? null
            : new SupplierLimits(state, excluded) { Notes = root.String("notes")?.Trim(), File = file };
    }

    private static CategoryTerm? ReadCategory(YamlFields c)
    {
        var errorsBefore = c.Diagnostics.Count;
        c.AllowOnly(CategoryFields);
        var category = c.Choice("category", Categories, required: true, DiagnosticCodes.UnknownLogisticsTerm);
        var covered = c.Bool("covered");
        var unknown = IsUnknown(c, "a category entry");
        if (unknown && c.Has("covered"))
        {
            c.Add(DiagnosticCodes.AmbiguousTerm,
                "an entry cannot be both 'covered' and 'unknown: true': keep 'covered: true|false' when a source says it, else 'unknown: true'", c.LineOf("unknown"));
        }
        else if (!unknown && !c.Has("covered"))
        {
            c.Add(DiagnosticCodes.AmbiguousTerm,
                "a category entry needs 'covered: true' (covered), 'covered: false' (excluded) or 'unknown: true' (no source says)", c.Line);
        }

        var onlyIn = ReadSituationList(c, "onlyIn");
        if (onlyIn.Count > 0 && covered != true)
        {
            c.Add(DiagnosticCodes.AmbiguousTerm, "'onlyIn' limits what an entry covers: it belongs only on an entry with 'covered: true'", c.LineOf("onlyIn"));
        }

        var validity = ReadValidity(c);
        var citation = ReadCitation(c, required: !unknown);
        var confidence = unknown && !c.Has("confidence") ? null : RegistryFields.ReadConfidence(c);
        if (unknown && !c.Has("note"))
        {
            c.Add(DiagnosticCodes.MissingField, "an unknown entry has no 'note': say what was searched, or which sources conflict", c.Line);
        }

        if (c.Diagnostics.Count > errorsBefore || category is null || validity is null)
        {
            return null;
        }

        var status = unknown ? CategoryStatus.Unknown : covered == true ? CategoryStatus.Covered : CategoryStatus.Excluded;
        return new CategoryTerm(category, status, validity.Value, citation, confidence)
        {
            OnlyIn = onlyIn,
            Note = c.String("note")?.Trim(),
            Line = c.Line,
        };
    }

    private static Exclusion? ReadExclusion(YamlFields e)
    {
        var errorsBefore = e.Diagnostics.Count;
        e.AllowOnly(["item", .. Dated]);
        var item = e.String("item", required: true);
        var validity = ReadValidity(e);
        var citation = ReadCitation(e, required: true);
        var confidence = RegistryFields.ReadConfidence(e);
        return e.Diagnostics.Count > errorsBefore || item is null || validity is null || citation is null || confidence is null
            ? null
            : new Exclusion(item.Trim(), validity.Value, citation, confidence.Value) { Note = e.String("note")?.Trim(), Line = e.Line };
    }

    private static SituationTerms? ReadSituations(YamlFields root)
    {
        var s = root.Mapping("situations", "the situations", required: true);
        if (s is null)
        {
            return null;
        }

        s.AllowOnly("unknown", "complete", "note", "covered");
        if (IsUnknown(s, "the situations"))
        {
            RefuseWithUnknown(s, "complete", "covered");
            return SituationTerms.NotGiven(s.String("note")?.Trim());
        }

        var complete = s.Bool("complete", required: true);
        var entries = new List<SituationTerm>();
        foreach (var e in s.Mappings("covered", "a covered situation", required: true))
        {
            var errorsBefore = e.Diagnostics.Count;
            e.AllowOnly(["situation", .. Dated]);
            var situation = e.Choice("situation", Situations, required: true, DiagnosticCodes.UnknownLogisticsTerm);
            var validity = ReadValidity(e);
            var citation = ReadCitation(e, required: true);
            var confidence = RegistryFields.ReadConfidence(e);
            if (e.Diagnostics.Count == errorsBefore && situation is not null && validity is not null && citation is not null && confidence is not null)
            {
                entries.Add(new SituationTerm(situation, validity.Value, citation, confidence.Value) { Note = e.String("note")?.Trim(), Line = e.Line });
            }
        }

        return complete is null ? null : new SituationTerms(false, complete.Value, entries) { Note = s.String("note")?.Trim() };
    }

    private static SettlementTerms? ReadSettlement(YamlFields root)
    {
        var s = root.Mapping("settlement", "the settlement terms", required: true);
        if (s is null)
        {
            return null;
        }

        s.AllowOnly("unknown", "note", "methods");
        if (IsUnknown(s, "the settlement terms"))
        {
            RefuseWithUnknown(s, "methods");
            return new SettlementTerms(true, []) { Note = s.String("note")?.Trim() };
        }

        var methods = new List<SettlementTerm>();
        foreach (var m in s.Mappings("methods", "a settlement method", required: true))
        {
            var errorsBefore = m.Diagnostics.Count;
            m.AllowOnly(["method", "lines", "timeLimit", .. Dated]);
            var method = m.Choice("method", SettlementMethods, required: true, DiagnosticCodes.UnknownLogisticsTerm);
            var lines = m.Choice("lines", LineKinds, required: true, DiagnosticCodes.UnknownLogisticsTerm);
            var limit = ReadTimeLimit(m);
            var validity = ReadValidity(m);
            var citation = ReadCitation(m, required: true);
            var confidence = RegistryFields.ReadConfidence(m);
            if (m.Diagnostics.Count == errorsBefore && method is not null && lines is not null && limit is not null && validity is not null &&
                citation is not null && confidence is not null)
            {
                methods.Add(new SettlementTerm(method, lines, limit, validity.Value, citation, confidence.Value) { Note = m.String("note")?.Trim(), Line = m.Line });
            }
        }

        if (methods.Count == 0 && s.Has("methods"))
        {
            s.Add(DiagnosticCodes.AmbiguousTerm, "'methods' is empty: list the methods a source gives, or write 'unknown: true' with a note", s.LineOf("methods"));
        }

        foreach (var group in methods.GroupBy(m => (m.Method, m.Lines)))
        {
            var list = group.ToArray();
            for (var i = 1; i < list.Length; i++)
            {
                var earlier = list.Take(i).FirstOrDefault(o => o.Validity.CertainlyOverlaps(list[i].Validity) && o.TimeLimit.Months != list[i].TimeLimit.Months);
                if (earlier is not null)
                {
                    s.Add(DiagnosticCodes.ConflictingTerms,
                        $"'{group.Key.Method}' for {group.Key.Lines} lines has time limit {list[i].TimeLimit} here and {earlier.TimeLimit} at line {earlier.Line} on overlapping days: date the entries (validFrom/validUntil) so they follow each other",
                        list[i].Line);
                }
            }
        }

        return new SettlementTerms(false, methods) { Note = s.String("note")?.Trim() };
    }

    private static TimeLimit? ReadTimeLimit(YamlFields m)
    {
        var t = m.Mapping("timeLimit", "the time limit", required: true);
        if (t is null)
        {
            return null;
        }

        t.AllowOnly("months", "after", "unknown", "note");
        if (IsUnknown(t, "the time limit"))
        {
            RefuseWithUnknown(t, "months", "after");
            return TimeLimit.UnknownLimit(t.String("note")?.Trim());
        }

        var months = t.Int("months", required: true, min: 1, max: 120);
        var after = t.Choice("after", TimeLimitAnchors, required: true, DiagnosticCodes.UnknownLogisticsTerm);
        return months is null || after is null ? null : new TimeLimit(months, after) { Note = t.String("note")?.Trim() };
    }

    private static TransferTerms? ReadTransfer(YamlFields root)
    {
        var t = root.Mapping("thirdPartyTransfer", "the third-party transfer terms", required: true);
        if (t is null)
        {
            return null;
        }

        t.AllowOnly("unknown", "note", "restrictions");
        var unknown = IsUnknown(t, "the third-party transfer terms");
        var restrictions = new List<TransferRestriction>();
        foreach (var r in t.Mappings("restrictions", "a transfer restriction"))
        {
            var errorsBefore = r.Diagnostics.Count;
            r.AllowOnly(["restriction", .. Dated]);
            var text = r.String("restriction", required: true);
            var validity = ReadValidity(r);
            var citation = ReadCitation(r, required: true);
            var confidence = RegistryFields.ReadConfidence(r);
            if (r.Diagnostics.Count == errorsBefore && text is not null && validity is not null && citation is not null && confidence is not null)
            {
                restrictions.Add(new TransferRestriction(text.Trim(), validity.Value, citation, confidence.Value) { Note = r.String("note")?.Trim(), Line = r.Line });
            }
        }

        if (!unknown && !t.Has("restrictions"))
        {
            t.Add(DiagnosticCodes.AmbiguousTerm,
                "give the 'restrictions' a source states, or 'unknown: true' with a note when the agreement's clause was not read (or both)", t.Line);
        }

        return new TransferTerms(unknown, restrictions) { Note = t.String("note")?.Trim() };
    }

    /// <summary>True for <c>unknown: true</c>; <c>unknown: false</c> is reported (leave the field out instead).</summary>
    private static bool IsUnknown(YamlFields f, string what)
    {
        var value = f.Bool("unknown");
        if (value == false)
        {
            f.Add(DiagnosticCodes.AmbiguousTerm, $"'unknown: false' in {what} says nothing: leave the field out and give the value", f.LineOf("unknown"));
        }

        return value == true;
    }

    private static void RefuseWithUnknown(YamlFields f, params string[] keys)
    {
        foreach (var key in keys.Where(f.Has))
        {
            f.Add(DiagnosticCodes.AmbiguousTerm, $"'{key}' gives a value but 'unknown: true' says no source gives one: keep one of them", f.LineOf(key));
        }
    }

    private static List<string> ReadSituationList(YamlFields f, string key)
    {
        var result = new List<string>();
        foreach (var (value, line) in f.StringList(key))
        {
            if (Situations.Contains(value))
            {
                result.Add(value);
            }
            else
            {
                var hint = YamlFields.Suggest(value, Situations) is { } s ? $" Did you mean '{s}'?" : "";
                f.Add(DiagnosticCodes.UnknownLogisticsTerm, $"'{value}' in '{key}' is not a situation of the logistics vocabulary (docs/logistics.md).{hint}", line);
            }
        }

        return result;
    }

    /// <summary>Reads <c>validFrom</c> (inclusive) and <c>validUntil</c> (exclusive); null after reporting a bad or reversed date.</summary>
    private static Validity? ReadValidity(YamlFields f)
    {
        var errorsBefore = f.Diagnostics.Count;
        var from = f.Date("validFrom");
        var until = f.Date("validUntil");
        if (from is { } a && until is { } b && (b.IsCertainlyBefore(a) || (a.IsExact && b.IsExact && a.First == b.First)))
        {
            f.Add(DiagnosticCodes.EndBeforeStart,
                $"'validUntil' ({b}) is not after 'validFrom' ({a}): validUntil is the first day the entry no longer applies", f.LineOf("validUntil"));
        }

        return f.Diagnostics.Count > errorsBefore ? null : new Validity(from, until);
    }

    private static Citation? ReadCitation(YamlFields f, bool required)
    {
        var c = f.Mapping("citation", "the citation", required);
        if (c is null)
        {
            return null;
        }

        c.AllowOnly("instrument", "article", "paragraph", "url");
        var instrument = c.String("instrument", required: true);
        var article = c.String("article", required: true);
        var url = c.String("url", required: true);
        if (url is not null &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            c.Add(DiagnosticCodes.InvalidUrl, $"'url' is '{url}', which is not an absolute http(s) URL: link the page that states the term", c.LineOf("url"));
            return null;
        }

        return instrument is null || article is null || url is null ? null
            : new Citation(instrument.Trim(), article.Trim(), c.String("paragraph")?.Trim(), url);
    }

    /// <summary>Every category of the vocabulary must be addressed, so an unknown is written down, never implied.</summary>
    private static void CheckAddressed(YamlFields root, List<CategoryTerm> categories)
    {
        if (!root.Has("categories"))
        {
            return;
        }

        var missing = Categories.Where(c => categories.All(t => t.Category != c)).ToArray();
        if (missing.Length > 0 && root.Diagnostics.All(d => d.Code != DiagnosticCodes.UnknownLogisticsTerm || d.File != root.File))
        {
            root.Add(DiagnosticCodes.CategoryNotAddressed,
                $"'categories' does not address {string.Join(", ", missing)}: add an entry for each (covered: true, covered: false, or unknown: true with a note)",
                root.LineOf("categories"));
        }
    }

    /// <summary>Two entries for one category that certainly share a day must say the same (status and <c>onlyIn</c>).</summary>
    private static void CheckConflicts(YamlFields root, List<CategoryTerm> categories)
    {
        foreach (var group in categories.GroupBy(t => t.Category, StringComparer.Ordinal))
        {
            var list = group.ToArray();
            for (var i = 1; i < list.Length; i++)
            {
                var earlier = list.Take(i).FirstOrDefault(o => o.Validity.CertainlyOverlaps(list[i].Validity) &&
                    (o.Status != list[i].Status || !o.OnlyIn.Order().SequenceEqual(list[i].OnlyIn.Order())));
                if (earlier is not null)
                {
                    root.Add(DiagnosticCodes.ConflictingTerms,
                        $"the entry for '{group.Key}' says {Describe(list[i])} but the entry at line {earlier.Line} says {Describe(earlier)} on overlapping days: " +
                        "date them (validFrom/validUntil) so they follow each other, or keep one",
                        list[i].Line);
                }
            }
        }
    }

    private static string Describe(CategoryTerm t) => t.Status switch
    {
        CategoryStatus.Covered when t.OnlyIn.Count > 0 => $"covered only in {string.Join(", ", t.OnlyIn)}",
        CategoryStatus.Covered => "covered",
        CategoryStatus.Excluded => "excluded",
        _ => "unknown",
    } + (t.Validity.ToString() is { Length: > 0 } v ? $" ({v})" : "");
}
