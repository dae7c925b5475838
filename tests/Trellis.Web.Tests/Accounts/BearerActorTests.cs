using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests.Accounts;

/// <summary>
/// A bearer token's request reads the token, the user, the organisation's state and the roles in one
/// query, and the policy decides from that actor: so a role taken away, or a lockout, counts from the
/// very next request, as with the sign-in cookie.
/// </summary>
public sealed class BearerActorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TrellisApp _app;

    public BearerActorTests() => _app = new TrellisApp(_folder.Path);

    public void Dispose()
    {
        _app.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task RolesAndLockout_CountFromTheNextRequest()
    {
        var user = await TestAccounts.CreateAsync(_app, "GBR", Role.Planner, Role.Approver);
        using var client = TestAccounts.Client(_app, user);

        Assert.Equal(["approver", "planner"], await RolesAsync(client));

        await WithUserAsync(user, (users, u) => users.RemoveFromRoleAsync(u, "approver"));
        Assert.Equal(["planner"], await RolesAsync(client));

        await WithUserAsync(user, (users, u) => users.RemoveFromRoleAsync(u, "planner"));
        Assert.Empty(await RolesAsync(client)); // a user without roles is still that user, of that state

        await WithUserAsync(user, (users, u) => users.SetLockoutEndDateAsync(u, DateTimeOffset.UtcNow.AddHours(1)));
        using var locked = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Fact]
    public async Task AnUnknownToken_IsUnauthorized_WithAProblem()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "trellis_pat_not-a-token");

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string[]> RolesAsync(HttpClient client)
    {
        var me = JsonNode.Parse(await client.GetStringAsync("/api/me"))!;
        Assert.Equal("GBR", me["state"]!.GetValue<string>());
        return me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
    }

    private async Task WithUserAsync(TestUser user, Func<UserManager<TrellisUser>, TrellisUser, Task<IdentityResult>> change)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TrellisUser>>();
        var found = await users.FindByEmailAsync(user.Email);
        var result = await change(users, found!);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
