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
    /// <summary>The <see cref="HttpContext.Items"/> key under which an authentication handler leaves the actor it has already read.</summary>
    public const string ItemKey = "trellis:actor";

    private bool _loaded;
    private Actor? _actor;

    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!_loaded)
        {
            // A bearer token's handler has read the actor with the token in one query: do not read it again.
            _actor = http.HttpContext?.Items[ItemKey] as Actor ?? await LoadAsync(http.HttpContext?.User, cancellationToken);
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
        // One query: the user with the organisation's state, one row per role (or one row with none).
        var rows = await (
            from u in db.Users.AsNoTracking()
            where u.Id == userId
            join o in db.Organisations on u.OrganisationId equals o.Id
            from r in db.UserRoles.Where(r => r.UserId == u.Id).DefaultIfEmpty()
            select new ActorRow(u.Id, u.OrganisationId, o.State, u.LockoutEnd, r == null ? null : r.RoleId)).ToListAsync(cancellationToken);
        return Of(rows, now);
    }

    /// <summary>One row of the actor's query: the user, the organisation's state and one role (null when the user has none).</summary>
    public sealed record ActorRow(string UserId, Guid OrganisationId, string State, DateTimeOffset? LockoutEnd, string? Role);

    /// <summary>The actor the rows of one user describe; null when there are none or the account is locked out at <paramref name="now"/>.</summary>
    public static Actor? Of(IReadOnlyList<ActorRow> rows, DateTimeOffset now)
    {
        if (rows.Count == 0 || rows[0].LockoutEnd > now)
        {
            return null;
        }

        var first = rows[0];
        return new Actor(first.UserId, first.OrganisationId, first.State, rows.Select(r => r.Role).OfType<string>().Select(Roles.Parse).OfType<Role>());
    }
}
