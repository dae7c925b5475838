namespace Trellis.Exercises;

/// <summary>
/// A multinational exercise as an event to assess: an edition of a registry exercise
/// (<c>data/exercises/exercises.yaml</c>) or a user-defined event file (docs/exercises.md).
/// Every participant other than the state it is held in sends forces there; the held-in state's own
/// forces are not assessed (they are at home).
/// </summary>
/// <param name="Name">For output: the edition's name (<c>RIMPAC 2024</c>) or the event file's <c>name</c>.</param>
/// <param name="Hosts">The hosting (or co-leading) states, as the source lists them.</param>
/// <param name="HeldIn">The state on whose territory the event is assessed: one of <paramref name="Hosts"/>.</param>
/// <param name="Start">First day of the event.</param>
/// <param name="End">Last day of the event (inclusive).</param>
/// <param name="Participants">Every participating state, hosts included, in the source's order.</param>
public sealed record ExerciseEvent(
    string Name,
    IReadOnlyList<string> Hosts,
    string HeldIn,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<string> Participants)
{
    /// <summary>The registry exercise's id (<c>rimpac</c>), for an edition; null for an event file.</summary>
    public string? ExerciseId { get; init; }

    /// <summary>The edition's year, for an edition; null for an event file.</summary>
    public int? EditionYear { get; init; }

    /// <summary>The event file it was read from; null for an edition.</summary>
    public string? File { get; init; }

    /// <summary>
    /// Each sending state's own plan file, by ISO3 (full paths); a sending state without one is given the
    /// standard plan template (<c>data/parameters/friction-plan.yaml</c>) over the event's days.
    /// </summary>
    public IReadOnlyDictionary<string, string> Plans { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The source's notes (an edition's, or the event file's <c>notes</c>).</summary>
    public string? Notes { get; init; }

    /// <summary>Warnings found while reading the event (TRL218: several hosts, none named), carried into its assessment.</summary>
    public IReadOnlyList<Diagnostics.Diagnostic> Warnings { get; init; } = [];

    /// <summary>The states whose forces are assessed: every participant but <see cref="HeldIn"/>, in order.</summary>
    public IReadOnlyList<string> SendingStates =>
        Participants.Where(p => !string.Equals(p, HeldIn, StringComparison.Ordinal)).ToArray();

    /// <summary>Where the event comes from, for messages: <c>rimpac 2024</c> or the event file.</summary>
    public string Origin => ExerciseId is { } id ? $"{id} {EditionYear}" : File ?? Name;
}
