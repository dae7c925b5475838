namespace Trellis.Cases;

/// <summary>
/// What a user may be in their organisation. A user has one or more roles; each is scoped to the
/// state of the user's organisation (an <see cref="Admin"/> of the UK Ministry of Defence
/// administers UK organisations and users, not Japanese ones).
/// </summary>
public enum Role
{
    /// <summary>Reads what its organisation may read; changes nothing.</summary>
    Viewer,

    /// <summary>Drafts its organisation's plans and cases and submits them for internal approval.</summary>
    Planner,

    /// <summary>Releases its organisation's cases to the host state.</summary>
    Approver,

    /// <summary>Acts on the filings addressed to its (host) organisation: review, ask for more, decide.</summary>
    HostReviewer,

    /// <summary>Comments; sees every case of its state.</summary>
    LegalAdviser,

    /// <summary>Reads and comments on cases where its state is a party (sending or host).</summary>
    Liaison,

    /// <summary>Reads everything of its state, including the audit log; changes nothing.</summary>
    Auditor,

    /// <summary>Manages users and organisations of its own state; sees plans saved before accounts existed.</summary>
    Admin,
}

/// <summary>The names roles have in settings, the command line, the API and claims.</summary>
public static class Roles
{
    private static readonly (Role Role, string Name)[] Table =
    [
        (Role.Viewer, "viewer"),
        (Role.Planner, "planner"),
        (Role.Approver, "approver"),
        (Role.HostReviewer, "host-reviewer"),
        (Role.LegalAdviser, "legal-adviser"),
        (Role.Liaison, "liaison"),
        (Role.Auditor, "auditor"),
        (Role.Admin, "admin"),
    ];

    /// <summary>Every role, in the order above.</summary>
    public static IReadOnlyList<Role> All { get; } = Table.Select(r => r.Role).ToArray();

    /// <summary>Every role's name, for messages that list the allowed values.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(r => r.Name).ToArray();

    /// <summary>The role's name: <c>host-reviewer</c> for <see cref="Role.HostReviewer"/>.</summary>
    public static string Name(this Role role) => Table.First(r => r.Role == role).Name;

    /// <summary>The role named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Role? Parse(string? name)
    {
        foreach (var (role, n) in Table)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        return null;
    }
}

/// <summary>
/// Who is acting: a signed-in user, their organisation, the state that organisation belongs to
/// (ISO 3166-1 alpha-3) and their roles. Built by the web app from the sign-in (cookie, OpenID
/// Connect or personal access token); the policy decides from this alone.
/// </summary>
public sealed record Actor
{
    public Actor(string userId, Guid organisationId, string state, IEnumerable<Role> roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        UserId = userId;
        OrganisationId = organisationId;
        State = state.ToUpperInvariant();
        Roles = roles.ToHashSet();
    }

    public string UserId { get; }

    public Guid OrganisationId { get; }

    /// <summary>The state of the user's organisation.</summary>
    public string State { get; }

    public IReadOnlySet<Role> Roles { get; }

    public bool Has(Role role) => Roles.Contains(role);
}
