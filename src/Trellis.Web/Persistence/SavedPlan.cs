namespace Trellis.Web.Persistence;

/// <summary>
/// An activity plan a user saved: its text as uploaded (YAML or JSON) and a few facts read from
/// it for lists. <see cref="Version"/> is the concurrency token: it grows by one on every change,
/// and an edit that names an older version is refused (HTTP 412), so two edits at once cannot
/// silently overwrite each other.
/// </summary>
public sealed class SavedPlan
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }

    /// <summary>The plan's <c>name</c>, or the name given when saving.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>yaml</c> or <c>json</c>: how <see cref="Body"/> is written.</summary>
    public string Format { get; set; } = PlanFormats.Yaml;

    /// <summary>The plan, exactly as the user sent it.</summary>
    public string Body { get; set; } = "";

    public string SendingState { get; set; } = "";

    public string HostState { get; set; } = "";

    /// <summary>First day in the host state.</summary>
    public DateOnly Start { get; set; }

    /// <summary>Last day in the host state, inclusive.</summary>
    public DateOnly End { get; set; }

    /// <summary>When the plan was first saved (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When the plan was last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>1 when created; one more on every change. Sent as the ETag.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The organisation that saved it; who may read or change it is decided from this by
    /// <see cref="Cases.Policy"/>. Null for a plan saved before accounts existed: administrators only.
    /// </summary>
    public Guid? OwnerOrganisationId { get; set; }
}

/// <summary>The text formats a plan is accepted and stored in.</summary>
public static class PlanFormats
{
    public const string Yaml = "yaml";
    public const string Json = "json";
}
