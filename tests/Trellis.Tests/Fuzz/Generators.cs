using System.Text;
using CsCheck;
using Trellis.Rules;

namespace Trellis.Tests.Fuzz;

/// <summary>Generated activity plans, in YAML or JSON: mostly valid vocabulary, with wrong, extreme and odd values mixed in.</summary>
internal static class PlanGen
{
    private static readonly string[] Odd =
    [
        "", "~", "null", "-1", "0", "99999999999999999999", "1e309", "10000001", "tRuE", "yes", "TRUE", "False", "é", "日本", "\u202Ex", "x y", "[a, b]",
        "{a: 1}", "'quoted'", "\"true\"", "0001-06-01", "9999-12-31", "2027-02-30", "2027-10", "2027", ": x", "- x", "#", "&a", "*a", "!!str x",
    ];

    private static Gen<string> Text(IEnumerable<string> vocabulary) =>
        Gen.Frequency((60, Gen.OneOf([.. vocabulary])), (2, Gen.OneOf(Odd)), (1, Gen.Int[0, 20_000_000].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (1, Gen.Int[32, 0x2FF].Select(i => (char)i).Array[0, 12].Select(a => new string(a))));

    private static readonly Gen<string> State = Text(["GBR", "JPN", "USA", "AUS", "PHL"]);
    private static readonly Gen<string> Day = Text(["2027-10-04", "2027-10-22", "2027-10-05", "2027-11-30", "2200-12-31"]);
    private static readonly Gen<string> Bool = Text(["true", "false"]);
    private static readonly Gen<string> Count = Text(["1", "12", "260", "0", "10000000"]);

    private static readonly string[] AllFields = PlanLoader.FieldsOfKind.Values.SelectMany(f => f).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static Gen<string> ValueOf(string field, ElementKind kind = ElementKind.Personnel) => field switch
    {
        "count" or "quantity" or "entries" or "portCalls" or "valueUsd" or "litres" => Count,
        "category" => Text(kind == ElementKind.Personnel ? RulesVocabulary.PersonnelCategories : RulesVocabulary.WeaponCategories),
        "documents" => Text(RulesVocabulary.Documents).Array[0, 1].Select(d => "[" + string.Join(", ", d) + "]"),
        "use" => Text(RulesVocabulary.MedicineUses),
        "species" => Text(["dog", "horse", "Dog"]),
        "substance" or "band" or "description" => Text(["morphine", "UHF", "spare parts"]),
        _ => Bool,
    };

    /// <summary>One element group: an id, a kind, and most of that kind's fields (now and then one of another kind's).</summary>
    private static readonly Gen<(string Id, string Kind, (string Field, string Value)[] Fields)> Element =
        Gen.Select(Text(["infantry", "typhoons", "dog-team"]), Gen.Int[0, RulesVocabulary.ElementKinds.Count - 1], Gen.Int[0, 19]).SelectMany(t =>
        {
            var kind = RulesVocabulary.ElementKinds[t.Item2];
            var own = PlanLoader.FieldsOfKind[(ElementKind)t.Item2];
            var fields = Gen.Select(Gen.OneOf([.. own]), Gen.Int[0, 39], (f, keep) => (Field: f, Keep: keep > 0))
                .SelectMany(f => ValueOf(f.Field, (ElementKind)t.Item2).Select(v => (f.Field, Value: f.Keep ? v : "")))
                .Array[own.Count, own.Count + 2];
            var stray = Gen.OneOf(AllFields).SelectMany(f => ValueOf(f).Select(v => (f, v))).Array[0, t.Item3 == 0 ? 1 : 0];
            return Gen.Select(fields, stray, Gen.Int[0, 1_000_000], Text([kind]),
                (f, x, n, k) => (Id: t.Item1 + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), Kind: k,
                    Fields: f.Where(v => v.Value.Length > 0).Concat(x).ToArray()));
        });

    public static Gen<string> Plan { get; } = Gen.Select(
        Gen.Select(State, State, Text(RulesVocabulary.Purposes), Bool, Day, Day),
        Element.Array[0, 8],
        Gen.Bool,
        Gen.Int[0, 39],
        (head, elements, json, drop) => Write(head, elements, json, drop));

