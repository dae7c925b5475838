using System.Net.Sockets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Trellis.Web.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the app uses. SQLite at <c>{Trellis:DataDirectory}/trellis.db</c> by default;
/// PostgreSQL when the connection string <c>ConnectionStrings:Trellis</c> (environment
/// <c>ConnectionStrings__Trellis</c>) is set, e.g. <c>Host=db;Database=trellis;Username=trellis;Password=…</c>.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string Description)
{
    public const string ConnectionStringName = "Trellis";

    public static DatabaseSettings From(IConfiguration configuration, TrellisOptions options)
    {
        var postgres = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            NpgsqlConnectionStringBuilder parsed;
            try
            {
                parsed = new NpgsqlConnectionStringBuilder(postgres);
            }
            catch (ArgumentException ex)
            {
                throw new StartupException($"ConnectionStrings:Trellis (environment ConnectionStrings__Trellis) is not a PostgreSQL connection string: {ex.Message}", ex);
            }

            // The same few statements run on every request: prepared once per connection, PostgreSQL
            // no longer plans them each time (planning "my cases" took 1 ms of 2; bench/results/cases-2026-12-04.md).
            // A connection string that sets its own value keeps it.
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = postgres };
            if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            {
                parsed.MaxAutoPrepare = 64;
            }

            return new(DatabaseProvider.Postgres, parsed.ConnectionString, $"PostgreSQL database '{parsed.Database}' on {parsed.Host}:{parsed.Port}");
        }

        var file = Path.Combine(options.ResolveDataDirectory(), "trellis.db");
        var sqlite = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        return new(DatabaseProvider.Sqlite, sqlite, $"SQLite at {file}");
    }
}

public static class Database
{
    /// <summary>
    /// The Data Protection application name: instances with the same name and the same database
    /// share one key ring, so each accepts the antiforgery tokens of the others.
    /// </summary>
    public const string DataProtectionApplicationName = "Trellis";

    /// <summary>
    /// The database, and the Data Protection key ring kept in it (table <c>data_protection_keys</c>)
    /// rather than in a per-machine folder: app instances behind one load balancer accept each
    /// other's forms, and a restarted container still accepts the forms it issued.
    /// </summary>
    public static IServiceCollection AddTrellisDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<TrellisOptions>>().Value));
        services.AddDbContext<SqliteTrellisDb>((sp, o) => o.UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddDbContext<PostgresTrellisDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddScoped<TrellisDb>(sp => sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresTrellisDb>()
            : sp.GetRequiredService<SqliteTrellisDb>());
        services.AddScoped<PlanStore>();
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<TrellisDb>();
        return services;
    }

    /// <summary>
    /// Creates the database if needed and applies the provider's migrations. Returns a description
    /// of the database; throws <see cref="StartupException"/> saying how to fix an unreachable
    /// server or an unwritable folder.
    /// </summary>
    public static async Task<string> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var scope = services.CreateAsyncScope();
        try
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }

            await scope.ServiceProvider.GetRequiredService<TrellisDb>().Database.MigrateAsync(cancellationToken);
            return settings.Description;
        }
        catch (Exception ex) when (settings.Provider == DatabaseProvider.Postgres && ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            throw new StartupException(
                $"cannot use the {settings.Description} named by ConnectionStrings:Trellis (environment ConnectionStrings__Trellis): " +
                $"{ex.GetBaseException().Message}. Start the server and check the host, port, database, user and password; " +
                "the user needs the right to create the database or its tables. Unset the connection string to use the embedded SQLite database instead.", ex);
        }
        catch (Exception ex) when (settings.Provider == DatabaseProvider.Sqlite && ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"cannot open the {settings.Description}: {ex.GetBaseException().Message}. " +
                "Set Trellis:DataDirectory (environment Trellis__DataDirectory) to a folder this user can write.", ex);
        }
    }
}
