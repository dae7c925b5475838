namespace Trellis.Registry;

/// <summary>
/// How far a fact is verified. <c>High</c>: read in an official text or on a government page.
/// <c>Medium</c>: reported by reputable press or a lower-standing official document.
/// <c>Low</c>: secondary, inferred or unverified; a pointer to check, never law to rely on.
/// </summary>
public enum Confidence
{
    Low,
    Medium,
    High,
}

/// <summary>A public source for a fact: a URL and what the page is.</summary>
public sealed record Source(string Url, string? Title);

/// <summary>A state in the registry, keyed by its ISO 3166-1 alpha-3 code.</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 code, upper case (<c>JPN</c>).</param>
/// <param name="Name">English short name.</param>
/// <param name="Cow">Correlates of War state code (ccode), or null where COW has none.</param>
/// <param name="CowAbbrev">Correlates of War abbreviation (Australia is <c>AUL</c>; COW <c>AUS</c> is Austria).</param>
/// <param name="Region">Region, from the closed list in <c>docs/data-format.md</c>.</param>
/// <param name="UnMember">False for Taiwan.</param>
public sealed record State(string Iso3, string Name, int? Cow, string? CowAbbrev, string Region, bool UnMember);

/// <summary>Closed vocabularies of the data format, in one place.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> Regions =
    [
        "east-asia", "southeast-asia", "south-asia", "central-asia", "western-asia",
        "europe", "north-america", "latin-america", "africa", "oceania",
    ];

    public static readonly IReadOnlyList<string> FacilityKinds = ["air", "naval", "army", "joint"];

    public static readonly IReadOnlyList<string> ExerciseFrequencies =
        ["annual", "biennial-odd", "biennial-even", "several-a-year", "irregular"];

    public static readonly IReadOnlyList<string> Confidences = ["high", "medium", "low"];
}
