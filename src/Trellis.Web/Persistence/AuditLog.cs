using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Trellis.Cases;

namespace Trellis.Web.Persistence;

/// <summary>
/// Appends to the hash-chained audit log, inside the transaction of the change it records. Writers
/// are serialised (a transaction-scoped advisory lock on PostgreSQL, SQLite's single writer), and
/// the sequence is the primary key, so two app instances can never fork the chain: one waits.
/// On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE of audit rows for every role
/// (migration <c>Cases</c>); on SQLite a trigger refuses them too, and <c>admin audit verify</c>
/// finds a row changed by someone who dropped it.
/// </summary>
public static class AuditLog
{
    /// <summary>The advisory lock key that serialises writers of the audit log on PostgreSQL.</summary>
    private const long LockKey = 0x7472656c6c6973; // "trellis"

    /// <summary>Runs <paramref name="work"/> in a transaction that may append audit rows; commits when it returns a value, rolls back on a refusal.</summary>
    public static async Task<Outcome<T>> WriteAsync<T>(TrellisDb db, Func<Task<Outcome<T>>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            }

            var outcome = await work();
            if (outcome.Refusal is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return outcome;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        });
    }

    /// <summary>Adds the next audit row to <paramref name="db"/> (saved with the change). Call inside <see cref="WriteAsync{T}"/>.</summary>
    public static async Task AppendAsync(TrellisDb db, DateTime at, string actor, string action, string subject, Guid? caseId, object? before, object? after, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<AuditRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).OrderByDescending(e => e.Sequence).FirstOrDefault();
        var last = pending ?? await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        var entry = AuditChain.Next(last?.ToEntry(), at, actor, action, subject, caseId, Text(before), Text(after));
        db.AuditLog.Add(AuditRecord.Of(entry));
    }

    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Compact),
    };

    /// <summary>Checks the whole chain, streaming it in sequence order: null when whole, else the first broken row and why.</summary>
    public static async Task<(long Sequence, string Reason)?> VerifyAsync(TrellisDb db, CancellationToken cancellationToken)
    {
        var rows = db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable();
        var entries = new List<AuditEntry>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            entries.Add(row.ToEntry());
        }

        return AuditChain.FirstBroken(entries);
    }

    /// <summary>Whether an exception is a lost race for the next sequence number (retry) rather than a real failure.</summary>
    public static bool IsSequenceConflict(Exception ex) =>
        ex.GetBaseException() is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || ex.GetBaseException() is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };
}
