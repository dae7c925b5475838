using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trellis.Cases;
using static Trellis.Web.Tests.Cases.CaseFixture;

namespace Trellis.Web.Tests.Cases;

/// <summary>Cases on PostgreSQL: the audit log refuses changes, and two app instances share one database (issue 9 §5, §8).</summary>
public sealed class CasePostgresTests
{
    [PostgresFact]
    public async Task AuditRows_CannotBeUpdatedOrDeleted_ByTheApplicationsRole()
    {
        using var database = new TempPostgresDatabase();
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path, database.ConnectionString);
        var f = await CaseFixture.CreateAsync(app);
        using var planner = TestAccounts.Client(app, f.Planner);
        using var opened = await planner.PostAsJsonAsync("/api/cases", new { planId = f.PlanId });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE audit_log SET actor = 'someone-else'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_log", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1);
    }

    [PostgresFact]
    public async Task TwoInstances_SignInOnOneActOnTheOther_AndOfTwoMovesAtOnceExactlyOneWins()
    {
        using var database = new TempPostgresDatabase();
        using var folder1 = new TempFolder();
        using var folder2 = new TempFolder();
        using var one = new TrellisApp(folder1.Path, database.ConnectionString);
        using var two = new TrellisApp(folder2.Path, database.ConnectionString);
        var f = await CaseFixture.CreateAsync(one);
        _ = two.Services; // start the second instance on the same database

        // Signed in on instance one (cookie), the approver acts on instance two with the same cookie.
        var cookies = new System.Net.CookieContainer();
        using var approverOnOne = one.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var signedIn = await TestAccounts.SignInAsync(approverOnOne, f.Approver.Email, f.Approver.Password);
        Assert.True(signedIn.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"sign-in answered {signedIn.StatusCode}");
        using var approverOnTwo = two.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var me = await approverOnTwo.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        using var planner = TestAccounts.Client(one, f.Planner);
        using var opened = await planner.PostAsJsonAsync("/api/cases", new { planId = f.PlanId });
        var id = (await JsonOf(opened))["case"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(planner, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(approverOnTwo, id, "approve")).StatusCode);

        // Two reviewers of the host organisation move the same filing at once, one on each instance.
        var second = await TestAccounts.AddUserAsync(one, f.Reviewer.OrganisationId, "JPN", Role.HostReviewer);
        using var reviewerOnOne = TestAccounts.Client(one, f.Reviewer);
        using var reviewerOnTwo = TestAccounts.Client(two, second);
        var filing = (await JsonOf(await reviewerOnOne.GetAsync("/api/inbox")))["items"]![0]!["id"]!.GetValue<string>();
        using var current = await reviewerOnOne.GetAsync($"/api/filings/{filing}");
        var etag = current.Headers.ETag!.ToString();
        var moves = await Task.WhenAll(
            MoveAsync(reviewerOnOne, filing, "approved", etag),
            MoveAsync(reviewerOnTwo, filing, "denied", etag));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], moves.Select(m => m.StatusCode).Order());
        foreach (var m in moves)
        {
            m.Dispose();
        }

        await using var scope = one.Services.CreateAsyncScope();
        Assert.Null(await Persistence.AuditLog.VerifyAsync(scope.ServiceProvider.GetRequiredService<Persistence.TrellisDb>(), default));
    }
}
