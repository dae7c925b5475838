using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Trellis.Cases;
using Trellis.Web.Accounts;
using Trellis.Web.Persistence;

namespace Trellis.Web.Endpoints;

public sealed record OpenCase(Guid PlanId, string? LawDate);

public sealed record TransitionRequest(string? To, string? Note, string? Reference, string? Restrictions);

public sealed record CommentRequest(string? Text, Guid? ParentId);

public sealed record CalendarFeedCreated(string Url);

/// <summary>
/// Cases and filings between a sending organisation and the host (docs/cases.md): open a case from a
/// saved plan, release it, move filings through their lifecycle, amend, comment, attach, read the
/// history. Everything needs sign-in and is decided by the core's policy; a case the caller may not
/// see answers 404 exactly as one that does not exist. Changes need <c>If-Match</c> with the ETag
/// the GET returned (428 without it, 412 when stale; <c>*</c> is not accepted).
/// </summary>
public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization();
        cases.MapPost("/", Open).WithName("OpenCase").WithSummary("Open a draft case from a saved plan (planner of the plan's organisation)")
            .WithDescription("`lawDate` (YYYY-MM-DD) fixes the day agreements must be in force; default the plan's start. The assessment is frozen with the registry's content hash; each requirement becomes a filing addressed to the host organisation mapped to its authority.");
        cases.MapGet("/", List).WithName("ListCases").WithSummary("The cases you can see, most recently changed first (paginated)")
            .WithDescription("Filters: `status` (draft, awaiting-approval, submitted, closed), `partner` (the other state, ISO3), `dueBefore` (an open filing's deadline before this day). `limit` 1–200 (default 50); `cursor` from the previous page's `next`.");
        cases.MapGet("/stale", Stale).WithName("StaleCases").WithSummary("Open cases frozen with another registry, and what a re-assessment would change");
        cases.MapGet("/{id:guid}", Get).WithName("GetCase").WithSummary("A case: plan, frozen assessment, filings with status and due state; its version is the ETag");
        cases.MapPost("/{id:guid}/submit", (Guid id, HttpContext c, CurrentActor a, CaseStore s, CancellationToken t) => Act(id, Operation.CaseSubmit, c, a, s, t))
            .WithName("SubmitCase").WithSummary("Ask the organisation's approver to release the case (draft → awaiting-approval; planner)");
        cases.MapPost("/{id:guid}/approve", (Guid id, HttpContext c, CurrentActor a, CaseStore s, CancellationToken t) => Act(id, Operation.CaseApprove, c, a, s, t))
            .WithName("ApproveCase").WithSummary("Release the case to the host (awaiting-approval → submitted; approver): its filings are submitted");
        cases.MapPost("/{id:guid}/return", (Guid id, HttpContext c, CurrentActor a, CaseStore s, CancellationToken t) => Act(id, Operation.CaseReturn, c, a, s, t))
            .WithName("ReturnCase").WithSummary("Send the case back to its planners (awaiting-approval → draft; approver)");
        cases.MapPost("/{id:guid}/close", (Guid id, HttpContext c, CurrentActor a, CaseStore s, CancellationToken t) => Act(id, Operation.CaseClose, c, a, s, t))
            .WithName("CloseCase").WithSummary("Close a released case (submitted → closed)");
        cases.MapPut("/{id:guid}/plan", Amend).WithName("AmendCase")
            .Accepts<string>(false, "application/yaml", "application/json")
            .WithSummary("Replace the case's plan and re-assess it; changed filings reopen, removed ones are withdrawn")
            .WithDescription("`lawDate` picks another law date; otherwise the case keeps its own (or follows the plan's start).");
        cases.MapPost("/{id:guid}/reassess", Reassess).WithName("ReassessCase").WithSummary("Re-assess the case's plan against the registry loaded now (same law date)");
        cases.MapGet("/{id:guid}/comments", Comments).WithName("CaseComments").WithSummary("Every comment of the case and its filings, oldest first");
        cases.MapPost("/{id:guid}/comments", CommentOnCase).WithName("CommentOnCase").WithSummary("Comment on the case (`parentId` to reply)");
        cases.MapGet("/{id:guid}/audit", History).WithName("CaseAudit").WithSummary("The case's history from the audit log: who, when, what, before and after")
            .WithDescription("`format=csv` downloads it as CSV.");

        var filings = app.MapGroup("/api/filings").WithTags("Cases").RequireAuthorization();
        filings.MapGet("/{id:guid}", GetFiling).WithName("GetFiling").WithSummary("A filing with its status and the moves you may make; its version is the ETag");
        filings.MapPost("/{id:guid}/transitions", Transition).WithName("MoveFiling")
            .WithSummary("Move a filing (`to`: under-review, need-more-info, approved, approved-with-restrictions, denied, submitted, withdrawn)")
            .WithDescription("Needs If-Match. A host decision may carry a `reference` (a clearance number) and, for approved-with-restrictions, `restrictions`. A move the lifecycle does not allow from the current status is 409 naming the allowed ones.");
        filings.MapPost("/{id:guid}/comments", CommentOnFiling).WithName("CommentOnFiling").WithSummary("Comment on a filing (`parentId` to reply)");
        filings.MapGet("/{id:guid}/attachments", Attachments).WithName("FilingAttachments").WithSummary("The files attached to a filing");
        filings.MapPost("/{id:guid}/attachments", Attach).WithName("AttachToFiling")
            .WithSummary("Attach a file (the request body; `name` its file name): PDF, PNG, JPEG or UTF-8 text, recognised by content, at most Trellis:MaxAttachmentBytes");

        var api = app.MapGroup("/api").WithTags("Cases").RequireAuthorization();
        api.MapGet("/attachments/{id:guid}", Download).WithName("GetAttachment").WithSummary("An attachment's content, as a download");
        api.MapGet("/inbox", Inbox).WithName("Inbox").WithSummary("Open filings addressed to your organisation, earliest deadline first (unknown deadlines last)");
        api.MapGet("/notifications", Notifications).WithName("Notifications").WithSummary("Your notifications of status changes, newest first");
        api.MapPost("/notifications/read", MarkRead).WithName("MarkNotificationsRead").WithSummary("Mark all your notifications read");
        api.MapPost("/calendar", NewCalendar).WithName("NewCalendarFeed").WithSummary("A new secret URL of your deadlines as an ICS feed (shown once; revokes the previous one)");
        api.MapDelete("/calendar", RevokeCalendar).WithName("RevokeCalendarFeed").WithSummary("Revoke your calendar feed");
        app.MapGet("/calendar/{token}.ics", Calendar).WithTags("Cases").WithName("CalendarFeed").WithSummary("A personal calendar feed by its secret token (no sign-in)");
        return app;
    }

    private static IResult Answer<T>(Outcome<T> outcome, HttpResponse response, Func<T, int>? etag = null) where T : notnull
    {
        if (outcome.Refusal is { } r)
        {
            return Refused(r);
        }

        if (etag is not null)
        {
            response.Headers.ETag = CaseStore.ETag(etag(outcome.Value!));
        }

        return TypedResults.Ok(outcome.Value);
    }

    /// <summary>A refusal as an RFC 9457 problem document.</summary>
    public static ProblemHttpResult Refused(Refusal r)
    {
        var extensions = new Dictionary<string, object?>();
        if (r.Code is not null)
        {
            extensions["code"] = r.Code;
        }

        foreach (var (k, v) in r.Extensions ?? new Dictionary<string, object?>())
        {
            extensions[k] = v;
        }

        return TypedResults.Problem(r.Detail, statusCode: r.Status, title: r.Title, extensions: extensions);
    }

    /// <summary>
    /// The version named by <c>If-Match</c>: null when absent (→ 428). <c>*</c> and weak or foreign
    /// tags name no version (→ 412 against the current one).
    /// </summary>
    public static int? IfMatch(HttpRequest request)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        if (tags.Count == 0)
        {
            return null;
        }

        var tag = tags[0];
        return !tag.IsWeak && tag != EntityTagHeaderValue.Any && int.TryParse(tag.Tag.Value?.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    private static bool TryDay(string? text, string parameter, out DateOnly? day, out ProblemHttpResult? problem)
    {
        day = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!QueryValues.TryDay(text, parameter, default, out var d, out problem))
        {
            return false;
        }

        day = d;
        return true;
    }

    private static async Task<IResult> Open(OpenCase body, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        if (!TryDay(body.LawDate, "lawDate", out var lawDate, out var problem))
        {
            return problem!;
        }

        var outcome = await store.OpenAsync(actor, body.PlanId, lawDate, ct);
        if (outcome.Refusal is { } r)
        {
            return Refused(r);
        }

        response.Headers.ETag = CaseStore.ETag(outcome.Value!.Case.Version);
        return TypedResults.Created($"/api/cases/{outcome.Value.Case.Id}", outcome.Value);
    }

    private static async Task<IResult> List(CurrentActor current, CaseStore store, HttpResponse response, string? status = null, string? partner = null,
        string? dueBefore = null, string? cursor = null, int? limit = null, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        if (!TryDay(dueBefore, "dueBefore", out var due, out var problem))
        {
            return problem!;
        }

        return Answer(await store.ListAsync(actor, status, partner, due, cursor, limit, ct), response);
    }

    private static async Task<IResult> Stale(CurrentActor current, CaseStore store, int limit = CaseStore.DefaultPageSize, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        return limit is < 1 or > CaseStore.MaxPageSize
            ? Problems.BadQuery("limit", $"limit must be between 1 and {CaseStore.MaxPageSize}")
            : TypedResults.Ok(await store.StaleAsync(actor, limit, ct));
    }

    private static async Task<IResult> Get(Guid id, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? Answer(await store.GetAsync(actor, id, ct), response, c => c.Case.Version) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Act(Guid id, Operation operation, HttpContext context, CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor
            ? Answer(await store.ActAsync(actor, id, operation, IfMatch(context.Request), ct), context.Response, c => c.Case.Version)
            : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Amend(Guid id, HttpRequest request, HttpResponse response, CurrentActor current, CaseStore store, IOptions<TrellisOptions> options,
        string? lawDate = null, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        if (!TryDay(lawDate, "lawDate", out var day, out var problem))
        {
            return problem!;
        }

        var (plan, bodyProblem) = await PlanBody.ReadAsync(request, options.Value.MaxRequestBytes, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        return Answer(await store.AmendAsync(actor, id, plan, day, IfMatch(request), ct), response, a => a.Version);
    }

    private static async Task<IResult> Reassess(Guid id, HttpRequest request, HttpResponse response, CurrentActor current, CaseStore store, string? lawDate = null, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        if (!TryDay(lawDate, "lawDate", out var day, out var problem))
        {
            return problem!;
        }

        return Answer(await store.AmendAsync(actor, id, null, day, IfMatch(request), ct), response, a => a.Version);
    }

    private static async Task<IResult> Comments(Guid id, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? Answer(await store.CommentsAsync(actor, id, ct), response) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> CommentOnCase(Guid id, CommentRequest body, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? Answer(await store.CommentAsync(actor, id, null, body.ParentId, body.Text, ct), response) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> CommentOnFiling(Guid id, CommentRequest body, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var filing = await store.GetFilingAsync(actor, id, ct);
        return filing.Refusal is { } r ? Refused(r) : Answer(await store.CommentAsync(actor, filing.Value!.CaseId, id, body.ParentId, body.Text, ct), response);
    }

    private static async Task<IResult> History(Guid id, HttpResponse response, CurrentActor current, CaseStore store, string format = "json", CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        if (format is not ("json" or "csv"))
        {
            return Problems.BadQuery("format", $"format '{format}' is not offered; use json or csv");
        }

        var history = await store.HistoryAsync(actor, id, ct);
        if (history.Refusal is { } r || format == "json")
        {
            return Answer(history, response);
        }

        var csv = new StringBuilder("sequence,at,actor,action,subject,before,after,hash\n");
        foreach (var e in history.Value!)
        {
            csv.AppendJoin(',', e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), Csv(e.Actor), Csv(e.Action), Csv(e.Subject), Csv(e.Before), Csv(e.After), e.Hash).Append('\n');
        }

        response.Headers.ContentDisposition = $"attachment; filename=\"case-{id}-history.csv\"";
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");

        static string Csv(string? v)
        {
            var s = v ?? "";
            // A cell that a spreadsheet would run as a formula is quoted with a leading apostrophe.
            if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@')
            {
                s = "'" + s;
            }

            return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
        }
    }

    private static async Task<IResult> GetFiling(Guid id, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? Answer(await store.GetFilingAsync(actor, id, ct), response, f => f.Version) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Transition(Guid id, TransitionRequest body, HttpRequest request, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor
            ? Answer(await store.TransitionAsync(actor, id, body.To, body.Note, body.Reference, body.Restrictions, IfMatch(request), ct), response, f => f.Version)
            : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Attachments(Guid id, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? Answer(await store.AttachmentsAsync(actor, id, ct), response) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Attach(Guid id, HttpRequest request, HttpResponse response, CurrentActor current, CaseStore store, IOptions<TrellisOptions> options,
        string? name = null, CancellationToken ct = default)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var limit = Math.Min(options.Value.MaxRequestBytes, AttachmentTypes.MaxBytes);
        if (request.ContentLength > limit)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Attachment too large", $"an attachment is at most {limit:N0} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Attachment too large", $"an attachment is at most {limit:N0} bytes");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Attachment too large", $"an attachment is at most {limit:N0} bytes");
        }

        var outcome = await store.AttachAsync(actor, id, name, buffer.ToArray(), ct);
        return outcome.Refusal is { } r ? Refused(r) : TypedResults.Created($"/api/attachments/{outcome.Value!.Id}", outcome.Value);
    }

    private static async Task<IResult> Download(Guid id, HttpResponse response, CurrentActor current, CaseStore store, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var outcome = await store.AttachmentAsync(actor, id, ct);
        if (outcome.Refusal is { } r)
        {
            return Refused(r);
        }

        var a = outcome.Value!;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(a.Content, a.ContentType, a.FileName);
    }

    private static async Task<IResult> Inbox(CurrentActor current, CaseStore store, HttpResponse response, string? status = null, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        await current.GetAsync(ct) is { } actor ? Answer(await store.InboxAsync(actor, status, cursor, limit, ct), response) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Notifications(CurrentActor current, CaseStore store, bool unread = false, CancellationToken ct = default) =>
        await current.GetAsync(ct) is { } actor
            ? TypedResults.Ok((await store.NotificationsAsync(actor, unread, ct)).Select(n => new { n.Id, n.CaseId, n.FilingId, n.Text, n.CreatedAt, n.ReadAt }))
            : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> MarkRead(CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? TypedResults.Ok(new { marked = await store.MarkReadAsync(actor, ct) }) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> NewCalendar(HttpRequest request, CurrentActor current, CaseStore store, CancellationToken ct)
    {
        if (await current.GetAsync(ct) is not { } actor)
        {
            return AccountEndpoints.NotSignedIn();
        }

        var token = await store.NewCalendarFeedAsync(actor, ct);
        return TypedResults.Ok(new CalendarFeedCreated($"{request.Scheme}://{request.Host}{request.PathBase}/calendar/{token}.ics"));
    }

    private static async Task<IResult> RevokeCalendar(CurrentActor current, CaseStore store, CancellationToken ct) =>
        await current.GetAsync(ct) is { } actor ? TypedResults.Ok(new { revoked = await store.RevokeCalendarFeedsAsync(actor, ct) }) : AccountEndpoints.NotSignedIn();

    private static async Task<IResult> Calendar(string token, CurrentActor current, CaseStore store, TrellisDb db, TimeProvider clock, CancellationToken ct)
    {
        var missing = Problems.NotFound("no calendar feed has this address (it may have been revoked); create a new one with POST /api/calendar");
        if (token.Length != 64 || await store.CalendarUserAsync(token, ct) is not { } userId)
        {
            return missing;
        }

        if (await CurrentActor.LoadAsync(db, userId, clock.GetUtcNow(), ct) is not { } actor)
        {
            return missing;
        }

        var items = (await store.ResponsibilitiesAsync(actor, ct))
            .Select(x => new DeadlineItem(x.Filing.Id, x.Case.Title, x.Filing.Title, x.Filing.Authority, x.Filing.Status, x.Filing.Deadline, x.Case.PlanStart, null));
        return TypedResults.Text(DeadlineCalendar.Write(items, clock.GetUtcNow()), "text/calendar; charset=utf-8");
    }
}
