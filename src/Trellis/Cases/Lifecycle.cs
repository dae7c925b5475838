namespace Trellis.Cases;

/// <summary>Where a case stands. The host state sees a case only from <see cref="Submitted"/> on.</summary>
public enum CaseStatus
{
    /// <summary>The sending organisation is preparing it; only its own side sees it.</summary>
    Draft,

    /// <summary>A planner asked the sending organisation's approver to release it.</summary>
    AwaitingApproval,

    /// <summary>Released to the host: every filing is addressed to a host organisation (or waits for one).</summary>
    Submitted,

    /// <summary>Done: no more transitions; still readable.</summary>
    Closed,
}

/// <summary>Where one filing (one requirement of the frozen assessment) stands.</summary>
public enum FilingStatus
{
    Draft,
    Submitted,
    UnderReview,
    NeedMoreInfo,
    Approved,
    ApprovedWithRestrictions,
    Denied,
    Withdrawn,
}

/// <summary>Which side of a case acts: the sending organisation or the host organisation a filing is addressed to.</summary>
public enum Side
{
    Sending,
    Host,
}

/// <summary>One allowed move of a filing: from, to, which side makes it, and with which roles.</summary>
/// <param name="Roles">Any one of them suffices.</param>
public sealed record FilingTransition(FilingStatus From, FilingStatus To, Side Side, IReadOnlySet<Role> Roles);

/// <summary>One allowed move of a case: the operation that makes it, from, to, and the roles that may.</summary>
public sealed record CaseTransition(Operation Operation, CaseStatus From, CaseStatus To, IReadOnlySet<Role> Roles);

/// <summary>
/// The lifecycle tables of filings and cases: the one statement of which moves exist and who may
/// make them, read by the policy, the endpoints, the pages and the authorisation matrix test.
/// </summary>
public static class Lifecycle
{
    private static readonly IReadOnlySet<Role> SendingPlanners = new HashSet<Role> { Role.Planner, Role.Approver };
    private static readonly IReadOnlySet<Role> Reviewers = new HashSet<Role> { Role.HostReviewer };

    /// <summary>
    /// Every filing move. <c>draft → submitted</c> happens when the case is released (the approver's
    /// act, not a move of its own); after that the host reviews, asks for more, decides; the sending
    /// side answers a request for more information (back to <c>submitted</c>) or withdraws.
    /// </summary>
    public static IReadOnlyList<FilingTransition> Filings { get; } =
    [
        new(FilingStatus.Submitted, FilingStatus.UnderReview, Side.Host, Reviewers),
        new(FilingStatus.Submitted, FilingStatus.NeedMoreInfo, Side.Host, Reviewers),
        new(FilingStatus.UnderReview, FilingStatus.NeedMoreInfo, Side.Host, Reviewers),
        new(FilingStatus.Submitted, FilingStatus.Approved, Side.Host, Reviewers),
        new(FilingStatus.Submitted, FilingStatus.ApprovedWithRestrictions, Side.Host, Reviewers),
        new(FilingStatus.Submitted, FilingStatus.Denied, Side.Host, Reviewers),
        new(FilingStatus.UnderReview, FilingStatus.Approved, Side.Host, Reviewers),
        new(FilingStatus.UnderReview, FilingStatus.ApprovedWithRestrictions, Side.Host, Reviewers),
        new(FilingStatus.UnderReview, FilingStatus.Denied, Side.Host, Reviewers),
        new(FilingStatus.NeedMoreInfo, FilingStatus.Submitted, Side.Sending, SendingPlanners),
        new(FilingStatus.Draft, FilingStatus.Withdrawn, Side.Sending, SendingPlanners),
        new(FilingStatus.Submitted, FilingStatus.Withdrawn, Side.Sending, SendingPlanners),
        new(FilingStatus.UnderReview, FilingStatus.Withdrawn, Side.Sending, SendingPlanners),
        new(FilingStatus.NeedMoreInfo, FilingStatus.Withdrawn, Side.Sending, SendingPlanners),
    ];