    private static string Write((string Sending, string Host, string Purpose, string Coop, string Start, string End) h,
        (string Id, string Kind, (string Field, string Value)[] Fields)[] elements, bool json, int drop)
    {
        // drop < 6 leaves out one of the plan's fields, so that missing fields are covered too.
        var fields = new List<(string, string)> { ("name", "generated"), ("sendingState", h.Sending), ("hostState", h.Host), ("purpose", h.Purpose),
            ("cooperativeActivity", h.Coop), ("start", h.Start), ("end", h.End) };
        if (drop is > 0 and < 7)
        {
            fields.RemoveAt(drop);
        }

        var o = new StringBuilder();
        if (json)
        {
            o.Append('{').AppendJoin(", ", fields.Select(f => $"{Quote(f.Item1)}: {JsonValue(f.Item2)}")).Append(", \"elements\": [");
            o.AppendJoin(", ", elements.Select(e => "{" + string.Join(", ",
                new[] { ("id", e.Id), ("kind", e.Kind) }.Concat(e.Fields).DistinctBy(f => f.Item1).Select(f => $"{Quote(f.Item1)}: {JsonValue(f.Item2)}")) + "}"));
            return o.Append("]}\n").ToString();
        }

        foreach (var (key, value) in fields)
        {
            o.Append(key).Append(": ").Append(value).Append('\n');
        }

        o.Append("elements:\n");
        foreach (var e in elements)
        {
            o.Append("  - id: ").Append(e.Id).Append("\n    kind: ").Append(e.Kind).Append('\n');
            foreach (var (field, value) in e.Fields.DistinctBy(f => f.Field).Where(f => f.Field is not ("id" or "kind")))
            {
                o.Append("    ").Append(field).Append(": ").Append(value).Append('\n');
            }
        }

        return o.ToString();
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static string JsonValue(string s) =>
        s is "true" or "false" or "null" || long.TryParse(s, out _) || s.StartsWith('[') && s.EndsWith(']') ? s : Quote(s);
}

/// <summary>Generated CSV files: known dataset columns (and odd ones), rows of numbers, extreme values, quotes and line breaks.</summary>
internal static class CsvGen
{
    private static readonly string[] Columns =
    [
        "atopid", "cowid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "bilat", "defense", "offense", "neutral", "nonagg", "consul",
        "version4id", "ccode", "state_name", "mem_st_year", "mem_end_year", "right_censor", "left_censor", "neutrality", "nonaggression", "entente", "version",
        "ccode1", "ccode2", "year", "abbrev1", "abbrev2", "dcaGeneralV1", "dcaAnyV1", "source", "target", "agreement", "type", "layer", "multilateral",
        "signed", "inForce", "ended", "weight", "", " yrent", "YRENT", "x\"y",
    ];

    private static readonly string[] Cells =
    [
        "", "0", "1", "2", "200", "740", "900", "1951", "2000", "2026", "-1", "99999999999999999999", "2147483648", "1e309", "NaN", "1.5", "USA", "JPN",
        "GBR", "atop:1", "\"quoted\"", "\"with, comma\"", "\"with \"\"escaped\"\" quote\"", "ab\"c", "\"unclosed", "\"line\nbreak\"", "é", "日本", "\u202E",
        "2027-10-04", "2027", "2027-02-30", "true", "bilateral", "alliance",
    ];

    private static readonly Gen<string> Cell = Gen.Frequency((8, Gen.OneOf(Cells)), (1, Gen.Int[32, 0x2FF].Select(i => (char)i).Array[0, 8].Select(a => new string(a))));

    public static Gen<byte[]> Table { get; } = Gen.Select(
        Gen.OneOf(Columns).Array[1, 16],
        Cell.Array[0, 18].Array[0, 40],
        Gen.OneOf("\n", "\r\n", "\r"),
        Gen.Bool,
        (header, rows, newline, bom) =>
        {
            var text = string.Join(",", header) + newline + string.Concat(rows.Select(r => string.Join(",", r) + newline));
            var bytes = Encoding.UTF8.GetBytes(text);
            return bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
        });
}
