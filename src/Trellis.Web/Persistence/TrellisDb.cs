using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Trellis.Web.Persistence;

/// <summary>
/// What users create in the web app. One model, two providers: <see cref="SqliteTrellisDb"/> and
/// <see cref="PostgresTrellisDb"/> exist only so that each has its own migrations
/// (Persistence/Migrations/Sqlite and Persistence/Migrations/Postgres).
/// </summary>
public abstract class TrellisDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<SavedPlan> Plans => Set<SavedPlan>();

    /// <summary>
    /// The Data Protection key ring (the keys that protect antiforgery tokens), shared by every app
    /// instance on this database so that a form issued by one is accepted by another and survives a
    /// restart. The keys are stored unencrypted: whoever can read the database can forge tokens.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var plan = modelBuilder.Entity<SavedPlan>();
        plan.ToTable("saved_plans");
        plan.HasKey(p => p.Id);
        plan.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        plan.Property(p => p.Name).HasColumnName("name").HasMaxLength(SavedPlan.NameMaxLength).IsRequired();
        plan.Property(p => p.Format).HasColumnName("format").HasMaxLength(8).IsRequired();
        plan.Property(p => p.Body).HasColumnName("body").IsRequired();
        plan.Property(p => p.SendingState).HasColumnName("sending_state").HasMaxLength(3).IsRequired();
        plan.Property(p => p.HostState).HasColumnName("host_state").HasMaxLength(3).IsRequired();
        plan.Property(p => p.Start).HasColumnName("start_day");
        plan.Property(p => p.End).HasColumnName("end_day");
        plan.Property(p => p.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        plan.Property(p => p.UpdatedAt).HasColumnName("updated_at").HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        plan.Property(p => p.Version).HasColumnName("version").IsConcurrencyToken();
        plan.HasIndex(p => p.UpdatedAt);

        var key = modelBuilder.Entity<DataProtectionKey>();
        key.ToTable("data_protection_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).HasColumnName("id");
        key.Property(k => k.FriendlyName).HasColumnName("friendly_name");
        key.Property(k => k.Xml).HasColumnName("xml");
    }
}

/// <summary>The model on SQLite (the default).</summary>
public sealed class SqliteTrellisDb(DbContextOptions<SqliteTrellisDb> options) : TrellisDb(options);

/// <summary>The model on PostgreSQL (<c>ConnectionStrings:Trellis</c> set).</summary>
public sealed class PostgresTrellisDb(DbContextOptions<PostgresTrellisDb> options) : TrellisDb(options);

/// <summary>For <c>dotnet ef migrations add … --context SqliteTrellisDb</c>; no database is opened.</summary>
public sealed class SqliteTrellisDbFactory : IDesignTimeDbContextFactory<SqliteTrellisDb>
{
    public SqliteTrellisDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTrellisDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresTrellisDb</c>; no database is opened.</summary>
public sealed class PostgresTrellisDbFactory : IDesignTimeDbContextFactory<PostgresTrellisDb>
{
    public PostgresTrellisDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTrellisDb>().UseNpgsql("Host=localhost;Database=trellis").Options);
}
