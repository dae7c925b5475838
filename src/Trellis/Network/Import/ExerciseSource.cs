using System.Globalization;
using Trellis.Diagnostics;
using Trellis.Registry;

namespace Trellis.Network.Import;

/// <summary>One exercise of an interaction dataset.</summary>
/// <param name="Id">The dataset's id (<c>mme89</c>).</param>
/// <param name="Year">The year it counts in: its start year.</param>
/// <param name="Participants">The nodes of its participants that map to states, sorted, each once.</param>
/// <param name="Line">Its (first) line in the file.</param>
public sealed record DatasetExercise(string Id, int Year, IReadOnlyList<string> Participants, int Line);

/// <summary>
/// Joint exercises as a graph source, in the <see cref="Layer.Exercise"/> layer: the snapshot on a day of year Y has one
/// tie (type <c>exercise</c>, id <c>mme:MMEID</c>) per exercise that started in Y − <see cref="Window"/> + 1 … Y and pair
/// of its participants, so a pair's link weight is its number of joint exercises in the window (times the type weight,
/// 1 by default). A tie of an exercise of year S runs from 1 January S to 1 January S + window (exclusive).
/// </summary>
public sealed class ExerciseSource : IDatasetSource
{
    private readonly Dictionary<int, DatasetExercise[]> _byYear;
    private readonly Func<string, string?> _nameOf;

    internal ExerciseSource(string name, IReadOnlyList<DatasetExercise> exercises, int window, string form, string encoding, Func<string, string?> nameOf, IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        Name = name;
        Exercises = exercises;
        Window = window;
        Form = form;
        Encoding = encoding;
        Diagnostics = diagnostics;
        _nameOf = nameOf;
        _byYear = exercises.GroupBy(e => e.Year).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id, GroupOrder.Instance).ToArray());
        Nodes = exercises.SelectMany(e => e.Participants).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        FirstYear = exercises.Count == 0 ? 0 : exercises.Min(e => e.Year);
        LastYear = exercises.Count == 0 ? 0 : exercises.Max(e => e.Year);
    }

    public string Name { get; }

    /// <summary>Every exercise read, in file order (those whose year is unknown are left out, reported).</summary>
    public IReadOnlyList<DatasetExercise> Exercises { get; }

    /// <summary>How many years a snapshot counts back (1: its own year only).</summary>
    public int Window { get; }

    /// <summary>The form the file was in: <c>exercise</c> (one row per exercise) or <c>long</c> (one row per exercise and country).</summary>
    public string Form { get; }

    /// <summary>How the file was decoded: <c>UTF-8</c> or <c>Latin-1</c>.</summary>
    public string Encoding { get; }

    public IReadOnlyList<string> Nodes { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    public string? NameOf(string node) => _nameOf(node);

    public IReadOnlyList<Tie> TiesOn(DateOnly day, PartialDatePolicy policy) => TiesIn(day.Year);

    /// <summary>The ties of a snapshot in <paramref name="year"/>: every pair of every exercise in the window ending then.</summary>
    public IReadOnlyList<Tie> TiesIn(int year)
    {
        var ties = new List<Tie>();
        for (var y = year - Window + 1; y <= year; y++)
        {
            foreach (var e in _byYear.GetValueOrDefault(y, []))
            {
                AddTies(e, ties);
            }
        }

        return ties;
    }

    public IReadOnlyList<Tie> AllTies(PartialDatePolicy policy)
    {
        var ties = new List<Tie>();
        foreach (var year in _byYear.Keys.Order())
        {
            foreach (var e in _byYear[year])
            {
                AddTies(e, ties);
            }
        }

        return ties;
    }

    /// <summary>The exercises of year <paramref name="year"/> in which both <paramref name="a"/> and <paramref name="b"/> took part.</summary>
    public IEnumerable<DatasetExercise> JointIn(int year, string a, string b) =>
        _byYear.GetValueOrDefault(year, []).Where(e => Contains(e, a) && Contains(e, b));

    private static bool Contains(DatasetExercise e, string node) => e.Participants is string[] sorted
        ? Array.BinarySearch(sorted, node, StringComparer.Ordinal) >= 0
        : e.Participants.Contains(node, StringComparer.Ordinal);

    private void AddTies(DatasetExercise e, List<Tie> ties)
    {
        var p = e.Participants;
        var multilateral = p.Count > 2;
        var inForce = e.Year.ToString(CultureInfo.InvariantCulture);
        var ended = (e.Year + Window).ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < p.Count; i++)
        {
            for (var j = i + 1; j < p.Count; j++)
            {
                ties.Add(new Tie(p[i], p[j], "mme:" + e.Id, "exercise", Layer.Exercise, multilateral)
                {
                    InForce = inForce,
                    Ended = ended,
                    Start = new DateOnly(e.Year, 1, 1),
                    End = e.Year + Window <= 9999 ? new DateOnly(e.Year + Window, 1, 1) : null,
                });
            }
        }
    }
}
