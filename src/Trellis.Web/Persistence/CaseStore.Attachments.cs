using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Cases;

namespace Trellis.Web.Persistence;

/// <summary>Attachments of filings, notifications and calendar feeds.</summary>
public sealed partial class CaseStore
{
    /// <summary>
    /// Attaches a file to a filing (the endpoint enforces the size limit): its type recognised from
    /// its content (<see cref="AttachmentTypes"/>); stored in the database, served back only as a download.
    /// </summary>
    public async Task<Outcome<AttachmentView>> AttachAsync(Actor actor, Guid filingId, string? fileName, byte[] content, CancellationToken ct)
    {
        if (AttachmentTypes.Recognise(content) is not { } type)
        {
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, "File type not allowed",
                $"attachments are {AttachmentTypes.Allowed}, recognised by their content; this file is none of them", Trellis.Diagnostics.DiagnosticCodes.InvalidOption);
        }

        AttachmentView? view = null;
        var outcome = await AuditLog.WriteAsync<bool>(db, async () =>
        {
            var (f, c, resource) = await LoadFilingAsync(filingId, track: false, ct);
            var decision = f is null ? Decision.Hidden
                : Policy.Decide(actor, Operation.FilingAttach, Of(resource!, f));
            if (!decision.Allowed)
            {
                return Refuse(decision, NoFiling(filingId));
            }

            var now = Now;
            var record = new AttachmentRecord
            {
                Id = Guid.CreateVersion7(),
                CaseId = c!.Id,
                FilingId = f!.Id,
                FileName = AttachmentTypes.SafeName(fileName),
                ContentType = type,
                Size = content.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                Content = content,
                UploadedBy = actor.UserId,
                CreatedAt = now,
            };
            db.Attachments.Add(record);
            await AuditLog.AppendAsync(db, now, actor.UserId, "attachment.add", $"filing/{f.Id}", c.Id, null,
                new { attachment = record.Id, record.FileName, record.ContentType, record.Size, record.Sha256 }, ct);
            view = View(record);
            return true;
        }, ct);
        return outcome.Refusal is { } r ? r : view!;
    }

    private static AttachmentView View(AttachmentRecord a) => new(a.Id, a.FilingId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.CreatedAt);

    /// <summary>The attachments of a filing (facts, not content).</summary>
    public async Task<Outcome<IReadOnlyList<AttachmentView>>> AttachmentsAsync(Actor actor, Guid filingId, CancellationToken ct)
    {
        var (f, _, resource) = await LoadFilingAsync(filingId, track: false, ct);
        if (f is null || !Policy.Decide(actor, Operation.FilingRead, Of(resource!, f)).Allowed)
        {
            return NoFiling(filingId);
        }

        var rows = await db.Attachments.AsNoTracking().Where(a => a.FilingId == filingId).OrderBy(a => a.CreatedAt)
            .Select(a => new AttachmentView(a.Id, a.FilingId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.CreatedAt)).ToListAsync(ct);
        return rows;
    }

    /// <summary>One attachment with its content, if the actor may read its filing.</summary>
    public async Task<Outcome<AttachmentRecord>> AttachmentAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var hidden = new Refusal(StatusCodes.Status404NotFound, "Not found", $"there is no attachment {id} you can see", Trellis.Diagnostics.DiagnosticCodes.UnknownId);
        if (a is null)
        {
            return hidden;
        }

        var (f, _, resource) = await LoadFilingAsync(a.FilingId, track: false, ct);
        return f is not null && Policy.Decide(actor, Operation.FilingRead, Of(resource!, f)).Allowed
            ? a
            : hidden;
    }

    /// <summary>The actor's notifications, newest first; <paramref name="unreadOnly"/> leaves out those already read.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Actor actor, bool unreadOnly, CancellationToken ct)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        return await query.OrderByDescending(n => n.CreatedAt).Take(MaxPageSize).ToListAsync(ct);
    }

    /// <summary>Marks every notification of the actor read.</summary>
    public async Task<int> MarkReadAsync(Actor actor, CancellationToken ct) =>
        await db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, Now), ct);

    /// <summary>
    /// A new secret calendar feed for the actor (any earlier one is revoked): the token is returned
    /// once; only its hash is kept.
    /// </summary>
    public async Task<string> NewCalendarFeedAsync(Actor actor, CancellationToken ct)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = Now;
        await RevokeCalendarFeedsAsync(actor, ct);
        db.CalendarFeeds.Add(new CalendarFeedRecord { Id = Guid.CreateVersion7(), UserId = actor.UserId, TokenHash = HashToken(token), CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<int> RevokeCalendarFeedsAsync(Actor actor, CancellationToken ct) =>
        await db.CalendarFeeds.Where(c => c.UserId == actor.UserId && c.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, Now), ct);

    private static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The user a calendar token belongs to, or null when it is unknown or revoked.</summary>
    public async Task<string?> CalendarUserAsync(string token, CancellationToken ct)
    {
        var hash = HashToken(token);
        return await db.CalendarFeeds.AsNoTracking().Where(c => c.TokenHash == hash && c.RevokedAt == null).Select(c => c.UserId).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The open filings the actor is responsible for: on its own organisation's cases (as planner or
    /// approver) and addressed to its organisation (as host reviewer). Unknown deadlines included.
    /// </summary>
    public async Task<IReadOnlyList<(CaseRecord Case, FilingRecord Filing)>> ResponsibilitiesAsync(Actor actor, CancellationToken ct)
    {
        var open = OpenStatuses;
        var org = actor.OrganisationId;
        var sending = actor.Has(Role.Planner) || actor.Has(Role.Approver);
        var host = actor.Has(Role.HostReviewer);
        var released = new[] { CaseStatus.Submitted.Name(), CaseStatus.Closed.Name() };
        var rows = await db.Filings.AsNoTracking().Where(f => open.Contains(f.Status))
            .Join(db.Cases.AsNoTracking(), f => f.CaseId, c => c.Id, (f, c) => new { f, c })
            .Where(x => (sending && x.c.SendingOrganisationId == org) || (host && x.f.AddressedTo == org && released.Contains(x.c.Status)))
            .OrderBy(x => x.f.Deadline).Take(5000).ToListAsync(ct);
        return rows.Select(x => (x.c, x.f)).ToArray();
    }
}
