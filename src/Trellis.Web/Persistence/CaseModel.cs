using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Persistence;

/// <summary>The tables of cases, filings, comments, attachments, notifications, calendar feeds and the audit log.</summary>
internal static class CaseModel
{
    private static DateTime Utc(DateTime v) => DateTime.SpecifyKind(v, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? v) => v is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;

    public static void Map(ModelBuilder modelBuilder)
    {
        var c = modelBuilder.Entity<CaseRecord>();
        c.ToTable("cases");
        c.HasKey(x => x.Id);
        c.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        c.Property(x => x.Title).HasColumnName("title").HasMaxLength(SavedPlan.NameMaxLength).IsRequired();
        c.Property(x => x.PlanId).HasColumnName("plan_id");
        c.Property(x => x.SendingOrganisationId).HasColumnName("sending_organisation_id");
        c.Property(x => x.SendingState).HasColumnName("sending_state").HasMaxLength(3).IsRequired();
        c.Property(x => x.HostState).HasColumnName("host_state").HasMaxLength(3).IsRequired();
        c.Property(x => x.Status).HasColumnName("status").HasMaxLength(32).IsRequired();
        c.Property(x => x.PlanBody).HasColumnName("plan_body").IsRequired();
        c.Property(x => x.PlanFormat).HasColumnName("plan_format").HasMaxLength(8).IsRequired();
        c.Property(x => x.PlanStart).HasColumnName("plan_start");
        c.Property(x => x.PlanEnd).HasColumnName("plan_end");
        c.Property(x => x.LawDate).HasColumnName("law_date");
        c.Property(x => x.LawDateChosen).HasColumnName("law_date_chosen");
        c.Property(x => x.RegistryHash).HasColumnName("registry_hash").HasMaxLength(64).IsRequired();
        c.Property(x => x.AssessmentJson).HasColumnName("assessment_json").IsRequired();
        c.Property(x => x.CreatedBy).HasColumnName("created_by").IsRequired();
        c.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => Utc(v));
        c.Property(x => x.UpdatedAt).HasColumnName("updated_at").HasConversion(v => v, v => Utc(v));
        c.Property(x => x.ReleasedAt).HasColumnName("released_at").HasConversion(v => v, v => Utc(v));
        c.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        c.HasIndex(x => new { x.SendingOrganisationId, x.UpdatedAt });
        c.HasIndex(x => new { x.SendingState, x.UpdatedAt });
        c.HasIndex(x => new { x.HostState, x.UpdatedAt });

        var f = modelBuilder.Entity<FilingRecord>();
        f.ToTable("filings");
        f.HasKey(x => x.Id);
        f.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        f.Property(x => x.CaseId).HasColumnName("case_id");
        f.Property(x => x.Key).HasColumnName("key").IsRequired();
        f.Property(x => x.Rule).HasColumnName("rule").IsRequired();
        f.Property(x => x.Instrument).HasColumnName("instrument").IsRequired();
        f.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(32).IsRequired();
        f.Property(x => x.Title).HasColumnName("title").IsRequired();
        f.Property(x => x.Authority).HasColumnName("authority").IsRequired();
        f.Property(x => x.Count).HasColumnName("count");
        f.Property(x => x.Deadline).HasColumnName("deadline");
        f.Property(x => x.LeadTimeUnknown).HasColumnName("lead_time_unknown");
        f.Property(x => x.Confidence).HasColumnName("confidence").HasMaxLength(16).IsRequired();
        f.Property(x => x.Basis).HasColumnName("basis").IsRequired();
        f.Property(x => x.BasisUrl).HasColumnName("basis_url");
        f.Property(x => x.Elements).HasColumnName("elements").IsRequired();
        f.Property(x => x.AddressedTo).HasColumnName("addressed_to");
        f.Property(x => x.Status).HasColumnName("status").HasMaxLength(32).IsRequired();
        f.Property(x => x.Reference).HasColumnName("reference").HasMaxLength(200);
        f.Property(x => x.Restrictions).HasColumnName("restrictions").HasMaxLength(CommentRecord.TextMaxLength);
        f.Property(x => x.UpdatedAt).HasColumnName("updated_at").HasConversion(v => v, v => Utc(v));
        f.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        f.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        f.HasIndex(x => new { x.CaseId, x.Key });
        // "My cases" counts a page's filings by status and deadline: with every column it reads in the index the
        // database answers from the index alone (each filing row is on a page of its own: 2,078 heap pages for a
        // page of 50 cases, 9 ms → 2 ms; bench/results/cases-2026-12-04.md).
        f.HasIndex(x => new { x.CaseId, x.Status, x.Deadline, x.AddressedTo });
        f.HasIndex(x => new { x.AddressedTo, x.Status });
        f.HasIndex(x => new { x.AddressedTo, x.Deadline, x.Id }); // the inbox, earliest deadline first

