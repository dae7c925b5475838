using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Cases;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests.Accounts;

/// <summary>The administration page: an administrator manages their own state only, and every change is audited.</summary>
public sealed class AdministrationPageTests
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync("/admin");
        fields["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(page);
        fields["_handler"] = formName;
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/admin", form);
    }

    [Fact]
    public async Task Administrator_AddsOrganisationsAndUsersOfTheirState_Audited_AndNothingElsewhere()
    {
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path);
        var admin = await TestAccounts.CreateAsync(app, "GBR", Role.Admin);
        var japanese = await TestAccounts.CreateAsync(app, "JPN", Role.Admin);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var signIn = await TestAccounts.SignInAsync(client, admin.Email, admin.Password))
        {
            Assert.True(signIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.OK);
        }

        var page = await client.GetStringAsync("/admin");
        Assert.Contains("Administration of GBR", page, StringComparison.Ordinal);
        Assert.DoesNotContain(japanese.Email, page, StringComparison.Ordinal);

        using (var added = await PostFormAsync(client, "org-add", new() { ["name"] = "British Embassy Tokyo" }))
        {
            Assert.Contains("Added British Embassy Tokyo.", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A user cannot be put into another state's organisation from here.
        using (var foreign = await PostFormAsync(client, "user-add", new()
        {
            ["email"] = "mole@gbr.test.invalid", ["org"] = japanese.OrganisationId.ToString(), ["role"] = "planner", ["password"] = TestAccounts.Password,
        }))
        {
            Assert.Contains("choose an organisation of your state", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDb>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "mole@gbr.test.invalid"));
        var audit = await db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        Assert.Contains(audit, a => a.Action == "org.add" && a.Actor == admin.Actor.UserId && a.After!.Contains("British Embassy Tokyo", StringComparison.Ordinal));
        Assert.Null(AuditChain.FirstBroken(audit.Select(a => a.ToEntry())));

        using var planner = TestAccounts.Client(app, await TestAccounts.CreateAsync(app, "GBR", Role.Planner));
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.GetAsync("/admin")).StatusCode);
    }
}
