using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Web.Accounts;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests;

/// <summary>A user made for one test: their organisation, password, a personal access token and the actor they sign in as.</summary>
public sealed record TestUser(string Email, string Password, Guid OrganisationId, string State, string Token, Actor Actor);

/// <summary>
/// Accounts for tests, made through the app's own <see cref="AccountStore"/> (no mocks): an
/// organisation of <c>state</c>, a user with <c>roles</c> in it, and a token for <c>Authorization: Bearer</c>.
/// </summary>
public static partial class TestAccounts
{
    public const string Password = "correct horse battery staple";

    public static async Task<TestUser> CreateAsync(TrellisApp app, string state = "GBR", params Role[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var org = await store.AddOrganisationAsync(state, $"Test organisation {suffix}");
        Assert.True(org.Ok, org.Message);
        return await AddUserAsync(app, org.Value!.Id, state, roles);
    }

    /// <summary>Another user in an existing organisation.</summary>
    public static async Task<TestUser> AddUserAsync(TrellisApp app, Guid organisationId, string state, params Role[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var email = $"user-{Guid.NewGuid():N}@{state.ToLowerInvariant()}.test.invalid";
        var user = await store.AddUserAsync(email, organisationId, roles.Length == 0 ? [Role.Planner] : roles, Password);
        Assert.True(user.Ok, user.Message);
        var token = await store.CreateTokenAsync(email, "tests", 30);
        Assert.True(token.Ok, token.Message);
        var actor = await CurrentActor.LoadAsync(scope.ServiceProvider.GetRequiredService<TrellisDb>(), user.Value!.Id, DateTimeOffset.UtcNow);
        return new TestUser(email, Password, organisationId, state, token.Value!.Token, actor!);
    }

    /// <summary>A client of <paramref name="app"/> that sends the user's token.</summary>
    public static HttpClient Client(TrellisApp app, TestUser user)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return client;
    }

    /// <summary>Signs <paramref name="client"/> in through the sign-in page's form; the client keeps the cookie. Returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page), ["_handler"] = "signin", ["email"] = email, ["password"] = password, ["returnUrl"] = "",
        });
        return await client.PostAsync("/account/signin", form);
    }

    /// <summary>
    /// The cookies of a browser that signed in through the form (no redirects followed, cookies kept
    /// by hand), as a <c>Cookie</c> header: for tests that carry a session from one app instance to another.
    /// </summary>
    public static async Task<CookieJar> SignInCookiesAsync(TrellisApp app, string email, string password)
    {
        var jar = new CookieJar();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var page = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/account/signin"));
        using var post = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AntiforgeryToken(await page.Content.ReadAsStringAsync()), ["_handler"] = "signin", ["email"] = email, ["password"] = password,
            }),
        });
        Assert.True(jar.Has("trellis.auth"), $"sign-in set no cookie: {(int)post.StatusCode}");
        return jar;
    }

    public static string AntiforgeryToken(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Cookies kept by hand across clients (and app instances): each response's Set-Cookie replaces the value of that name.</summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public bool Has(string name) => _cookies.ContainsKey(name);

    public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", Header);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set.Select(c => c.Split(';')[0]))
            {
                var eq = cookie.IndexOf('=', StringComparison.Ordinal);
                _cookies[cookie[..eq]] = cookie[(eq + 1)..];
            }
        }

        return response;
    }
}
