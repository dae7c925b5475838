using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Trellis.Web.Tests.Accounts;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server) on a free loopback port, for the sign-in
/// tests: authorization code flow with PKCE, one client (<see cref="ClientId"/>,
/// <see cref="ClientSecret"/>) and one person, signed in at once when the authorization endpoint is
/// reached, whose claims the test sets in <see cref="Claims"/>. OpenIddict's degraded mode: no
/// database, the client checked by the two handlers below.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "trellis";
    public const string ClientSecret = "provider-test-secret";

    private readonly WebApplication _app;

    private OpenIdProvider(WebApplication app) => _app = app;

    /// <summary>The claims of the person who signs in next: <c>sub</c>, <c>email</c>, the organisation and the roles.</summary>
    public List<(string Type, string Value)> Claims { get; } = [];

    public Uri Authority => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>Starts a provider that accepts redirects to <c>{trellis}/signin-oidc</c> only.</summary>
    public static async Task<OpenIdProvider> StartAsync(Func<Uri> trellis)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        OpenIdProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.Email, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "unknown client");
                }
                else if (context.RedirectUri != new Uri(trellis(), "signin-oidc").ToString())
                {
                    context.Reject(Errors.InvalidRequest, "unexpected redirect_uri " + context.RedirectUri);
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "unknown client or wrong secret");
                }

                return default;
            }));
        });

        var app = builder.Build();
        provider = new OpenIdProvider(app);
        app.MapGet("/connect/authorize", (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
            foreach (var (type, value) in provider.Claims)
            {
                identity.AddClaim(new Claim(type, value).SetDestinations(Destinations.IdentityToken, Destinations.AccessToken));
            }

            identity.SetScopes(request.GetScopes());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
