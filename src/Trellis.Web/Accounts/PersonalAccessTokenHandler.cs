using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Persistence;

namespace Trellis.Web.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;personal access token&gt;</c>: hashes the token
/// (SHA-256), looks the hash up and accepts it while it is neither revoked nor expired and its
/// user is not locked out. Anything else is 401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c>
/// and a problem document; the reason is not told (no oracle for guessing tokens).
/// </summary>
public sealed class PersonalAccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TrellisDb db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";

    /// <summary>The claim naming the token that authenticated the request (its id).</summary>
    public const string TokenIdClaim = "trellis:token";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (presented.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("malformed bearer token");
        }

        var hash = AccountStore.HashToken(presented);
        var now = clock.GetUtcNow();
        // One query: the token, its user, the organisation's state and the roles (one row per role), so
        // that CurrentActor need not read them again for this request.
        var rows = await (
            from t in db.PersonalAccessTokens.AsNoTracking()
            where t.Hash == hash
            join u in db.Users on t.UserId equals u.Id
            join o in db.Organisations on u.OrganisationId equals o.Id
            from r in db.UserRoles.Where(r => r.UserId == u.Id).DefaultIfEmpty()
            select new { t.Id, t.RevokedAt, t.ExpiresAt, u.Email, Actor = new CurrentActor.ActorRow(u.Id, u.OrganisationId, o.State, u.LockoutEnd, r == null ? null : r.RoleId) })
            .ToListAsync(Context.RequestAborted);
        if (rows.Count == 0 || !PersonalAccessToken.IsValid(rows[0].RevokedAt, rows[0].ExpiresAt, now.UtcDateTime))
        {
            return AuthenticateResult.Fail("unknown, revoked or expired token");
        }

        var actor = CurrentActor.Of(rows.Select(r => r.Actor).ToArray(), now);
        if (actor is null)
        {
            return AuthenticateResult.Fail("the token's user is locked out");
        }

        Context.Items[CurrentActor.ItemKey] = actor;
        var (token, user) = (rows[0], rows[0].Actor);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.UserId), new Claim(ClaimTypes.Name, token.Email ?? user.UserId), new Claim(TokenIdClaim, token.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var invalid = HasBearer(Request);
        Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
        await Problem(Context, StatusCodes.Status401Unauthorized, "Not signed in",
            invalid ? "the bearer token is not valid: it is unknown, revoked or expired (admin token create makes a new one)"
                : "sign in at /account/signin, or send Authorization: Bearer <personal access token>");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(Context, StatusCodes.Status403Forbidden, "Forbidden", "your roles do not allow this");

    /// <summary>Writes a problem document with <paramref name="status"/> (for the cookie's API answers too).</summary>
    internal static async Task Problem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
