using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Web.Accounts;
using Trellis.Web.Components.Pages.Account;

namespace Trellis.Web.Tests.Accounts;

/// <summary>The sign-in page, its cookie, lockout and rate limit; the first-run setup page; the demo seed.</summary>
public sealed class SignInTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SignIn_SetsAnHttpOnlySameSiteCookie_ThatReachesTheApi_AndSignOutEndsIt()
    {
        using var app = new TrellisApp(_folder.Path);
        var user = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        var jar = await TestAccounts.SignInCookiesAsync(app, user.Email, user.Password);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

        using var me = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/api/me"));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(user.Actor.UserId, JsonNode.Parse(await me.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>());

        using var home = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/"));
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains(user.Email, html, StringComparison.Ordinal);
        using var signOut = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/account/signout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(html) }),
        });
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/api/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task SignInCookie_IsHttpOnly_AndSameSiteLax()
    {
        using var app = new TrellisApp(_folder.Path);
        var user = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var jar = new CookieJar();
        using var page = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/account/signin"));
        using var post = await jar.SendAsync(client, SignInForm(TestAccounts.AntiforgeryToken(await page.Content.ReadAsStringAsync()), user.Email, user.Password));

        var cookie = post.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("trellis.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_AndUnknownAddress_GetTheSameMessage_AndFiveFailuresLockTheAccount()
    {
        using var app = new TrellisApp(_folder.Path);
        var user = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        using var client = app.CreateClient();

        var unknown = await (await TestAccounts.SignInAsync(client, "nobody@gbr.test.invalid", "whatever it is")).Content.ReadAsStringAsync();
        var wrong = await (await TestAccounts.SignInAsync(client, user.Email, "not the password")).Content.ReadAsStringAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(SignIn.Failed), unknown, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(SignIn.Failed), wrong, StringComparison.Ordinal);

        for (var i = 0; i < 4; i++)
        {
            await TestAccounts.SignInAsync(client, user.Email, "not the password");
        }

        var locked = await (await TestAccounts.SignInAsync(client, user.Email, user.Password)).Content.ReadAsStringAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(SignIn.Failed), locked, StringComparison.Ordinal);
        using var bearer = TestAccounts.Client(app, user);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/me")).StatusCode); // a locked account's tokens stop too
    }

    [Fact]
    public async Task SignInPosts_OverTheRateLimit_Get429()
    {
        using var app = new TrellisApp(_folder.Path) { Settings = { ["Trellis:SignInAttemptsPerMinute"] = "3" } };
        using var client = app.CreateClient();
        var token = TestAccounts.AntiforgeryToken(await client.GetStringAsync("/account/signin"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(SignInForm(token, "nobody@gbr.test.invalid", "whatever it is"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode); // reading the page is not limited
    }

    [Fact]
    public async Task FirstRun_WithoutUsers_OpensSetup_ThatCreatesTheFirstAdministrator_Once()
    {
        using var app = new TrellisApp(_folder.Path);
        using var client = app.CreateClient();
        var setup = app.Services.GetRequiredService<FirstRunSetup>();
        var token = setup.Token;
        Assert.NotNull(token);

        Assert.Contains("setup link is not valid", await client.GetStringAsync("/setup?token=guess"), StringComparison.Ordinal);
        var page = await client.GetStringAsync($"/setup?token={token}");
        using var weak = await client.PostAsync("/setup", SetupForm(page, token, "short"));
        Assert.Contains("TRL601", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var created = await client.PostAsync("/setup", SetupForm(page, token, "a long enough passphrase"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var me = JsonNode.Parse(await client.GetStringAsync("/api/me"))!;
        Assert.Equal("GBR", me["state"]!.GetValue<string>());
        Assert.Equal(["admin"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(setup.Token);
        Assert.Contains("setup link is not valid", await client.GetStringAsync($"/setup?token={token}"), StringComparison.Ordinal);
        var orgs = JsonNode.Parse(await client.GetStringAsync("/api/orgs"))!;
        Assert.Equal("UK Ministry of Defence", orgs["organisations"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Demo_SeedsMarkedOrganisationsAndUsers_AndEveryPageSaysSo()
    {
        using var app = new TrellisApp(_folder.Path) { Settings = { ["Trellis:Demo"] = "true" } };
        using var client = app.CreateClient();

        Assert.Contains("Demonstration", await client.GetStringAsync("/"), StringComparison.Ordinal);
        (await TestAccounts.SignInAsync(client, "planner@mod.demo.invalid", FirstRun.DemoPassword)).EnsureSuccessStatusCode();
        var me = JsonNode.Parse(await client.GetStringAsync("/api/me"))!;
        Assert.Equal("GBR", me["state"]!.GetValue<string>());
        var orgs = JsonNode.Parse(await client.GetStringAsync("/api/orgs"))!["organisations"]!.AsArray();
        Assert.Contains(orgs, o => o!["name"]!.GetValue<string>() == "Japan Joint Staff (demo)" && o["state"]!.GetValue<string>() == "JPN");
        Assert.All(orgs, o => Assert.True(o!["isDemo"]!.GetValue<bool>()));
        Assert.Null(app.Services.GetRequiredService<FirstRunSetup>().Token); // the demo has users: no setup link
    }

    private static HttpRequestMessage SignInForm(string token, string email, string password) => new(HttpMethod.Post, "/account/signin")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "signin", ["email"] = email, ["password"] = password,
        }),
    };

    private static FormUrlEncodedContent SetupForm(string page, string token, string password) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(page), ["_handler"] = "setup", ["token"] = token,
        ["organisation"] = "UK Ministry of Defence", ["state"] = "GBR", ["email"] = "admin@mod.test.invalid", ["password"] = password,
    });
}
