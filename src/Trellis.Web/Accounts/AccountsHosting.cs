using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trellis.Web.Persistence;

namespace Trellis.Web.Accounts;

/// <summary>
/// Accounts and sign-in: ASP.NET Core Identity on the app's database, its cookie for the pages,
/// personal access tokens for scripts, and a policy scheme that takes the token when an
/// <c>Authorization: Bearer</c> header is present and the cookie otherwise.
/// </summary>
public static class AccountsHosting
{
    /// <summary>The default scheme: forwards to the token handler or to the Identity cookie.</summary>
    public const string Scheme = "Trellis";

    /// <summary>The rate-limited sign-in forms (POST): the sign-in, second-factor and setup pages.</summary>
    public static readonly string[] SignInPaths = ["/account/signin", "/account/signin/code", "/setup"];

    public static IServiceCollection AddTrellisAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped<AccountStore>();
        services.AddSingleton<FirstRunSetup>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(Scheme, "Identity cookie or personal access token", o =>
                o.ForwardDefaultSelector = c => PersonalAccessTokenHandler.HasBearer(c.Request) ? PersonalAccessTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null)
            .AddIdentityCookies(c => c.ApplicationCookie!.Configure(Cookie));
        services.AddAuthorization();
        services.AddTrellisOpenIdConnect();

        services.AddIdentityCore<TrellisUser>(o =>
            {
                // NIST SP 800-63B: length over composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TrellisDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c =>
            {
                if (!HttpMethods.IsPost(c.Request.Method) || !SignInPaths.Any(p => c.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var permits = c.RequestServices.GetRequiredService<IOptions<TrellisOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(c.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The Identity cookie: HttpOnly, SameSite=Lax, Secure over HTTPS; API paths answer 401/403 problems, never a redirect.</summary>
    private static void Cookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "trellis.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/account/signin";
        o.LogoutPath = "/account/signout";
        o.AccessDeniedPath = "/account/signin";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = c =>
        {
            if (!IsApi(c.Request))
            {
                return Redirect(c);
            }

            c.Response.Headers.WWWAuthenticate = "Bearer";
            return PersonalAccessTokenHandler.Problem(c.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in",
                "sign in at /account/signin, or send Authorization: Bearer <personal access token>");
        };
        o.Events.OnRedirectToAccessDenied = c => IsApi(c.Request)
            ? PersonalAccessTokenHandler.Problem(c.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "your roles do not allow this")
            : Redirect(c);

        static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

        static Task Redirect(RedirectContext<CookieAuthenticationOptions> c)
        {
            c.Response.Redirect(c.RedirectUri);
            return Task.CompletedTask;
        }
    }

    /// <summary>Rate limits on sign-in, then who is asking, then what they may reach.</summary>
    public static WebApplication UseTrellisAccounts(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
