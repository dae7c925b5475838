using Microsoft.AspNetCore.Identity;

namespace Trellis.Web.Persistence;

/// <summary>
/// A person who signs in. Belongs to exactly one <see cref="Organisation"/>; what they may do
/// comes from their roles (Identity roles named as <see cref="Cases.Roles.Names"/>) and the state
/// of their organisation, decided by <see cref="Cases.Policy"/>. The user name is the e-mail address.
/// </summary>
public sealed class TrellisUser : IdentityUser
{
    public Guid OrganisationId { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A ministry, a joint staff, an embassy, a host authority: it belongs to one state, whose
/// ISO 3166-1 alpha-3 code is checked against the registry's states when it is created.
/// </summary>
public sealed class Organisation
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }

    /// <summary>ISO 3166-1 alpha-3, upper case (<c>GBR</c>).</summary>
    public string State { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Seeded by <c>Trellis:Demo</c>: fictitious, never real people or real work.</summary>
    public bool IsDemo { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// Which host organisation receives the filings addressed to an authority of its state: the
/// authority's name as the rules write it, or <see cref="All"/> for every authority of the state
/// that no more specific mapping names.
/// </summary>
public sealed class AuthorityMapping
{
    /// <summary>The authority text meaning "every authority of the state".</summary>
    public const string All = "*";

    public const int AuthorityMaxLength = 300;

    public Guid Id { get; set; }

    /// <summary>The host state (ISO3); the organisation belongs to it.</summary>
    public string HostState { get; set; } = "";

    /// <summary>The authority as the rules name it, or <see cref="All"/>.</summary>
    public string Authority { get; set; } = All;

    public Guid OrganisationId { get; set; }
}

/// <summary>
/// A token a user created for scripts (<c>Authorization: Bearer …</c>). Only the SHA-256 hash of
/// the token is kept; the token itself is shown once, when it is created. A revoked or expired
/// token authenticates nobody.
/// </summary>
public sealed class PersonalAccessToken
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>What the user called it (<c>ci-export</c>); unique per user.</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the token's UTF-8 text, in lower-case hex.</summary>
    public string Hash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>The first moment (UTC) it no longer works; null: never expires.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When it was revoked (UTC); null while it is valid.</summary>
    public DateTime? RevokedAt { get; set; }

    public bool IsValidAt(DateTime now) => IsValid(RevokedAt, ExpiresAt, now);

    /// <summary>Whether a token revoked at <paramref name="revokedAt"/> and expiring at <paramref name="expiresAt"/> works at <paramref name="now"/> (UTC).</summary>
    public static bool IsValid(DateTime? revokedAt, DateTime? expiresAt, DateTime now) => revokedAt is null && (expiresAt is null || now < expiresAt);
}

/// <summary>The Identity roles: one per core <see cref="Cases.Role"/>, its id and name the role's name.</summary>
public static class TrellisRoles
{
    public static IEnumerable<IdentityRole> Seed() => Cases.Roles.Names.Select(n => new IdentityRole(n)
    {
        Id = n,
        NormalizedName = n.ToUpperInvariant(),
        ConcurrencyStamp = n,
    });
}
