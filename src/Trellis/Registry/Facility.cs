namespace Trellis.Registry;

/// <summary>A foreign state's reported use of a facility, and the agreement that grants it.</summary>
public sealed record FacilityUser(string State, string? Agreement)
{
    /// <summary>
    /// First day the state may use the facility under the agreement (an EDCA agreed location from the day it was
    /// agreed); null: from the agreement's entry into force. A partial date counts from the last day it can denote.
    /// </summary>
    public PartialDate? Since { get; init; }
}

/// <summary>A base, port or airfield with its (often approximate) position.</summary>
/// <param name="Id">Stable slug (<c>kadena-air-base</c>).</param>
/// <param name="Host">ISO3 of the territorial state.</param>
/// <param name="Kind"><c>air</c>, <c>naval</c>, <c>army</c> or <c>joint</c>.</param>
/// <param name="Approximate">True when the coordinates are rounded or not sourced.</param>
/// <param name="Users">Foreign users as reported, each with the agreement that grants the use.</param>
public sealed record Facility(
    string Id,
    string Name,
    string Host,
    double Lat,
    double Lon,
    bool Approximate,
    string Kind,
    string? Role,
    IReadOnlyList<FacilityUser> Users,
    IReadOnlyList<Source> Sources,
    Confidence Confidence)
{
    public string? Ref { get; init; }
    public string? Notes { get; init; }
}

/// <summary>One observed edition of a recurring exercise, with its size as reported.</summary>
public sealed record ExerciseEdition(int Year, string? Name, PartialDate? Start, PartialDate? End)
{
    public int? Personnel { get; init; }
    public int? Nations { get; init; }
    public int? Ships { get; init; }
    public int? Aircraft { get; init; }
    public string? Notes { get; init; }
}

/// <summary>A recurring multinational exercise.</summary>
public sealed record Exercise(
    string Id,
    string Name,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Participants,
    IReadOnlyList<string> Observers,
    string? Frequency,
    int? Since,
    IReadOnlyList<ExerciseEdition> Editions,
    IReadOnlyList<Source> Sources,
    Confidence Confidence)
{
    public string? Ref { get; init; }
    public string? Notes { get; init; }
}
