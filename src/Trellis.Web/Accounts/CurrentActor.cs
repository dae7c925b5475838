using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Cases;
using Trellis.Web.Persistence;

namespace Trellis.Web.Accounts;

/// <summary>
/// Who is making the current request, as the core's <see cref="Actor"/>: the signed-in user (by
/// the Identity cookie or a personal access token), their organisation's state and their roles,
/// read from the database once per request — so a role taken away counts from the next request.
/// Null when nobody is signed in, or the account is locked out.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, TrellisDb db, TimeProvider clock)
{
    private bool _loaded;
    private Actor? _actor;

    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!_loaded)
        {
            _actor = await LoadAsync(http.HttpContext?.User, cancellationToken);
            _loaded = true;
        }

        return _actor;
    }

    /// <summary>The actor for a principal: its <see cref="ClaimTypes.NameIdentifier"/> is the user's id.</summary>
    public async Task<Actor?> LoadAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken = default)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return null;
        }

        return await LoadAsync(db, userId, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>The actor of the user <paramref name="userId"/>, or null when there is none or the account is locked out at <paramref name="now"/>.</summary>
    public static async Task<Actor?> LoadAsync(TrellisDb db, string userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new { u.Id, u.OrganisationId, o.State, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null || found.LockoutEnd > now)
        {
            return null;
        }

        var roles = await db.UserRoles.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.RoleId).ToListAsync(cancellationToken);
        return new Actor(found.Id, found.OrganisationId, found.State, roles.Select(Roles.Parse).OfType<Role>());
    }
}
