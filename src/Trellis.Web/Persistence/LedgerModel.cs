using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Persistence;

/// <summary>
/// A logistics order as stored (table <c>orders</c>): the core's <see cref="Trellis.Ledger.Order"/> without its lines,
/// delivered parts and postings (their own tables). <see cref="Version"/> is the ETag and the concurrency token: every
/// change of the order, its lines or its parts bumps it in the same transaction.
/// </summary>
public sealed class OrderRecord
{
    public Guid Id { get; set; }

    public string AgreementId { get; set; } = "";

    public Guid RequestingOrganisationId { get; set; }

    public string RequestingState { get; set; } = "";

    public Guid SupplyingOrganisationId { get; set; }

    public string SupplyingState { get; set; } = "";

    public DateOnly Date { get; set; }

    public string? Situation { get; set; }

    public string? ExerciseId { get; set; }

    public Guid? CaseId { get; set; }

    public string Settlement { get; set; } = "";

    public string Status { get; set; } = "";

    public string? OrderedBy { get; set; }

    public string? ReviewClearedBy { get; set; }

    public DateOnly? ClaimedOn { get; set; }

    public DateOnly? SettledOn { get; set; }

    /// <summary>The legal-review flags, as JSON (<c>[{"code","field","reason"}]</c>).</summary>
    public string FlagsJson { get; set; } = "[]";

    /// <summary>The authorised officials, as JSON (<c>[{"userId","side","name"}]</c>).</summary>
    public string OfficialsJson { get; set; } = "[]";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>One line of an order (table <c>order_lines</c>); amounts are exact decimals (numeric on PostgreSQL, text on SQLite).</summary>
public sealed class OrderLineRecord
{
    public Guid OrderId { get; set; }

    public int Number { get; set; }

    public string Category { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Description { get; set; } = "";

    public decimal Quantity { get; set; }

    public string Unit { get; set; } = "";

    public decimal UnitPrice { get; set; }

    public string Currency { get; set; } = "";

    public decimal Amount { get; set; }

    /// <summary>The citation that covers the category, as JSON; null for unknown coverage.</summary>
    public string? BasisJson { get; set; }

    /// <summary>The settlement time limit, as JSON; null when the settlement terms are unknown.</summary>
    public string? TimeLimitJson { get; set; }

    public decimal Delivered { get; set; }

    public decimal Cancelled { get; set; }
}

/// <summary>One delivered part of a line (table <c>order_parts</c>): the obligation a delivery created, due on <see cref="Due"/>.</summary>
public sealed class OrderPartRecord
{
    public Guid OrderId { get; set; }

    public int Delivery { get; set; }

    public int Line { get; set; }

    public DateOnly Day { get; set; }

    public decimal Quantity { get; set; }

    public decimal Value { get; set; }

    public string Currency { get; set; } = "";

    public DateOnly? Due { get; set; }
}

/// <summary>One posting of a balanced posting set (table <c>order_postings</c>); append-only.</summary>
public sealed class OrderPostingRecord
{
    public Guid OrderId { get; set; }

    /// <summary>The posting set's number, 1-based per order.</summary>
    public int SetNumber { get; set; }

    /// <summary>The posting's place in its set.</summary>
    public int Index { get; set; }

    public DateOnly Day { get; set; }

    public string Action { get; set; } = "";

    /// <summary><c>receivable</c> or <c>payable</c>.</summary>
    public string Kind { get; set; } = "";

    public string Holder { get; set; } = "";

    public string Counterparty { get; set; } = "";

    public string Currency { get; set; } = "";

    /// <summary>Debit positive, credit negative.</summary>
    public decimal Amount { get; set; }
}

/// <summary>The ledger's tables: orders, their lines, delivered parts and postings. Their history is the audit log (subject <c>order/{id}</c>).</summary>
internal static class LedgerModel
{
    private static DateTime Utc(DateTime v) => DateTime.SpecifyKind(v, DateTimeKind.Utc);

