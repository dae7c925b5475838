using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Trellis.Web.Tests;

/// <summary>
/// The web app in the test process, on the repository's registry and its own data folder:
/// SQLite in that folder, or PostgreSQL when <paramref name="postgres"/> is given. Made with
/// <see cref="StartKestrel"/> it listens on a free loopback port for a real browser.
/// </summary>
public sealed class TrellisApp(string dataDirectory, string? postgres = null, long? maxRequestBytes = null)
    : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>More settings for this app (<c>new TrellisApp(folder) { Settings = { ["Trellis:Demo"] = "true" } }</c>).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>The app's clock ("today" of every page and endpoint); the system's unless a test stops it (<see cref="FixedClock"/>).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The address a browser uses (Kestrel only).</summary>
    public Uri Address
    {
        get
        {
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    /// <summary>Starts a Kestrel-served app and returns it.</summary>
    public static TrellisApp StartKestrel(string dataDirectory, string? postgres = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new TrellisApp(dataDirectory, postgres);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            app.Settings[key] = value;
        }

        app.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Trellis:DataDirectory", DataDirectory);
        builder.UseSetting("Trellis:Registry", TestEnvironment.Data);
        builder.UseSetting("ConnectionStrings:Trellis", postgres ?? "");
        if (maxRequestBytes is { } max)
        {
            builder.UseSetting("Trellis:MaxRequestBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}

/// <summary>A clock stopped at noon UTC of one day, in UTC: a test's "today".</summary>
public sealed class FixedClock(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>A folder of its own for one test's app state; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trellis-web-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// A fresh PostgreSQL database for one test, on the server named by <c>TRELLIS_TEST_POSTGRES</c>;
/// dropped on dispose. Fails with how to fix it when the variable is missing or the server unreachable.
/// </summary>
public sealed class TempPostgresDatabase : IDisposable
{
    private readonly string _admin;

    public TempPostgresDatabase()
    {
        _admin = TestEnvironment.Postgres ?? throw new InvalidOperationException(
            $"{TestEnvironment.PostgresVariable} is not set: give a PostgreSQL connection string whose user may create databases, " +
            "e.g. Host=127.0.0.1;Username=trellis;Password=trellis;Database=postgres (.ci/run sets it up)");
        Name = "trellis_test_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            Execute($"CREATE DATABASE {Name}");
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"cannot create a database on the PostgreSQL server of {TestEnvironment.PostgresVariable}: {ex.Message}", ex);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name, Pooling = false }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        // WITH (FORCE) may not end an autovacuum worker that is visiting the fresh database (it is not
        // the test role's process: 42501 on PostgreSQL 15); the worker leaves within moments, so try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
