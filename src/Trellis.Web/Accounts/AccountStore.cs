using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Cases;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Web.Persistence;

namespace Trellis.Web.Accounts;

/// <summary>What an account operation did, or why it did nothing: a TRL6xx/TRL0xx/TRL9xx code and a message that says how to fix it.</summary>
public sealed record AccountResult<T>(T? Value, string? Code, string? Message)
{
    public bool Ok => Code is null;
}

public static class AccountResult
{
    public static AccountResult<T> Done<T>(T value) => new(value, null, null);

    public static AccountResult<T> Fail<T>(string code, string message) => new(default, code, message);
}

/// <summary>A personal access token as it is created: the text, shown once, and its record.</summary>
public sealed record CreatedToken(string Token, PersonalAccessToken Record);

/// <summary>
/// Organisations, users, personal access tokens and authority mappings: the one place that creates
/// them, used by the administration commands, the first-run setup page, the demo seed and the tests.
/// Every input is checked here (state codes against the registry, roles against the core's,
/// passwords against the policy) and refused with a coded message, never an exception.
/// Who may call it is not its business: the commands run with the database's rights, the pages ask
/// <see cref="Policy"/> first.
/// </summary>
public sealed class AccountStore(TrellisDb db, UserManager<TrellisUser> users, AgreementRegistry registry, TimeProvider clock)
{
    /// <summary>How a personal access token starts, so that secret scanners and people recognise one.</summary>
    public const string TokenPrefix = "trellis_pat_";

    public async Task<AccountResult<Organisation>> AddOrganisationAsync(string? state, string? name, bool isDemo = false, CancellationToken cancellationToken = default)
    {
        var iso3 = state?.Trim().ToUpperInvariant() ?? "";
        if (registry.FindState(iso3) is null)
        {
            return AccountResult.Fail<Organisation>(DiagnosticCodes.UnknownState,
                $"'{state}' is not a state code of the registry: use ISO 3166-1 alpha-3 in upper case (GBR, JPN, AUS), as in data/states/states.yaml");
        }

        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > Organisation.NameMaxLength)
        {
            return AccountResult.Fail<Organisation>(DiagnosticCodes.InvalidAccountValue, $"an organisation needs a name of 1 to {Organisation.NameMaxLength} characters");
        }

        if (await db.Organisations.AnyAsync(o => o.State == iso3 && o.Name == trimmed, cancellationToken))
        {
            return AccountResult.Fail<Organisation>(DiagnosticCodes.AlreadyExists, $"{iso3} already has an organisation named '{trimmed}'");
        }

        var org = new Organisation { Id = Guid.CreateVersion7(), State = iso3, Name = trimmed, IsDemo = isDemo, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Organisations.Add(org);
        await db.SaveChangesAsync(cancellationToken);
        return AccountResult.Done<Organisation>(org);
    }

