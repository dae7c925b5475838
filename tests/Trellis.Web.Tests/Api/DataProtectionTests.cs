using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// The Data Protection key ring lives in the app's database, so that app instances on one database
/// (behind one load balancer, or a container restarted) accept each other's forms: a planner form
/// issued by one instance is posted to another.
/// </summary>
public sealed partial class DataProtectionTests
{
    [Fact]
    public async Task FormFromOneInstance_IsAcceptedByAnother_OnTheSameSqliteDatabase()
    {
        using var folder = new TempFolder();
        using var first = new TrellisApp(folder.Path);
        var form = await GetPlannerFormAsync(first);
        using var second = new TrellisApp(folder.Path);

        using var response = await PostPlannerFormAsync(second, form);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountPlansAsync(second));
        Assert.True(await CountKeysAsync(second) >= 1, "the key ring is not in data_protection_keys");
    }

    [PostgresFact]
    public async Task FormFromOneInstance_IsAcceptedByAnother_OnTheSamePostgresDatabase()
    {
        using var database = new TempPostgresDatabase();
        using var firstFolder = new TempFolder();
        using var secondFolder = new TempFolder();
        using var first = new TrellisApp(firstFolder.Path, database.ConnectionString);
        var form = await GetPlannerFormAsync(first);
        using var second = new TrellisApp(secondFolder.Path, database.ConnectionString);

        using var response = await PostPlannerFormAsync(second, form);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountPlansAsync(second));
        Assert.True(await CountKeysAsync(second) >= 1, "the key ring is not in data_protection_keys");
    }

    /// <summary>
    /// The other side of the test above: the keys are not in a folder per user or machine any more
    /// (the framework's default, ~/.aspnet/DataProtection-Keys, which every app of the user shares).
    /// </summary>
    [Fact]
    public async Task FormFromOneInstance_IsRejectedByAnother_OnADifferentDatabase()
    {
        using var firstFolder = new TempFolder();
        using var secondFolder = new TempFolder();
        using var first = new TrellisApp(firstFolder.Path);
        var form = await GetPlannerFormAsync(first);
        using var second = new TrellisApp(secondFolder.Path);

        using var response = await PostPlannerFormAsync(second, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountPlansAsync(second));
    }

    private sealed record PlannerForm(string Cookie, string Token);

    /// <summary>A planner signs in on <paramref name="app"/> and opens the planner: their cookies (sign-in and antiforgery) and the form's token.</summary>
    private static async Task<PlannerForm> GetPlannerFormAsync(TrellisApp app)
    {
        var user = await TestAccounts.CreateAsync(app, "GBR", Trellis.Cases.Role.Planner);
        var jar = await TestAccounts.SignInCookiesAsync(app, user.Email, user.Password);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var response = await jar.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/planner"));
        response.EnsureSuccessStatusCode();
        var token = TokenField().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        return new(jar.Header, token);
    }

    private static async Task<HttpResponseMessage> PostPlannerFormAsync(TrellisApp app, PlannerForm form)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/planner")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(form.Token), "__RequestVerificationToken" },
                { new StringContent("plan"), "_handler" },
                { new StringContent("save"), "action" },
                { new StringContent(PlanApiTests.Plan), "text" },
            },
        };
        request.Headers.Add("Cookie", form.Cookie);
        return await client.SendAsync(request);
    }

    private static async Task<int> CountPlansAsync(TrellisApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrellisDb>().Plans.CountAsync();
    }

    private static async Task<int> CountKeysAsync(TrellisApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrellisDb>().DataProtectionKeys.CountAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
