using System.Text.Json;

namespace Trellis.Web.Persistence;

/// <summary>Why a case operation did not happen, as the API answers it (RFC 9457) and a page shows it.</summary>
/// <param name="Code">A TRL code where one applies.</param>
public sealed record Refusal(int Status, string Title, string Detail, string? Code = null, IReadOnlyDictionary<string, object?>? Extensions = null);

/// <summary>The value of a case operation, or why it was refused.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}

/// <summary>A case in lists.</summary>
/// <param name="NextDeadline">The earliest deadline of an open filing; null when none is known.</param>
/// <param name="UnknownDeadlines">Open filings whose deadline cannot be computed (unknown lead time).</param>
public sealed record CaseSummary(Guid Id, string Title, string Status, string SendingState, Guid SendingOrganisationId, string HostState,
    DateOnly PlanStart, DateOnly PlanEnd, DateOnly LawDate, int Filings, int OpenFilings, int Overdue, int UnknownDeadlines, DateOnly? NextDeadline,
    DateTime UpdatedAt, int Version);

/// <summary>A page of a list: the items and the cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A filing as both sides see it.</summary>
/// <param name="AddressedTo">The host organisation it goes to; null: "no host organisation yet".</param>
/// <param name="Due">Against today: <c>overdue</c>, <c>at-risk</c>, <c>on-track</c>, <c>unknown</c> (no deadline can be computed), <c>settled</c>.</param>
/// <param name="Allowed">The statuses the caller may move it to now.</param>
public sealed record FilingView(Guid Id, Guid CaseId, string Rule, string Instrument, string Kind, string Title, string Authority,
    long Count, DateOnly? Deadline, bool LeadTimeUnknown, string Due, string Confidence, string Basis, string? BasisUrl,
    IReadOnlyList<string> Elements, Guid? AddressedTo, string AddressedToName, string Status, string? Reference, string? Restrictions,
    IReadOnlyList<string> Allowed, DateTime UpdatedAt, int Version);

/// <summary>A case with its plan, frozen assessment and filings.</summary>
/// <param name="RegistryChanged">True when the registry loaded now is not the one the assessment was frozen with: a re-assessment may change filings.</param>
/// <param name="Allowed">The case operations the caller may make now (<c>submit</c>, <c>approve</c>, <c>return</c>, <c>close</c>, <c>amend</c>, <c>comment</c>).</param>
public sealed record CaseDetail(CaseSummary Case, string SendingOrganisationName, string PlanFormat, string PlanBody,
    string RegistryHash, bool RegistryChanged, DateOnly Today, JsonElement Assessment, IReadOnlyList<FilingView> Filings,
    IReadOnlyList<string> Allowed);

/// <summary>What an amendment or re-assessment changed.</summary>
public sealed record AmendmentView(Guid CaseId, DateOnly LawDate, IReadOnlyList<string> Added, IReadOnlyList<string> Removed,
    IReadOnlyList<ChangedFiling> Changed, int Unchanged, int Version);

public sealed record ChangedFiling(string Rule, IReadOnlyList<string> Changes, string StatusBefore, string StatusAfter);

/// <summary>A comment as shown.</summary>
public sealed record CommentView(Guid Id, Guid CaseId, Guid? FilingId, Guid? ParentId, string Author, Guid AuthorOrganisationId, string Text, DateTime CreatedAt);

/// <summary>An attachment's facts (its content is served by <c>GET /api/attachments/{id}</c>).</summary>
public sealed record AttachmentView(Guid Id, Guid FilingId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime CreatedAt);

/// <summary>One audit row as shown in a case's history.</summary>
public sealed record HistoryEntry(long Sequence, DateTime At, string Actor, string Action, string Subject, string? Before, string? After, string Hash);

/// <summary>An open case whose frozen registry is not the loaded one, with what a re-assessment would change.</summary>
public sealed record StaleCase(CaseSummary Case, AmendmentView WouldChange);
