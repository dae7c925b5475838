using System.Security.Cryptography;
using System.Text;

namespace Trellis.Cases;

/// <summary>
/// One row of the audit log: who did what to which subject, when, with the state before and after
/// (JSON, or null). Rows are numbered from 1 without gaps and chained: <see cref="Hash"/> covers every
/// field and <see cref="PreviousHash"/>, so changing, deleting or inserting a row breaks the chain
/// from there on.
/// </summary>
/// <param name="At">When, in UTC, to the microsecond (what PostgreSQL keeps).</param>
/// <param name="Subject">What changed: <c>case/{id}</c>, <c>filing/{id}</c>, <c>plan/{id}</c>, <c>user/{id}</c>…</param>
/// <param name="CaseId">The case the change belongs to, for a case's history; null for others.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTime At,
    string Actor,
    string Action,
    string Subject,
    Guid? CaseId,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash);

/// <summary>The hash chain of the audit log.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of row 1.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary><paramref name="at"/> in UTC, truncated to whole microseconds, so that it hashes the same after a database round trip.</summary>
    public static DateTime Normalise(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>The next row after <paramref name="previous"/> (null: the first), hashed.</summary>
    public static AuditEntry Next(AuditEntry? previous, DateTime at, string actor, string action, string subject, Guid? caseId, string? before, string? after)
    {
        var sequence = previous is null ? 1 : checked(previous.Sequence + 1);
        var previousHash = previous?.Hash ?? Genesis;
        var entry = new AuditEntry(sequence, Normalise(at), actor, action, subject, caseId, before, after, previousHash, "");
        return entry with { Hash = HashOf(entry) };
    }

    /// <summary>The hash a row must carry: SHA-256 over its fields, each length-prefixed, and the previous hash.</summary>
    public static string HashOf(AuditEntry e)
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value is null ? "-1" : value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
        Field(e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(Normalise(e.At).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture));
        Field(e.Actor);
        Field(e.Action);
        Field(e.Subject);
        Field(e.CaseId?.ToString("D"));
        Field(e.Before);
        Field(e.After);
        Field(e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Checks the chain in sequence order. Returns null when it is whole, else the first row that is
    /// not what the chain says it must be (edited, out of place, or after a gap) and why.
    /// </summary>
    public static (long Sequence, string Reason)? FirstBroken(IEnumerable<AuditEntry> entries)
    {
        var expectedSequence = 1L;
        var previousHash = Genesis;
        foreach (var e in entries)
        {
            if (e.Sequence != expectedSequence)
            {
                return (e.Sequence, $"row {expectedSequence} is missing (found row {e.Sequence} after row {expectedSequence - 1})");
            }

            if (e.PreviousHash != previousHash)
            {
                return (e.Sequence, "its previous hash does not match the row before it");
            }

            if (HashOf(e) != e.Hash)
            {
                return (e.Sequence, "its content does not match its hash: the row was changed after it was written");
            }

            previousHash = e.Hash;
            expectedSequence++;
        }

        return null;
    }
}