    public static void Map(ModelBuilder modelBuilder)
    {
        var o = modelBuilder.Entity<OrderRecord>();
        o.ToTable("orders");
        o.HasKey(x => x.Id);
        o.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        o.Property(x => x.AgreementId).HasColumnName("agreement_id").HasMaxLength(128).IsRequired();
        o.Property(x => x.RequestingOrganisationId).HasColumnName("requesting_organisation_id");
        o.Property(x => x.RequestingState).HasColumnName("requesting_state").HasMaxLength(3).IsRequired();
        o.Property(x => x.SupplyingOrganisationId).HasColumnName("supplying_organisation_id");
        o.Property(x => x.SupplyingState).HasColumnName("supplying_state").HasMaxLength(3).IsRequired();
        o.Property(x => x.Date).HasColumnName("order_date");
        o.Property(x => x.Situation).HasColumnName("situation").HasMaxLength(64);
        o.Property(x => x.ExerciseId).HasColumnName("exercise_id").HasMaxLength(128);
        o.Property(x => x.CaseId).HasColumnName("case_id");
        o.Property(x => x.Settlement).HasColumnName("settlement").HasMaxLength(64).IsRequired();
        o.Property(x => x.Status).HasColumnName("status").HasMaxLength(32).IsRequired();
        o.Property(x => x.OrderedBy).HasColumnName("ordered_by");
        o.Property(x => x.ReviewClearedBy).HasColumnName("review_cleared_by");
        o.Property(x => x.ClaimedOn).HasColumnName("claimed_on");
        o.Property(x => x.SettledOn).HasColumnName("settled_on");
        o.Property(x => x.FlagsJson).HasColumnName("flags_json").IsRequired();
        o.Property(x => x.OfficialsJson).HasColumnName("officials_json").IsRequired();
        o.Property(x => x.CreatedBy).HasColumnName("created_by").IsRequired();
        o.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(v => v, v => Utc(v));
        o.Property(x => x.UpdatedAt).HasColumnName("updated_at").HasConversion(v => v, v => Utc(v));
        o.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        o.HasIndex(x => new { x.RequestingOrganisationId, x.UpdatedAt });
        o.HasIndex(x => new { x.SupplyingOrganisationId, x.UpdatedAt });
        o.HasIndex(x => new { x.RequestingState, x.SupplyingState });

        var l = modelBuilder.Entity<OrderLineRecord>();
        l.ToTable("order_lines");
        l.HasKey(x => new { x.OrderId, x.Number });
        l.Property(x => x.OrderId).HasColumnName("order_id");
        l.Property(x => x.Number).HasColumnName("number").ValueGeneratedNever();
        l.Property(x => x.Category).HasColumnName("category").HasMaxLength(64).IsRequired();
        l.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16).IsRequired();
        l.Property(x => x.Description).HasColumnName("description").IsRequired();
        l.Property(x => x.Quantity).HasColumnName("quantity");
        l.Property(x => x.Unit).HasColumnName("unit").IsRequired();
        l.Property(x => x.UnitPrice).HasColumnName("unit_price");
        l.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
        l.Property(x => x.Amount).HasColumnName("amount");
        l.Property(x => x.BasisJson).HasColumnName("basis_json");
        l.Property(x => x.TimeLimitJson).HasColumnName("time_limit_json");
        l.Property(x => x.Delivered).HasColumnName("delivered");
        l.Property(x => x.Cancelled).HasColumnName("cancelled");
        l.HasOne<OrderRecord>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);

        var p = modelBuilder.Entity<OrderPartRecord>();
        p.ToTable("order_parts");
        p.HasKey(x => new { x.OrderId, x.Delivery, x.Line });
        p.Property(x => x.OrderId).HasColumnName("order_id");
        p.Property(x => x.Delivery).HasColumnName("delivery").ValueGeneratedNever();
        p.Property(x => x.Line).HasColumnName("line").ValueGeneratedNever();
        p.Property(x => x.Day).HasColumnName("day");
        p.Property(x => x.Quantity).HasColumnName("quantity");
        p.Property(x => x.Value).HasColumnName("value");
        p.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
        p.Property(x => x.Due).HasColumnName("due");
        p.HasOne<OrderRecord>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);

        var s = modelBuilder.Entity<OrderPostingRecord>();
        s.ToTable("order_postings");
        s.HasKey(x => new { x.OrderId, x.SetNumber, x.Index });
        s.Property(x => x.OrderId).HasColumnName("order_id");
        s.Property(x => x.SetNumber).HasColumnName("set_number").ValueGeneratedNever();
        s.Property(x => x.Index).HasColumnName("index").ValueGeneratedNever();
        s.Property(x => x.Day).HasColumnName("day");
        s.Property(x => x.Action).HasColumnName("action").HasMaxLength(64).IsRequired();
        s.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16).IsRequired();
        s.Property(x => x.Holder).HasColumnName("holder").HasMaxLength(3).IsRequired();
        s.Property(x => x.Counterparty).HasColumnName("counterparty").HasMaxLength(3).IsRequired();
        s.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
        s.Property(x => x.Amount).HasColumnName("amount");
        s.HasOne<OrderRecord>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        s.HasIndex(x => new { x.Holder, x.Counterparty, x.Currency });
    }
}
