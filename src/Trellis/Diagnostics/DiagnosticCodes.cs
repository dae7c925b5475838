namespace Trellis.Diagnostics;

/// <summary>
/// The one catalogue of diagnostic codes. Codes are stable: a code is never reused for
/// another meaning. <c>docs/diagnostics.md</c> lists them with how to fix each.
/// TRL0xx: files and the registry; TRL1xx: access rules; TRL2xx: activity plans;
/// TRL3xx: network sources and importers; TRL9xx: command-line options.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The file is not well-formed YAML.</summary>
    public const string YamlSyntax = "TRL001";
    /// <summary>A field that the format does not have (often a typo).</summary>
    public const string UnknownField = "TRL002";
    /// <summary>A required field is missing.</summary>
    public const string MissingField = "TRL003";
    /// <summary>A value has the wrong shape (a list where text is expected, a word where a number is).</summary>
    public const string InvalidValue = "TRL004";
    /// <summary>A file or folder the registry needs is missing or cannot be read.</summary>
    public const string MissingFile = "TRL005";
    /// <summary>A field is given twice in the same mapping.</summary>
    public const string DuplicateField = "TRL006";

    /// <summary>A state code that is not in <c>data/states/states.yaml</c>.</summary>
    public const string UnknownState = "TRL010";
    /// <summary>Two entries share an id.</summary>
    public const string DuplicateId = "TRL011";
    /// <summary>An agreement's id differs from its folder name.</summary>
    public const string IdFolderMismatch = "TRL012";
    /// <summary>An id does not follow the naming convention.</summary>
    public const string IdConvention = "TRL013";
    /// <summary>An agreement type outside the closed vocabulary.</summary>
    public const string UnknownType = "TRL014";
    /// <summary>A reference to an agreement that is not in the registry.</summary>
    public const string UnknownAgreement = "TRL015";
    /// <summary>A value outside its closed vocabulary (kind, region, frequency...).</summary>
    public const string UnknownVocabulary = "TRL016";
    /// <summary>An agreement with fewer than two parties, or a party listed twice.</summary>
    public const string BadParties = "TRL017";

    /// <summary>A date that is malformed or does not exist (2023-02-30).</summary>
    public const string InvalidDate = "TRL020";
    /// <summary>Entry into force before signature.</summary>
    public const string InForceBeforeSignature = "TRL021";
    /// <summary>End before entry into force (or before signature).</summary>
    public const string EndedBeforeInForce = "TRL022";
    /// <summary>Neither signature nor start of negotiations is given.</summary>
    public const string NoDates = "TRL023";
    /// <summary>An end date before a start date (exercise editions, plans).</summary>
    public const string EndBeforeStart = "TRL024";

    /// <summary>No source URL.</summary>
    public const string MissingSource = "TRL030";
    /// <summary>No confidence.</summary>
    public const string MissingConfidence = "TRL031";
    /// <summary>A source URL that is not an absolute http(s) URL.</summary>
    public const string InvalidUrl = "TRL032";

    /// <summary>A latitude or longitude out of range.</summary>
    public const string InvalidCoordinate = "TRL040";

    /// <summary>A command-line option with a value that cannot be used.</summary>
    public const string InvalidOption = "TRL900";
    /// <summary>An id named on the command line that does not exist.</summary>
    public const string UnknownId = "TRL901";
}
