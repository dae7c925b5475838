using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Cases;
using Trellis.Web.Persistence;

namespace Trellis.Web.Accounts;

/// <summary>
/// The one-time setup link of an installation without users: a random token, kept in this
/// process's memory only, that lets <c>/setup</c> create the first administrator. It is printed
/// on the console when the app starts and is gone once used (or when the app stops).
/// </summary>
public sealed class FirstRunSetup
{
    private readonly Lock _lock = new();
    private string? _token;

    /// <summary>The token while setup is open (for the console line, and for tests).</summary>
    public string? Token
    {
        get
        {
            lock (_lock)
            {
                return _token;
            }
        }
    }

    public string Open()
    {
        lock (_lock)
        {
            return _token ??= AccountStore.Base64Url(RandomNumberGenerator.GetBytes(24));
        }
    }

    /// <summary>Whether <paramref name="presented"/> is the open token (in constant time).</summary>
    public bool Accepts(string? presented)
    {
        var token = Token;
        return token is not null && presented is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(presented));
    }

    public void Close()
    {
        lock (_lock)
        {
            _token = null;
        }
    }
}

/// <summary>What happens on start after the database is migrated: the demo seed, then the setup link when there are no users.</summary>
public static class FirstRun
{
    /// <summary>The password of every demonstration user (docs/cases.md, "First run and demo").</summary>
    public const string DemoPassword = "trellis-demo-password";

    /// <summary>The demonstration organisations and their users: e-mail, roles.</summary>
    internal static readonly (string State, string Name, (string Email, Role[] Roles)[] Users)[] DemoOrganisations =
    [
        ("GBR", "UK Ministry of Defence (demo)", [
            ("planner@mod.demo.invalid", [Role.Planner]), ("approver@mod.demo.invalid", [Role.Approver, Role.Viewer]),
            ("legal@mod.demo.invalid", [Role.LegalAdviser]), ("admin@mod.demo.invalid", [Role.Admin])]),
        ("JPN", "Japan Joint Staff (demo)", [
            ("planner@jjs.demo.invalid", [Role.Planner]), ("reviewer@jjs.demo.invalid", [Role.HostReviewer]), ("admin@jjs.demo.invalid", [Role.Admin])]),
        ("JPN", "Japan Ministry of Foreign Affairs (demo)", [("reviewer@mofa.demo.invalid", [Role.HostReviewer, Role.Liaison])]),
        ("AUS", "Australian Department of Defence (demo)", [("planner@defence.demo.invalid", [Role.Planner])]),
    ];

    /// <summary>Filings to these Japanese authorities go to the ministry; every other Japanese authority to the Joint Staff.</summary>
    internal static readonly string[] DemoMofaAuthorities =
        ["Ministry of Foreign Affairs of Japan (diplomatic channels)", "Ministry of Foreign Affairs of Japan (diplomatic channels), for MLIT permission"];

    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await OpenIdConnectSignIn.AddSchemeIfConfiguredAsync(app.Services);
        if (app.Services.GetRequiredService<IOptions<TrellisOptions>>().Value.Demo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await SeedDemoAsync(scope.ServiceProvider, cancellationToken);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<AccountStore>().AnyUserAsync(cancellationToken))
            {
                return;
            }
        }

        var token = app.Services.GetRequiredService<FirstRunSetup>().Open();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? TrellisHosting.DefaultUrl;
            address = address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
            Console.Out.WriteLine($"trellis-web: no accounts yet. Create the first administrator (this link works once, until the app stops): {address}/setup?token={token}");
        });
    }

    /// <summary>Creates the demonstration organisations, users and authority mappings unless they exist. Idempotent.</summary>
    public static async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TrellisDb>();
        var store = services.GetRequiredService<AccountStore>();
        if (await db.Organisations.AnyAsync(o => o.IsDemo, cancellationToken))
        {
            return;
        }

        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var (state, name, users) in DemoOrganisations)
        {
            var org = await store.AddOrganisationAsync(state, name, isDemo: true, cancellationToken);
            if (!org.Ok)
            {
                throw new StartupException($"cannot seed the demo organisation '{name}': {org.Code} {org.Message}");
            }

            ids[name] = org.Value!.Id;
            foreach (var (email, roles) in users)
            {
                var user = await store.AddUserAsync(email, org.Value.Id, roles, DemoPassword, cancellationToken);
                if (!user.Ok)
                {
                    throw new StartupException($"cannot seed the demo user {email}: {user.Code} {user.Message}");
                }
            }
        }

        await store.MapAuthorityAsync("JPN", ids["Japan Joint Staff (demo)"], AuthorityMapping.All, cancellationToken);
        foreach (var authority in DemoMofaAuthorities)
        {
            await store.MapAuthorityAsync("JPN", ids["Japan Ministry of Foreign Affairs (demo)"], authority, cancellationToken);
        }
    }
}
