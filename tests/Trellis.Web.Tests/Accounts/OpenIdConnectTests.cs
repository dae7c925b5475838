using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Accounts;

namespace Trellis.Web.Tests.Accounts;

/// <summary>
/// Sign-in at an OpenID Connect provider (<c>Trellis:OpenIdConnect</c>), against a real one: an
/// OpenIddict server on the loopback interface, reached over HTTP by a client that follows the
/// redirects and keeps the cookies as a browser does.
/// </summary>
public sealed class OpenIdConnectTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SignIn_AtTheProvider_MakesAnAccountOfTheClaimedOrganisation_WithTheClaimedRoles_RefreshedAtEverySignIn()
    {
        TrellisApp? trellis = null;
        await using var provider = await OpenIdProvider.StartAsync(() => trellis!.Address);
        using var app = trellis = TrellisApp.StartKestrel(_folder.Path, settings: Settings(provider));
        var org = await AddOrganisationAsync(app, "JPN", "Japan Joint Staff");
        provider.Claims.AddRange([("sub", "jjs-0001"), ("email", "reviewer@jjs.test.invalid"), ("trellis_organisation", "Japan Joint Staff"),
            ("trellis_roles", "host-reviewer"), ("trellis_roles", "liaison")]);

        using (var browser = Browser(app))
        {
            Assert.Contains("Sign in with the test provider", await browser.GetStringAsync("account/signin"), StringComparison.Ordinal);
            using var me = await browser.GetAsync("account/signin/oidc?returnUrl=%2Fapi%2Fme");
            var body = await me.Content.ReadAsStringAsync();
            Assert.True(me.StatusCode == HttpStatusCode.OK, $"{(int)me.StatusCode} at {me.RequestMessage?.RequestUri}: {body}");
            var json = JsonNode.Parse(body)!;
            Assert.Equal(org.ToString(), json["organisationId"]!.GetValue<string>());
            Assert.Equal("JPN", json["state"]!.GetValue<string>());
            Assert.Equal(["host-reviewer", "liaison"], json["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        }

        provider.Claims.RemoveAll(c => c.Type == "trellis_roles");
        provider.Claims.Add(("trellis_roles", "auditor"));
        using (var browser = Browser(app))
        {
            var json = JsonNode.Parse(await browser.GetStringAsync("account/signin/oidc?returnUrl=%2Fapi%2Fme"))!;
            Assert.Equal(["auditor"], json["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task SignIn_ForAnOrganisationNotKnownHere_MakesNoAccount_AndSaysSo()
    {
        TrellisApp? trellis = null;
        await using var provider = await OpenIdProvider.StartAsync(() => trellis!.Address);
        using var app = trellis = TrellisApp.StartKestrel(_folder.Path, settings: Settings(provider));
        provider.Claims.AddRange([("sub", "x-1"), ("email", "someone@elsewhere.test.invalid"), ("trellis_organisation", "No such ministry"), ("trellis_roles", "admin")]);
        using var browser = Browser(app);

        using var response = await browser.GetAsync("account/signin/oidc?returnUrl=%2Fapi%2Fme");

        Assert.Equal("/account/signin", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("did not give a usable Trellis account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AccountStore>().AnyUserAsync());
    }

    [Fact]
    public async Task WithoutSettings_ThereIsNoProviderButton_AndTheChallengeIs404()
    {
        using var app = new TrellisApp(_folder.Path);
        using var client = app.CreateClient();

        Assert.DoesNotContain("Sign in with", await client.GetStringAsync("/account/signin"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/account/signin/oidc")).StatusCode);
    }

    private static Dictionary<string, string> Settings(OpenIdProvider provider) => new()
    {
        ["Trellis:OpenIdConnect:Authority"] = provider.Authority.ToString(),
        ["Trellis:OpenIdConnect:ClientId"] = OpenIdProvider.ClientId,
        ["Trellis:OpenIdConnect:ClientSecret"] = OpenIdProvider.ClientSecret,
        ["Trellis:OpenIdConnect:DisplayName"] = "the test provider",
        ["Trellis:OpenIdConnect:RequireHttpsMetadata"] = "false",
    };

    /// <summary>A client that follows redirects between the app and the provider and keeps cookies, as a browser does.</summary>
    private static HttpClient Browser(TrellisApp app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = app.Address };

    private static async Task<Guid> AddOrganisationAsync(TrellisApp app, string state, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var org = await scope.ServiceProvider.GetRequiredService<AccountStore>().AddOrganisationAsync(state, name);
        Assert.True(org.Ok, org.Message);
        return org.Value!.Id;
    }
}
