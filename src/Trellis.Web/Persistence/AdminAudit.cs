using Trellis.Web.Accounts;

namespace Trellis.Web.Persistence;

/// <summary>
/// Puts the administration of accounts (organisations, users, tokens, authority mappings) into the
/// same hash-chained audit log as cases: every face that changes them — the admin pages and the
/// <c>admin</c> commands — records who did what after the account store made the change.
/// </summary>
public static class AdminAudit
{
    /// <summary>The actor recorded for the server's own command line (whoever can run it administers the database).</summary>
    public const string CommandLine = "admin-command-line";

    public static async Task RecordAsync(TrellisDb db, TimeProvider clock, string by, string action, string subject, object? after, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await AuditLog.WriteAsync<bool>(db, async () =>
        {
            await AuditLog.AppendAsync(db, clock.GetUtcNow().UtcDateTime, by, action, subject, null, null, after, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Records a successful account-store change; a failed one changed nothing and is not recorded.</summary>
    public static async Task<AccountResult<T>> RecordAsync<T>(this Task<AccountResult<T>> change, TrellisDb db, TimeProvider clock, string by, string action,
        Func<T, string> subject, Func<T, object?> after, CancellationToken cancellationToken)
    {
        var result = await change;
        if (result.Ok)
        {
            await RecordAsync(db, clock, by, action, subject(result.Value!), after(result.Value!), cancellationToken);
        }

        return result;
    }
}
