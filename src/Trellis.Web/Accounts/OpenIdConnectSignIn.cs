using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Trellis.Cases;
using Trellis.Web.Persistence;

namespace Trellis.Web.Accounts;

/// <summary>
/// Sign-in at an organisation's OpenID Connect provider, as an option beside passwords: section
/// <c>Trellis:OpenIdConnect</c> (environment <c>Trellis__OpenIdConnect__Authority</c>, …). Off
/// unless <see cref="Authority"/> and <see cref="ClientId"/> are set.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Trellis:OpenIdConnect";

    /// <summary>The provider's issuer URL (its <c>/.well-known/openid-configuration</c> is read from there).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in page's button says: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "your organisation's sign-in";

    /// <summary>The ID token claim that names the user's organisation: its Trellis id or exact name. Default <c>trellis_organisation</c>.</summary>
    public string OrganisationClaim { get; set; } = "trellis_organisation";

    /// <summary>The ID token claim (one or several values) with the user's role names (<c>planner</c>, …). Default <c>trellis_roles</c>.</summary>
    public string RoleClaim { get; set; } = "trellis_roles";

    /// <summary>The ID token claim with the e-mail address. Default <c>email</c>.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Only for a provider on the loopback interface in tests: read its metadata over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Wires the OpenID Connect scheme. The scheme is added when the app starts and only if the
/// settings enable it (so that an app without them has no handler looking at every request);
/// its options are read from the settings then. A user signed in at the provider is matched by
/// the provider's subject to a Trellis account, created on first sign-in; its organisation and
/// roles are those the provider's claims say, refreshed at every sign-in. Then the Identity
/// cookie is issued as for a password sign-in, and the policy decides as for any user.
/// </summary>
public static class OpenIdConnectSignIn
{
    public const string Scheme = "oidc";

    /// <summary>The login provider name of accounts made by this scheme (<c>user_logins</c>).</summary>
    public const string LoginProvider = "oidc";

    public static IServiceCollection AddTrellisOpenIdConnect(this IServiceCollection services)
    {
        services.AddOptions<OpenIdConnectSettings>().BindConfiguration(OpenIdConnectSettings.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<OpenIdConnectSettings>>((o, settings) => Configure(o, settings.Value));
        return services;
    }

    /// <summary>Adds the scheme when the settings enable it; called once the app is built.</summary>
    public static async Task AddSchemeIfConfiguredAsync(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<OpenIdConnectSettings>>().Value;
        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        if (settings.Enabled && await schemes.GetSchemeAsync(Scheme) is null)
        {
            schemes.AddScheme(new AuthenticationScheme(Scheme, settings.DisplayName, typeof(OpenIdConnectHandler)));
        }
    }

    private static void Configure(OpenIdConnectOptions o, OpenIdConnectSettings settings)
    {
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query; // a redirect, not a page that posts itself with script
        o.UsePkce = true;
        o.SaveTokens = false;
        o.MapInboundClaims = false; // the claims keep the provider's names, as the settings give them
        o.GetClaimsFromUserInfoEndpoint = false;
        o.Scope.Add("email");
        o.CallbackPath = "/signin-oidc";
        o.SignInScheme = IdentityConstants.ApplicationScheme;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax; // the provider redirects back with a top-level GET
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnTokenValidated = async context =>
        {
            var account = await AccountOfAsync(context.HttpContext.RequestServices, context.Principal!, settings);
            if (account.Ok)
            {
                context.Principal = await context.HttpContext.RequestServices.GetRequiredService<SignInManager<TrellisUser>>().CreateUserPrincipalAsync(account.Value!);
            }
            else
            {
                context.Fail($"{account.Code}: {account.Message}");
            }
        };
        o.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.Redirect("/account/signin?error=provider");
            return Task.CompletedTask;
        };
    }

    /// <summary>The Trellis account of the provider's user: found by subject (or made), with the organisation and roles of the claims.</summary>
    internal static async Task<AccountResult<TrellisUser>> AccountOfAsync(IServiceProvider services, ClaimsPrincipal principal, OpenIdConnectSettings settings)
    {
        var store = services.GetRequiredService<AccountStore>();
        var subject = principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject))
        {
            return AccountResult.Fail<TrellisUser>(Diagnostics.DiagnosticCodes.InvalidAccountValue, "the provider's ID token has no subject (sub)");
        }

        var org = await store.FindOrganisationAsync(principal.FindFirstValue(settings.OrganisationClaim));
        if (!org.Ok)
        {
            return AccountResult.Fail<TrellisUser>(org.Code!, $"claim {settings.OrganisationClaim}: {org.Message}");
        }

        var known = principal.FindAll(settings.RoleClaim).Select(c => Roles.Parse(c.Value)).OfType<Role>().ToArray();
        if (known.Length == 0)
        {
            return AccountResult.Fail<TrellisUser>(Diagnostics.DiagnosticCodes.UnknownRole, $"claim {settings.RoleClaim} names none of the roles {string.Join(", ", Roles.Names)}");
        }

        return await store.SyncExternalUserAsync(LoginProvider, subject, principal.FindFirstValue(settings.EmailClaim), org.Value!.Id, known);
    }
}
