using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Admin;

namespace Trellis.Web.Tests.Accounts;

/// <summary>
/// <c>admin …</c> in process (the command entry with its arguments, standard input and output)
/// against the app's database: SQLite in a temporary folder.
/// </summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TrellisApp _app;

    public AdminCommandTests()
    {
        _app = new TrellisApp(_folder.Path);
        _ = _app.Services; // starts the host: registry loaded, database migrated
    }

    public void Dispose()
    {
        _app.Dispose();
        _folder.Dispose();
    }

    private sealed record Run(int Exit, string Output, string Error)
    {
        public string LastLine => Output.TrimEnd().Split('\n')[^1].Trim();
    }

    private async Task<Run> AdminWithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(_app.Services, args, new StringReader(stdin), output, error);
        return new Run(exit, output.ToString(), error.ToString());
    }

    private Task<Run> Admin(params string[] args) => AdminWithInput("", args);

    [Fact]
    public async Task OrgAdd_PrintsTheIdLast_AndOrgListShowsIt()
    {
        var added = await Admin("org", "add", "--state", "gbr", "--name", "UK Ministry of Defence");

        Assert.True(added.Exit == 0, added.Error);
        Assert.True(Guid.TryParse(added.LastLine, out var id), added.Output);
        var list = await Admin("org", "list");
        Assert.Contains($"{id}  GBR  UK Ministry of Defence", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_TokenCreate_TheTokenAuthenticates_UntilRevoked()
    {
        await Admin("org", "add", "--state", "JPN", "--name", "Japan Joint Staff");
        var user = await AdminWithInput("a long enough passphrase\n", "user", "add", "--email", "reviewer@jjs.test.invalid", "--org", "Japan Joint Staff",
            "--role", "host-reviewer", "--role", "liaison", "--password-stdin");
        Assert.True(user.Exit == 0, user.Error);

        var token = await Admin("token", "create", "--email", "reviewer@jjs.test.invalid", "--name", "ci", "--expires-days", "7");
        Assert.Equal(0, token.Exit);
        Assert.StartsWith("trellis_pat_", token.LastLine, StringComparison.Ordinal);
        Assert.DoesNotContain(token.LastLine, await StoredText(), StringComparison.Ordinal);

        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.LastLine);
        var me = JsonNode.Parse(await client.GetStringAsync("/api/me"))!;
        Assert.Equal("JPN", me["state"]!.GetValue<string>());
        Assert.Equal(["host-reviewer", "liaison"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        Assert.Equal(0, (await Admin("token", "revoke", "--email", "reviewer@jjs.test.invalid", "--name", "ci")).Exit);
        using var revoked = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AuthorityMap_ToAnOrganisationOfTheHostState_IsStored_AndOfAnotherState_IsRefused()
    {
        var jjs = (await Admin("org", "add", "--state", "JPN", "--name", "Japan Joint Staff")).LastLine;
        await Admin("org", "add", "--state", "GBR", "--name", "UK Ministry of Defence");

        var all = await Admin("authority", "map", "--state", "JPN", "--org", jjs, "--all");
        var named = await Admin("authority", "map", "--state", "JPN", "--org", "Japan Joint Staff", "--authority", "Japan Customs (Ministry of Finance)");
        var wrong = await Admin("authority", "map", "--state", "JPN", "--org", "UK Ministry of Defence", "--all");
        var both = await Admin("authority", "map", "--state", "JPN", "--org", jjs, "--all", "--authority", "x");

        Assert.Equal(0, all.Exit);
        Assert.Equal(0, named.Exit);
        Assert.Equal((1, "TRL900"), (wrong.Exit, Code(wrong)));
        Assert.Equal((1, "TRL900"), (both.Exit, Code(both)));
    }

    [Theory]
    [InlineData("TRL010", "", "org", "add", "--state", "GBX", "--name", "Nobody")]
    [InlineData("TRL603", "", "org", "add", "--state", "GBR", "--name", " ")]
    [InlineData("TRL901", "long enough password\n", "user", "add", "--email", "a@b.invalid", "--org", "No such organisation", "--role", "planner", "--password-stdin")]
    [InlineData("TRL600", "long enough password\n", "user", "add", "--email", "a@b.invalid", "--org", "UK Ministry of Defence", "--role", "general", "--password-stdin")]
    [InlineData("TRL601", "short\n", "user", "add", "--email", "a@b.invalid", "--org", "UK Ministry of Defence", "--role", "planner", "--password-stdin")]
    [InlineData("TRL603", "long enough password\n", "user", "add", "--email", "not-an-address", "--org", "UK Ministry of Defence", "--role", "planner", "--password-stdin")]
    [InlineData("TRL900", "", "user", "add", "--email", "a@b.invalid", "--org", "UK Ministry of Defence", "--role", "planner")]
    [InlineData("TRL901", "", "token", "create", "--email", "nobody@b.invalid", "--name", "ci")]
    [InlineData("TRL900", "", "token", "create", "--email", "nobody@b.invalid", "--name")]
    [InlineData("TRL900", "", "org", "remove")]
    [InlineData("TRL900", "", "org", "add", "--colour", "blue")]
    public async Task BadInput_IsACodedMessage_AndExit1_NeverAStackTrace(string code, string stdin, params string[] args)
    {
        await Admin("org", "add", "--state", "GBR", "--name", "UK Ministry of Defence");

        var run = await AdminWithInput(stdin, args);

        Assert.Equal(1, run.Exit);
        Assert.Equal(code, Code(run));
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_TheSameAddressTwice_IsRefused()
    {
        await Admin("org", "add", "--state", "GBR", "--name", "UK Ministry of Defence");
        string[] args = ["user", "add", "--email", "a@b.invalid", "--org", "UK Ministry of Defence", "--role", "planner", "--password-stdin"];

        Assert.Equal(0, (await AdminWithInput("long enough password\n", args)).Exit);
        var again = await AdminWithInput("long enough password\n", args);

        Assert.Equal((1, "TRL602"), (again.Exit, Code(again)));
    }

    [Fact]
    public void Tables_AreNamedInSnakeCase()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "trellis.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'";
        var tables = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Superset(new HashSet<string> { "users", "roles", "user_roles", "organisations", "authority_mappings", "personal_access_tokens", "saved_plans" }, tables.ToHashSet());
        Assert.All(tables, t => Assert.Matches("^[a-z_]+$", t));
    }

    [PostgresFact]
    public async Task Commands_RunOnPostgres_AndTheTokenWorksThere()
    {
        using var database = new TempPostgresDatabase();
        using var folder = new TempFolder();
        using var app = new TrellisApp(folder.Path, database.ConnectionString);
        using var output = new StringWriter();

        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, ["org", "add", "--state", "AUS", "--name", "Department of Defence"], new StringReader(""), output, output));
        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, ["user", "add", "--email", "p@aus.test.invalid", "--org", "Department of Defence", "--role", "planner", "--password-stdin"],
            new StringReader("a long enough passphrase\n"), output, output));
        Assert.Equal(0, await AdminCommands.RunAsync(app.Services, ["token", "create", "--email", "p@aus.test.invalid", "--name", "ci"], new StringReader(""), output, output));
        var token = output.ToString().TrimEnd().Split('\n')[^1].Trim();

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal("AUS", JsonNode.Parse(await client.GetStringAsync("/api/me"))!["state"]!.GetValue<string>());
    }

    [Fact]
    public void DemoSwitch_OnTheCommandLine_IsTheDemoSetting()
    {
        var options = TrellisHosting.Options(["--demo", "--urls", "http://127.0.0.1:5080"]);

        Assert.Equal(["--Trellis:Demo=true", "--urls", "http://127.0.0.1:5080"], options.Args!);
    }

    private static string Code(Run run) => System.Text.RegularExpressions.Regex.Match(run.Error, "error (TRL\\d+)").Groups[1].Value;

    private async Task<string> StoredText()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Trellis.Web.Persistence.TrellisDb>();
        return string.Join('\n', db.PersonalAccessTokens.Select(t => t.Hash + t.Name));
    }
}
