using Trellis.Diagnostics;
using Trellis.Network.Import;

namespace Trellis.Network;

/// <summary>A pair of states as asked for (<c>JPN-AUS</c>): the order given is kept for display.</summary>
public sealed record StatePair(string A, string B)
{
    public override string ToString() => $"{A}-{B}";

    /// <summary>
    /// Parses <c>AAA-BBB</c> pairs (comma-separated or repeated). A side is an ISO3 code (any case) that
    /// <paramref name="isState"/> accepts, or a dataset node <c>COW:ccode</c>. Errors: TRL900 for a malformed pair,
    /// TRL010 for an unknown state, each naming <paramref name="option"/>.
    /// </summary>
    public static LoadResult<IReadOnlyList<StatePair>> Parse(IEnumerable<string> values, Func<string, bool> isState, string option = "--pairs")
    {
        var diagnostics = new List<Diagnostic>();
        var pairs = new List<StatePair>();
        foreach (var raw in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parts = raw.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{option}: '{raw}' is not a pair; write two state codes joined by '-', e.g. JPN-AUS", option));
                continue;
            }

            var sides = parts.Select(Side).ToArray();
            var ok = true;
            foreach (var (side, text) in sides.Zip(parts))
            {
                if (!side.StartsWith("COW:", StringComparison.Ordinal) && !isState(side))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnknownState, $"{option}: '{text}' in '{raw}' is not a state code: use ISO 3166-1 alpha-3 (JPN, GBR, AUS)", option));
                    ok = false;
                }
            }

            if (ok && sides[0] == sides[1])
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{option}: '{raw}' pairs a state with itself; name two different states", option));
                ok = false;
            }

            if (ok)
            {
                pairs.Add(new StatePair(sides[0], sides[1]));
            }
        }

        if (pairs.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidOption, $"{option}: name at least one pair, e.g. JPN-AUS,JPN-GBR", option));
        }

        return new(diagnostics.Count > 0 ? null : pairs.Distinct().ToArray(), diagnostics);
    }

    private static string Side(string text) =>
        text.StartsWith("COW:", StringComparison.OrdinalIgnoreCase) ? "COW:" + text[4..] : text.ToUpperInvariant();
}

/// <summary>One pair's joint exercises per year.</summary>
/// <param name="Pair">The pair as asked for (<c>JPN-AUS</c>).</param>
/// <param name="Counts">Per year of <see cref="InteractionsView.Years"/>: the exercises both took part in that started in the window ending that year.</param>
/// <param name="Total">The distinct joint exercises that started from <see cref="InteractionsView.From"/> to <see cref="InteractionsView.To"/> (not the sum of windowed counts).</param>
/// <param name="Exercises">Those exercises' ids, in year then id order.</param>
public sealed record PairCounts(string Pair, string A, string B, IReadOnlyList<int> Counts, int Total, IReadOnlyList<string> Exercises);

/// <summary>The documented JSON of <c>trellis network interactions --format json</c> (see <c>docs/network.md</c>).</summary>
public sealed record InteractionsView(string Source, string Form, string Encoding, int From, int To, int Window, int FirstYear, int LastYear,
    IReadOnlyList<int> Years, IReadOnlyList<PairCounts> Pairs)
{
    /// <summary>
    /// The joint exercises of each of <paramref name="pairs"/> in every year from <paramref name="from"/> to
    /// <paramref name="to"/> (inclusive), counted with the source's window: the count in year Y is the exercises that
    /// started in Y − window + 1 … Y.
    /// </summary>
    public static InteractionsView Of(ExerciseSource source, IReadOnlyList<StatePair> pairs, int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var years = Enumerable.Range(from, to - from + 1).ToArray();
        var rows = new List<PairCounts>();
        foreach (var pair in pairs)
        {
            var perYear = new Dictionary<int, string[]>();
            for (var y = from - source.Window + 1; y <= to; y++)
            {
                perYear[y] = source.JointIn(y, pair.A, pair.B).Select(e => e.Id).ToArray();
            }

            var counts = years.Select(y => Enumerable.Range(y - source.Window + 1, source.Window).Sum(w => perYear[w].Length)).ToArray();
            var exercises = years.SelectMany(y => perYear[y]).ToArray();
            rows.Add(new PairCounts(pair.ToString(), pair.A, pair.B, counts, exercises.Length, exercises));
        }

        return new InteractionsView(source.Name, source.Form, source.Encoding, from, to, source.Window, source.FirstYear, source.LastYear, years, rows);
    }
}
