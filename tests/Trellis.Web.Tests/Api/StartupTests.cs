using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Persistence;

namespace Trellis.Web.Tests.Api;

/// <summary>A broken setup stops the app with a message that says how to fix it.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Migrate_UnreachablePostgres_SaysWhichSettingAndHowToFix()
    {
        var services = Services("Host=127.0.0.1;Port=1;Database=trellis;Username=nobody;Password=x;Timeout=3");

        var ex = await Assert.ThrowsAsync<StartupException>(() => Database.MigrateAsync(services, CancellationToken.None));

        Assert.Contains("ConnectionStrings__Trellis", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SQLite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_NoConnectionString_UseSqliteInTheDataDirectory()
    {
        using var folder = new TempFolder();
        var configuration = new ConfigurationBuilder().Build();

        var settings = DatabaseSettings.From(configuration, new TrellisOptions { DataDirectory = folder.Path });

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Contains(Path.Combine(folder.Path, "trellis.db"), settings.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Database=trellis;Username=u;Password=p", 64)]
    [InlineData("Host=db;Database=trellis;Username=u;Password=p;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=trellis;Username=u;Password=p;MaxAutoPrepare=5", 5)]
    public void Settings_Postgres_PrepareTheirStatementsUnlessTheConnectionStringSaysOtherwise(string given, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Trellis"] = given }).Build();

        var settings = DatabaseSettings.From(configuration, new TrellisOptions());

        var used = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal((expected, "db", "trellis", "p"), (used.MaxAutoPrepare, used.Host, used.Database, used.Password));
    }

    [Fact]
    public void Registry_MissingFolder_SaysWhereToPointIt()
    {
        var ex = Assert.Throws<StartupException>(() => RegistryHost.Load(new TrellisOptions { Registry = "/nonexistent/trellis-data" }));

        Assert.Contains("validate", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string postgres)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Trellis"] = postgres,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<TrellisOptions>();
        services.AddTrellisDatabase();
        return services.BuildServiceProvider();
    }
}