    /// <summary>Every case move, with the sending organisation's roles that may make it.</summary>
    public static IReadOnlyList<CaseTransition> Cases { get; } =
    [
        new(Operation.CaseSubmit, CaseStatus.Draft, CaseStatus.AwaitingApproval, new HashSet<Role> { Role.Planner }),
        new(Operation.CaseApprove, CaseStatus.AwaitingApproval, CaseStatus.Submitted, new HashSet<Role> { Role.Approver }),
        new(Operation.CaseReturn, CaseStatus.AwaitingApproval, CaseStatus.Draft, new HashSet<Role> { Role.Approver }),
        new(Operation.CaseClose, CaseStatus.Submitted, CaseStatus.Closed, new HashSet<Role> { Role.Planner, Role.Approver }),
    ];

    /// <summary>True for the statuses a filing cannot leave.</summary>
    public static bool IsFinal(FilingStatus status) =>
        status is FilingStatus.Approved or FilingStatus.ApprovedWithRestrictions or FilingStatus.Denied or FilingStatus.Withdrawn;

    /// <summary>The moves out of <paramref name="from"/>, for a 409 that names the allowed ones.</summary>
    public static IReadOnlyList<FilingTransition> From(FilingStatus from) => Filings.Where(t => t.From == from).ToArray();

    /// <summary>The move from <paramref name="from"/> to <paramref name="to"/>, or null when the table has none.</summary>
    public static FilingTransition? Find(FilingStatus from, FilingStatus to) => Filings.FirstOrDefault(t => t.From == from && t.To == to);

    /// <summary>The case move <paramref name="operation"/> makes from <paramref name="from"/>, or null.</summary>
    public static CaseTransition? Find(Operation operation, CaseStatus from) => Cases.FirstOrDefault(t => t.Operation == operation && t.From == from);

    /// <summary>True once the host may see the case: it was released by the sending approver.</summary>
    public static bool IsReleased(CaseStatus status) => status is CaseStatus.Submitted or CaseStatus.Closed;

    private static readonly (FilingStatus Status, string Name)[] FilingNames =
    [
        (FilingStatus.Draft, "draft"), (FilingStatus.Submitted, "submitted"), (FilingStatus.UnderReview, "under-review"),
        (FilingStatus.NeedMoreInfo, "need-more-info"), (FilingStatus.Approved, "approved"),
        (FilingStatus.ApprovedWithRestrictions, "approved-with-restrictions"), (FilingStatus.Denied, "denied"), (FilingStatus.Withdrawn, "withdrawn"),
    ];

    private static readonly (CaseStatus Status, string Name)[] CaseNames =
    [
        (CaseStatus.Draft, "draft"), (CaseStatus.AwaitingApproval, "awaiting-approval"), (CaseStatus.Submitted, "submitted"), (CaseStatus.Closed, "closed"),
    ];

    /// <summary>The status's name in the API: <c>need-more-info</c>.</summary>
    public static string Name(this FilingStatus status) => FilingNames.First(n => n.Status == status).Name;

    /// <summary>The status's name in the API: <c>awaiting-approval</c>.</summary>
    public static string Name(this CaseStatus status) => CaseNames.First(n => n.Status == status).Name;

    /// <summary>Every filing status name, for messages listing the allowed values.</summary>
    public static IReadOnlyList<string> FilingStatusNames { get; } = FilingNames.Select(n => n.Name).ToArray();

    /// <summary>Every case status name.</summary>
    public static IReadOnlyList<string> CaseStatusNames { get; } = CaseNames.Select(n => n.Name).ToArray();

    public static FilingStatus? ParseFilingStatus(string? name) =>
        FilingNames.Where(n => string.Equals(n.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(n => (FilingStatus?)n.Status).FirstOrDefault();

    public static CaseStatus? ParseCaseStatus(string? name) =>
        CaseNames.Where(n => string.Equals(n.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(n => (CaseStatus?)n.Status).FirstOrDefault();
}
