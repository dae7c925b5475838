using System.Text;
using CsCheck;

namespace Trellis.Tests.Fuzz;

/// <summary>One edit of a file's bytes: which kind, where (a fraction of the length) and which payload.</summary>
internal readonly record struct Mutation(MutationKind Kind, double At, int Payload)
{
    public override string ToString() => $"{Kind}@{At:0.####}/{Payload}";
}

internal enum MutationKind
{
    FlipBit,
    Delete,
    DuplicateLine,
    Truncate,
    InsertIndicator,
    HugeNumber,
    DeepNesting,
    OddUnicode,
    BooleanSpelling,
}

/// <summary>
/// The mutations the fuzz targets apply to real files: byte flips, deletions, duplicated lines,
/// truncation, YAML indicators, huge numbers, deep nesting and odd Unicode (invalid UTF-8 too).
/// </summary>
internal static class Mutations
{
    private static readonly string[] Indicators =
    [
        ": ", "- ", "? ", "? a: 1\n", "- :id: x\n", ":", "#", " #", "&a ", "*a", "!!str ", "!x ", "|", "|-\n", ">", "[", "]", "{", "}", "'", "\"",
        ",", "%YAML 1.2\n", "---\n", "...\n", "\t", "\r", "\n", "  ", "@", "`", "<<: *a\n", "~", "null", "\\", "\"\\u00e9\"", "'it''s'",
    ];

    private static readonly string[] Numbers =
    [
        "99999999999999999999999999", "-1", "-0", "1e309", "-1e309", "1e12", "10000001", "9223372036854775808", "0x7fffffff", ".inf",
        "-.inf", ".nan", "NaN", "1_000", "1,000", "00001", "2147483648", "4294967296", "1.5", "１２", "9999-12-31", "0001-01-01", "2026-02-30",
    ];

    private static readonly byte[][] Unicode =
    [
        [0x00], [0xEF, 0xBB, 0xBF], [0xE2, 0x80, 0xA8], [0xC2, 0x85], [0xED, 0xA0, 0x80], [0xE9], [0xFF], [0xC0, 0x80], [0xE2, 0x80, 0xAE],
        [0x65, 0xCC, 0x81], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBF, 0xBF], [0xE2, 0x80, 0x8B], [0xEF, 0xBC, 0x9A], [0x1B], [0x7F], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] Booleans = ["tRuE", "\"true\"", "'false'", "yes", "no", "on", "True", "FALSE", "1", "y", "~"];

    public static Gen<Mutation> One { get; } = Gen.Select(
        Gen.Int[0, Enum.GetValues<MutationKind>().Length - 1].Select(k => (MutationKind)k), Gen.Double[0, 1], Gen.Int[0, 4096],
        (kind, at, payload) => new Mutation(kind, at, payload));

    /// <summary>One to four mutations.</summary>
    public static Gen<Mutation[]> Some { get; } = One.Array[1, 4];

    public static byte[] Apply(byte[] source, IEnumerable<Mutation> mutations)
    {
        var bytes = new List<byte>(source);
        foreach (var m in mutations)
        {
            Apply(bytes, m);
        }

        return [.. bytes];
    }

    private static void Apply(List<byte> bytes, Mutation m)
    {
        var at = (int)Math.Min(bytes.Count, Math.Floor(m.At * bytes.Count));
        switch (m.Kind)
        {
            case MutationKind.FlipBit when bytes.Count > 0:
                var i = Math.Min(at, bytes.Count - 1);
                bytes[i] ^= (byte)(1 << (m.Payload % 8));
                break;
            case MutationKind.Delete:
                bytes.RemoveRange(at, Math.Min(1 + m.Payload % 64, bytes.Count - at));
                break;
            case MutationKind.DuplicateLine:
                var (start, end) = LineAround(bytes, at);
                var copies = 1 + m.Payload % 3;
                var line = bytes.GetRange(start, end - start);
                for (var c = 0; c < copies; c++)
                {
                    bytes.InsertRange(end, line);
                }

                break;
            case MutationKind.Truncate:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case MutationKind.InsertIndicator:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Indicators[m.Payload % Indicators.Length]));
                break;
            case MutationKind.HugeNumber:
                // Replace the next number (or the next scalar after a colon) with an extreme one.
                var digit = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
                var from = digit >= 0 ? digit : at;
                var to = from;
                while (to < bytes.Count && bytes[to] is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'-')
                {
                    to++;
                }

                bytes.RemoveRange(from, to - from);
                bytes.InsertRange(from, Encoding.UTF8.GetBytes(Numbers[m.Payload % Numbers.Length]));
                break;
            case MutationKind.DeepNesting:
                var depth = 10 + m.Payload;
                var nest = (m.Payload % 3) switch
                {
                    0 => new string('[', depth) + new string(']', depth),
                    1 => new string('{', depth),
                    _ => string.Concat(Enumerable.Range(0, Math.Min(depth, 300)).Select(d => "\n" + new string(' ', d) + "- ")) + "x\n",
                };
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(nest));
                break;
            case MutationKind.OddUnicode:
                bytes.InsertRange(at, Unicode[m.Payload % Unicode.Length]);
                break;
            case MutationKind.BooleanSpelling:
                var text = Encoding.UTF8.GetString([.. bytes]);
                var word = text.IndexOf("true", Math.Min(text.Length, (int)(m.At * text.Length)), StringComparison.Ordinal) is var t && t >= 0 ? t
                    : text.IndexOf("false", StringComparison.Ordinal);
                if (word >= 0 && Encoding.UTF8.GetByteCount(text) == bytes.Count)
                {
                    var length = text.AsSpan(word).StartsWith("true") ? 4 : 5;
                    var prefix = Encoding.UTF8.GetByteCount(text.AsSpan(0, word));
                    bytes.RemoveRange(prefix, length);
                    bytes.InsertRange(prefix, Encoding.UTF8.GetBytes(Booleans[m.Payload % Booleans.Length]));
                }

                break;
        }
    }

    private static (int Start, int End) LineAround(List<byte> bytes, int at)
    {
        var start = at;
        while (start > 0 && bytes[start - 1] != '\n')
        {
            start--;
        }

        var end = at;
        while (end < bytes.Count && bytes[end] != '\n')
        {
            end++;
        }

        return (start, Math.Min(bytes.Count, end + 1));
    }
}