        var m = modelBuilder.Entity<CommentRecord>();
        m.ToTable("comments");
        m.HasKey(x => x.Id);
        m.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        m.Property(x => x.CaseId).HasColumnName("case_id");
        m.Property(x => x.FilingId).HasColumnName("filing_id");
        m.Property(x => x.ParentId).HasColumnName("parent_id");
        m.Property(x => x.AuthorId).HasColumnName("author_id").IsRequired();
        m.Property(x => x.AuthorName).HasColumnName("author_name").IsRequired();
        m.Property(x => x.AuthorOrganisationId).HasColumnName("author_organisation_id");
        m.Property(x => x.Text).HasColumnName("text").HasMaxLength(CommentRecord.TextMaxLength).IsRequired();
        m.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => Utc(v));
        m.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        m.HasIndex(x => new { x.CaseId, x.FilingId, x.CreatedAt });

        var a = modelBuilder.Entity<AttachmentRecord>();
        a.ToTable("attachments");
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        a.Property(x => x.CaseId).HasColumnName("case_id");
        a.Property(x => x.FilingId).HasColumnName("filing_id");
        a.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(255).IsRequired();
        a.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(100).IsRequired();
        a.Property(x => x.Size).HasColumnName("size");
        a.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64).IsRequired();
        a.Property(x => x.Content).HasColumnName("content").IsRequired();
        a.Property(x => x.UploadedBy).HasColumnName("uploaded_by").IsRequired();
        a.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => Utc(v));
        a.HasOne<FilingRecord>().WithMany().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        a.HasIndex(x => x.FilingId);

        var u = modelBuilder.Entity<AuditRecord>();
        u.ToTable("audit_log");
        u.HasKey(x => x.Sequence);
        u.Property(x => x.Sequence).HasColumnName("sequence").ValueGeneratedNever();
        u.Property(x => x.At).HasColumnName("at").HasConversion(v => v, v => Utc(v));
        u.Property(x => x.Actor).HasColumnName("actor").IsRequired();
        u.Property(x => x.Action).HasColumnName("action").HasMaxLength(64).IsRequired();
        u.Property(x => x.Subject).HasColumnName("subject").IsRequired();
        u.Property(x => x.CaseId).HasColumnName("case_id");
        u.Property(x => x.Before).HasColumnName("before");
        u.Property(x => x.After).HasColumnName("after");
        u.Property(x => x.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64).IsRequired();
        u.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64).IsRequired();
        u.HasIndex(x => new { x.CaseId, x.Sequence });
        u.HasIndex(x => new { x.Subject, x.Sequence }); // an order's history (subject order/{id})

        var n = modelBuilder.Entity<NotificationRecord>();
        n.ToTable("notifications");
        n.HasKey(x => x.Id);
        n.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        n.Property(x => x.UserId).HasColumnName("user_id").IsRequired();
        n.Property(x => x.CaseId).HasColumnName("case_id");
        n.Property(x => x.FilingId).HasColumnName("filing_id");
        n.Property(x => x.Text).HasColumnName("text").IsRequired();
        n.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => Utc(v));
        n.Property(x => x.ReadAt).HasColumnName("read_at").HasConversion(v => v, v => Utc(v));
        n.HasIndex(x => new { x.UserId, x.CreatedAt });

        var cal = modelBuilder.Entity<CalendarFeedRecord>();
        cal.ToTable("calendar_feeds");
        cal.HasKey(x => x.Id);
        cal.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        cal.Property(x => x.UserId).HasColumnName("user_id").IsRequired();
        cal.Property(x => x.TokenHash).HasColumnName("token_hash").HasMaxLength(64).IsRequired();
        cal.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => Utc(v));
        cal.Property(x => x.RevokedAt).HasColumnName("revoked_at").HasConversion(v => v, v => Utc(v));
        cal.HasIndex(x => x.TokenHash).IsUnique();
    }
}
