namespace Trellis.Web.Persistence;

/// <summary>
/// A case as stored: the plan of a sending organisation, its host state, where it stands, and the
/// assessment frozen when it was opened (or last amended): the law date, the registry's content hash
/// and the whole assessment as JSON. <see cref="Version"/> grows on every change and is the ETag.
/// </summary>
public sealed class CaseRecord
{
    public Guid Id { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The saved plan it was opened from (null once that plan is deleted).</summary>
    public Guid? PlanId { get; set; }

    public Guid SendingOrganisationId { get; set; }

    public string SendingState { get; set; } = "";

    public string HostState { get; set; } = "";

    /// <summary>A <see cref="Trellis.Cases.CaseStatus"/> name: <c>draft</c>, <c>awaiting-approval</c>, <c>submitted</c>, <c>closed</c>.</summary>
    public string Status { get; set; } = "draft";

    /// <summary>The plan's text as the case carries it (YAML or JSON, <see cref="PlanFormat"/>).</summary>
    public string PlanBody { get; set; } = "";

    public string PlanFormat { get; set; } = PlanFormats.Yaml;

    public DateOnly PlanStart { get; set; }

    public DateOnly PlanEnd { get; set; }

    /// <summary>The day agreements had to be in force for the frozen assessment.</summary>
    public DateOnly LawDate { get; set; }

    /// <summary>True when a user chose <see cref="LawDate"/>; false when it is the plan's start and moves with it.</summary>
    public bool LawDateChosen { get; set; }

    /// <summary>The registry's content hash when the assessment was frozen.</summary>
    public string RegistryHash { get; set; } = "";

    /// <summary>The frozen assessment, as <c>trellis assess --format json</c> writes it.</summary>
    public string AssessmentJson { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When the sending approver released it to the host; null before.</summary>
    public DateTime? ReleasedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One filing of a case: a requirement of the frozen assessment, addressed to the host organisation
/// that stands for its authority (null: no host organisation yet). <see cref="Version"/> is its ETag.
/// </summary>
public sealed class FilingRecord
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The same requirement across re-assessments (its rule id).</summary>
    public string Key { get; set; } = "";

    public string Rule { get; set; } = "";

    public string Instrument { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public string Authority { get; set; } = "";

    public long Count { get; set; }

    /// <summary>Null when the lead time is unknown (<see cref="LeadTimeUnknown"/>): never a guessed day.</summary>
    public DateOnly? Deadline { get; set; }

    public bool LeadTimeUnknown { get; set; }

    public string Confidence { get; set; } = "";

    public string Basis { get; set; } = "";

    public string? BasisUrl { get; set; }

    /// <summary>The plan elements concerned, comma-separated.</summary>
    public string Elements { get; set; } = "";

    public Guid? AddressedTo { get; set; }

    /// <summary>A <see cref="Trellis.Cases.FilingStatus"/> name.</summary>
    public string Status { get; set; } = "draft";

    /// <summary>The host's reference number (a diplomatic clearance number, say), given with a decision.</summary>
    public string? Reference { get; set; }

    /// <summary>The restrictions of an <c>approved-with-restrictions</c> decision.</summary>
    public string? Restrictions { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A comment on a case (<see cref="FilingId"/> null) or on one of its filings; <see cref="ParentId"/> threads replies.</summary>
public sealed class CommentRecord
{
    public const int TextMaxLength = 8000;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid? FilingId { get; set; }

    public Guid? ParentId { get; set; }

    public string AuthorId { get; set; } = "";

    public string AuthorName { get; set; } = "";

    public Guid AuthorOrganisationId { get; set; }

    public string Text { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>A file attached to a filing, stored in the database; its type was checked by content on upload.</summary>
public sealed class AttachmentRecord
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid FilingId { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>The media type its content was recognised as (from the allow-list).</summary>
    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public string UploadedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of the append-only, hash-chained audit log (<see cref="Trellis.Cases.AuditEntry"/>).</summary>
public sealed class AuditRecord
{
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string Subject { get; set; } = "";

    public Guid? CaseId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    public Trellis.Cases.AuditEntry ToEntry() => new(Sequence, At, Actor, Action, Subject, CaseId, Before, After, PreviousHash, Hash);

    public static AuditRecord Of(Trellis.Cases.AuditEntry e) => new()
    {
        Sequence = e.Sequence, At = e.At, Actor = e.Actor, Action = e.Action, Subject = e.Subject, CaseId = e.CaseId,
        Before = e.Before, After = e.After, PreviousHash = e.PreviousHash, Hash = e.Hash,
    };
}

/// <summary>An in-app notification: a status change on a case the user works on.</summary>
public sealed class NotificationRecord
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public Guid CaseId { get; set; }

    public Guid? FilingId { get; set; }

    public string Text { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

/// <summary>A user's personal calendar feed: a secret URL (only its hash kept), revocable.</summary>
public sealed class CalendarFeedRecord
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