    /// <summary>The users of the organisations of <paramref name="state"/>: e-mail, organisation, roles, whether locked out now.</summary>
    public async Task<IReadOnlyList<(TrellisUser User, Organisation Organisation, IReadOnlyList<string> Roles, bool LockedOut)>> UsersOfStateAsync(string state, CancellationToken cancellationToken = default)
    {
        var rows = await db.Users.AsNoTracking().Join(db.Organisations.AsNoTracking().Where(o => o.State == state), u => u.OrganisationId, o => o.Id, (u, o) => new { u, o })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.u.Id).ToArray();
        var roles = (await db.UserRoles.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.RoleId);
        var now = clock.GetUtcNow();
        return rows.OrderBy(r => r.o.Name, StringComparer.Ordinal).ThenBy(r => r.u.Email, StringComparer.Ordinal)
            .Select(r => (r.u, r.o, (IReadOnlyList<string>)roles[r.u.Id].Order(StringComparer.Ordinal).ToArray(), r.u.LockoutEnd > now)).ToArray();
    }

    /// <summary>Where the filings to <paramref name="state"/>'s authorities go.</summary>
    public async Task<IReadOnlyList<AuthorityMapping>> MappingsAsync(string state, CancellationToken cancellationToken = default) =>
        (await db.AuthorityMappings.AsNoTracking().Where(m => m.HostState == state).ToListAsync(cancellationToken)).OrderBy(m => m.Authority, StringComparer.Ordinal).ToArray();

    public async Task<IReadOnlyList<Organisation>> OrganisationsAsync(CancellationToken cancellationToken = default) =>
        (await db.Organisations.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(o => o.State, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The organisation named by its id, or by its exact name when only one organisation has it.</summary>
    public async Task<AccountResult<Organisation>> FindOrganisationAsync(string? idOrName, CancellationToken cancellationToken = default)
    {
        var text = idOrName?.Trim() ?? "";
        var found = Guid.TryParse(text, out var id)
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == id).ToListAsync(cancellationToken)
            : await db.Organisations.AsNoTracking().Where(o => o.Name == text).ToListAsync(cancellationToken);
        return found.Count switch
        {
            1 => AccountResult.Done<Organisation>(found[0]),
            0 => AccountResult.Fail<Organisation>(DiagnosticCodes.UnknownId, $"there is no organisation '{text}': give its id or exact name (admin org list shows them)"),
            _ => AccountResult.Fail<Organisation>(DiagnosticCodes.UnknownId, $"{found.Count} organisations are named '{text}': give the id (admin org list shows them)"),
        };
    }

    /// <summary>Parses role names; the first unknown one is refused with <see cref="DiagnosticCodes.UnknownRole"/>.</summary>
    public static AccountResult<IReadOnlyList<Role>> ParseRoles(IEnumerable<string> names)
    {
        var roles = new List<Role>();
        foreach (var name in names)
        {
            if (Roles.Parse(name) is not { } role)
            {
                return AccountResult.Fail<IReadOnlyList<Role>>(DiagnosticCodes.UnknownRole, $"'{name}' is not a role: use {string.Join(", ", Roles.Names)}");
            }

            roles.Add(role);
        }

        return roles.Count == 0
            ? AccountResult.Fail<IReadOnlyList<Role>>(DiagnosticCodes.UnknownRole, $"a user needs at least one role: {string.Join(", ", Roles.Names)}")
            : AccountResult.Done<IReadOnlyList<Role>>(roles.Distinct().ToArray());
    }

    public async Task<AccountResult<TrellisUser>> AddUserAsync(string? email, Guid organisationId, IReadOnlyList<Role> roles, string? password, CancellationToken cancellationToken = default)
    {
        var address = email?.Trim() ?? "";
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            return AccountResult.Fail<TrellisUser>(DiagnosticCodes.InvalidAccountValue, $"'{email}' is not an e-mail address (name@example.org)");
        }

        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            return AccountResult.Fail<TrellisUser>(DiagnosticCodes.UnknownId, $"there is no organisation {organisationId}");
        }

        if (await users.FindByEmailAsync(address) is not null)
        {
            return AccountResult.Fail<TrellisUser>(DiagnosticCodes.AlreadyExists, $"there is already a user {address}");
        }

        var user = new TrellisUser { UserName = address, Email = address, EmailConfirmed = true, OrganisationId = organisationId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password ?? "");
            if (!check.Succeeded)
            {
                return AccountResult.Fail<TrellisUser>(DiagnosticCodes.WeakPassword, "the password is refused: " + Describe(check));
            }
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            return AccountResult.Fail<TrellisUser>(DiagnosticCodes.InvalidAccountValue, Describe(created));
        }

        var added = await users.AddToRolesAsync(user, roles.Select(r => r.Name()));
        if (!added.Succeeded)
        {
            return AccountResult.Fail<TrellisUser>(DiagnosticCodes.UnknownRole, Describe(added));
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return AccountResult.Done<TrellisUser>(user);
    }

    /// <summary>
    /// The first administrator and their organisation, both or neither; refused once any user exists
    /// (<see cref="DiagnosticCodes.AlreadyExists"/>).
    /// </summary>
    public async Task<AccountResult<TrellisUser>> AddFirstAdministratorAsync(string? state, string? organisation, string? email, string? password, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await AnyUserAsync(cancellationToken))
        {
            return AccountResult.Fail<TrellisUser>(DiagnosticCodes.AlreadyExists, "this installation already has accounts: sign in, or ask an administrator");
        }

        var org = await AddOrganisationAsync(state, organisation, cancellationToken: cancellationToken);
        if (!org.Ok)
        {
            return AccountResult.Fail<TrellisUser>(org.Code!, org.Message!);
        }

        var user = await AddUserAsync(email, org.Value!.Id, [Role.Admin], password, cancellationToken);
        if (user.Ok)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            db.ChangeTracker.Clear();
        }

        return user;
    }

    /// <summary>
    /// The account of a user signed in elsewhere (<paramref name="provider"/>, <paramref name="subject"/>):
    /// made on first sign-in, without a password; its organisation and roles set to the given ones
    /// every time. An e-mail address already used by another account is refused (no silent linking).
    /// </summary>
    public async Task<AccountResult<TrellisUser>> SyncExternalUserAsync(string provider, string subject, string? email, Guid organisationId, IReadOnlyList<Role> roles,
        CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByLoginAsync(provider, subject);
        if (user is null)
        {
            var address = email?.Trim() ?? "";
            if (!MailAddress.TryCreate(address, out _))
            {
                return AccountResult.Fail<TrellisUser>(DiagnosticCodes.InvalidAccountValue, "the provider gave no e-mail address for the user");
            }

            if (await users.FindByEmailAsync(address) is not null)
            {
                return AccountResult.Fail<TrellisUser>(DiagnosticCodes.AlreadyExists, $"another account already has the address {address}: ask an administrator");
            }

            user = new TrellisUser { UserName = address, Email = address, EmailConfirmed = true, OrganisationId = organisationId, CreatedAt = clock.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user);
            var linked = created.Succeeded ? await users.AddLoginAsync(user, new UserLoginInfo(provider, subject, provider)) : created;
            if (!linked.Succeeded)
            {
                return AccountResult.Fail<TrellisUser>(DiagnosticCodes.InvalidAccountValue, Describe(linked));
            }
        }
        else if (user.OrganisationId != organisationId)
        {
            user.OrganisationId = organisationId;
            await users.UpdateAsync(user);
        }

        var wanted = roles.Select(r => r.Name()).ToHashSet(StringComparer.Ordinal);
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Where(r => !wanted.Contains(r)));
        await users.AddToRolesAsync(user, wanted.Where(r => !current.Contains(r)));
        await transaction.CommitAsync(cancellationToken);
        return AccountResult.Done(user);
    }

    public async Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) => await db.Users.AnyAsync(cancellationToken);

    /// <summary>
    /// A new personal access token for the user: 32 random bytes, base64url, after <see cref="TokenPrefix"/>.
    /// Only its SHA-256 is stored; <paramref name="expiresInDays"/> null: it never expires.
    /// </summary>
    public async Task<AccountResult<CreatedToken>> CreateTokenAsync(string? email, string? name, int? expiresInDays, CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(email?.Trim() ?? "") is not { } user)
        {
            return AccountResult.Fail<CreatedToken>(DiagnosticCodes.UnknownId, $"there is no user {email}");
        }

        var label = name?.Trim() ?? "";
        if (label.Length is 0 or > PersonalAccessToken.NameMaxLength)
        {
            return AccountResult.Fail<CreatedToken>(DiagnosticCodes.InvalidAccountValue, $"a token needs a name of 1 to {PersonalAccessToken.NameMaxLength} characters (what it is for: ci-export)");
        }

        if (expiresInDays is < 1 or > 3660)
        {
            return AccountResult.Fail<CreatedToken>(DiagnosticCodes.InvalidOption, "--expires-days must be between 1 and 3660");
        }

        if (await db.PersonalAccessTokens.AnyAsync(t => t.UserId == user.Id && t.Name == label, cancellationToken))
        {
            return AccountResult.Fail<CreatedToken>(DiagnosticCodes.AlreadyExists, $"{user.Email} already has a token named '{label}': revoke it or pick another name");
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, Name = label, Hash = HashToken(token), CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.PersonalAccessTokens.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return AccountResult.Done<CreatedToken>(new CreatedToken(token, record));
    }

    public async Task<AccountResult<PersonalAccessToken>> RevokeTokenAsync(string? email, string? name, CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(email?.Trim() ?? "") is not { } user)
        {
            return AccountResult.Fail<PersonalAccessToken>(DiagnosticCodes.UnknownId, $"there is no user {email}");
        }

        var label = name?.Trim() ?? "";
        if (await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.UserId == user.Id && t.Name == label, cancellationToken) is not { } token)
        {
            return AccountResult.Fail<PersonalAccessToken>(DiagnosticCodes.UnknownId, $"{user.Email} has no token named '{label}'");
        }

        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return AccountResult.Done<PersonalAccessToken>(token);
    }

    /// <summary>
    /// Says that the filings addressed to <paramref name="authority"/> of <paramref name="state"/>
    /// (or to every authority of it, <see cref="AuthorityMapping.All"/>) go to the organisation,
    /// which must belong to that state. A new mapping for the same authority replaces the old one.
    /// </summary>
    public async Task<AccountResult<AuthorityMapping>> MapAuthorityAsync(string? state, Guid organisationId, string? authority, CancellationToken cancellationToken = default)
    {
        var iso3 = state?.Trim().ToUpperInvariant() ?? "";
        if (registry.FindState(iso3) is null)
        {
            return AccountResult.Fail<AuthorityMapping>(DiagnosticCodes.UnknownState, $"'{state}' is not a state code of the registry: use ISO 3166-1 alpha-3 (JPN)");
        }

        if (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken) is not { } org)
        {
            return AccountResult.Fail<AuthorityMapping>(DiagnosticCodes.UnknownId, $"there is no organisation {organisationId}");
        }

        if (org.State != iso3)
        {
            return AccountResult.Fail<AuthorityMapping>(DiagnosticCodes.InvalidOption, $"'{org.Name}' belongs to {org.State}, not {iso3}: a host state's authorities map to an organisation of that state");
        }

        var text = authority?.Trim() ?? "";
        if (text.Length is 0 or > AuthorityMapping.AuthorityMaxLength)
        {
            return AccountResult.Fail<AuthorityMapping>(DiagnosticCodes.InvalidAccountValue, $"give the authority as the rules name it (1 to {AuthorityMapping.AuthorityMaxLength} characters), or --all");
        }

        var mapping = await db.AuthorityMappings.FirstOrDefaultAsync(m => m.HostState == iso3 && m.Authority == text, cancellationToken);
        if (mapping is null)
        {
            mapping = new AuthorityMapping { Id = Guid.CreateVersion7(), HostState = iso3, Authority = text };
            db.AuthorityMappings.Add(mapping);
        }

        mapping.OrganisationId = org.Id;
        await db.SaveChangesAsync(cancellationToken);
        return AccountResult.Done<AuthorityMapping>(mapping);
    }

    /// <summary>SHA-256 of the token's UTF-8 text, lower-case hex: what <see cref="PersonalAccessToken.Hash"/> holds.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description.TrimEnd('.')));
}
