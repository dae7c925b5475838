using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Trellis.Web.Persistence;

/// <summary>
/// What users create in the web app. One model, two providers: <see cref="SqliteTrellisDb"/> and
/// <see cref="PostgresTrellisDb"/> exist only so that each has its own migrations
/// (Persistence/Migrations/Sqlite and Persistence/Migrations/Postgres). The accounts are ASP.NET Core
/// Identity's tables (<c>users</c>, <c>roles</c>, <c>user_roles</c>, …) in the same snake_case style.
/// </summary>
public abstract class TrellisDb(DbContextOptions options) : IdentityDbContext<TrellisUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<SavedPlan> Plans => Set<SavedPlan>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<AuthorityMapping> AuthorityMappings => Set<AuthorityMapping>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<FilingRecord> Filings => Set<FilingRecord>();

    public DbSet<CommentRecord> Comments => Set<CommentRecord>();

    public DbSet<AttachmentRecord> Attachments => Set<AttachmentRecord>();

    /// <summary>The append-only, hash-chained audit log (<see cref="AuditLog"/>).</summary>
    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<OrderLineRecord> OrderLines => Set<OrderLineRecord>();

    public DbSet<OrderPartRecord> OrderParts => Set<OrderPartRecord>();

    public DbSet<OrderPostingRecord> OrderPostings => Set<OrderPostingRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<CalendarFeedRecord> CalendarFeeds => Set<CalendarFeedRecord>();

    /// <summary>
    /// The Data Protection key ring (the keys that protect antiforgery tokens), shared by every app
    /// instance on this database so that a form issued by one is accepted by another and survives a
    /// restart. The keys are stored unencrypted: whoever can read the database can forge tokens.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        MapIdentity(modelBuilder);
        MapAccounts(modelBuilder);
        CaseModel.Map(modelBuilder);
        LedgerModel.Map(modelBuilder);

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
        plan.Property(p => p.OwnerOrganisationId).HasColumnName("owner_organisation_id");
        plan.HasIndex(p => p.OwnerOrganisationId); // no foreign key: on SQLite adding one rebuilds the table
        plan.HasIndex(p => p.UpdatedAt);

        var key = modelBuilder.Entity<DataProtectionKey>();
        key.ToTable("data_protection_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).HasColumnName("id");
        key.Property(k => k.FriendlyName).HasColumnName("friendly_name");
        key.Property(k => k.Xml).HasColumnName("xml");
    }

    /// <summary>Identity's tables and columns, renamed to snake_case (<c>users.normalized_email</c>); roles seeded from the core's.</summary>
    private static void MapIdentity(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TrellisUser>().ToTable("users");
        modelBuilder.Entity<IdentityRole>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        var user = modelBuilder.Entity<TrellisUser>();
        user.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        user.Property(u => u.CreatedAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        modelBuilder.Entity<IdentityRole>().HasData(TrellisRoles.Seed());

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true || e.ClrType == typeof(TrellisUser)))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var index in entity.GetIndexes().Where(i => i.GetDatabaseName() is { } n && !n.StartsWith("IX_", StringComparison.Ordinal)))
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!)); // EmailIndex → email_index
            }
        }
    }

    private static void MapAccounts(ModelBuilder modelBuilder)
    {
        var org = modelBuilder.Entity<Organisation>();
        org.ToTable("organisations");
        org.HasKey(o => o.Id);
        org.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        org.Property(o => o.State).HasColumnName("state").HasMaxLength(3).IsRequired();
        org.Property(o => o.Name).HasColumnName("name").HasMaxLength(Organisation.NameMaxLength).IsRequired();
        org.Property(o => o.IsDemo).HasColumnName("is_demo");
        org.Property(o => o.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        org.HasIndex(o => new { o.State, o.Name }).IsUnique();

        var map = modelBuilder.Entity<AuthorityMapping>();
        map.ToTable("authority_mappings");
        map.HasKey(m => m.Id);
        map.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        map.Property(m => m.HostState).HasColumnName("host_state").HasMaxLength(3).IsRequired();
        map.Property(m => m.Authority).HasColumnName("authority").HasMaxLength(AuthorityMapping.AuthorityMaxLength).IsRequired();
        map.Property(m => m.OrganisationId).HasColumnName("organisation_id");
        map.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        map.HasIndex(m => new { m.HostState, m.Authority }).IsUnique();

        var token = modelBuilder.Entity<PersonalAccessToken>();
        token.ToTable("personal_access_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        token.Property(t => t.UserId).HasColumnName("user_id").IsRequired();
        token.Property(t => t.Name).HasColumnName("name").HasMaxLength(PersonalAccessToken.NameMaxLength).IsRequired();
        token.Property(t => t.Hash).HasColumnName("hash").HasMaxLength(64).IsRequired();
        token.Property(t => t.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        token.Property(t => t.ExpiresAt).HasColumnName("expires_at").HasConversion(v => v, v => v == null ? null : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
        token.Property(t => t.RevokedAt).HasColumnName("revoked_at").HasConversion(v => v, v => v == null ? null : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
        token.HasOne<TrellisUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => new { t.UserId, t.Name }).IsUnique();
    }

    /// <summary><c>NormalizedEmail</c> → <c>normalized_email</c>; <c>EmailIndex</c> → <c>email_index</c>.</summary>
    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && name[i - 1] != '_')
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
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
