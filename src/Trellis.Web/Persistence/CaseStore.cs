using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Cases;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Rules;
using Trellis.Web.Endpoints;

namespace Trellis.Web.Persistence;

/// <summary>The registry's content hash, computed once at start-up (<see cref="ContentHash"/>).</summary>
public sealed record RegistryFingerprint(string Hash);

/// <summary>
/// Cases and their filings, for every face (the API, the pages): open a case from a saved plan,
/// list and read what the caller may see, move cases and filings through their lifecycles, amend,
/// comment, attach, read the history. Every operation asks <see cref="Policy.Decide"/> first and
/// records what it changed in the audit log in the same transaction. A resource the caller may not
/// see is "not found", exactly as one that does not exist.
/// </summary>
public sealed partial class CaseStore(TrellisDb db, Assessor assessor, AgreementRegistry registry, RegistryFingerprint fingerprint, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in UTC: the day deadlines are measured against.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now);

    private static Refusal NoCase(Guid id) => new(StatusCodes.Status404NotFound, "Not found", $"there is no case {id} you can see; GET /api/cases lists yours", DiagnosticCodes.UnknownId);

    private static Refusal NoFiling(Guid id) => new(StatusCodes.Status404NotFound, "Not found", $"there is no filing {id} you can see; GET /api/inbox and GET /api/cases/{{id}} list yours", DiagnosticCodes.UnknownId);

    private static Refusal Forbidden(Decision d) => new(StatusCodes.Status403Forbidden, "Not allowed", d.Reason);

    private static Refusal Refuse(Decision d, Refusal hidden) => d.Outcome == Trellis.Cases.Outcome.NotFound ? hidden : Forbidden(d);

    /// <summary>412: someone changed it since the caller read it.</summary>
    public static Refusal Stale(string what, int current) => new(StatusCodes.Status412PreconditionFailed, $"{what} changed meanwhile",
        $"the {what.ToLowerInvariant()} was changed since you read it: GET it again and send If-Match with the new ETag",
        Extensions: new Dictionary<string, object?> { ["currentETag"] = ETag(current) });

    public static string ETag(int version) => $"\"{version}\"";

    private static CaseResource Resource(CaseRecord c, IEnumerable<Guid?> hostOrganisations) =>
        new(c.SendingOrganisationId, c.SendingState, c.HostState, Lifecycle.ParseCaseStatus(c.Status) ?? CaseStatus.Draft,
            hostOrganisations.OfType<Guid>().ToHashSet());

    /// <summary>A case without its plan text and frozen assessment (tens of kilobytes each), for lists and moves.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<CaseRecord, CaseRecord>> Light = x => new CaseRecord
    {
        Id = x.Id, Title = x.Title, PlanId = x.PlanId, SendingOrganisationId = x.SendingOrganisationId, SendingState = x.SendingState,
        HostState = x.HostState, Status = x.Status, PlanFormat = x.PlanFormat, PlanStart = x.PlanStart, PlanEnd = x.PlanEnd, LawDate = x.LawDate,
        LawDateChosen = x.LawDateChosen, RegistryHash = x.RegistryHash, CreatedBy = x.CreatedBy, CreatedAt = x.CreatedAt, UpdatedAt = x.UpdatedAt,
        ReleasedAt = x.ReleasedAt, Version = x.Version,
    };

    /// <summary>A filing as the policy sees it, moving to <paramref name="to"/> if given.</summary>
    private static FilingResource Of(CaseResource c, FilingRecord f, FilingStatus? to = null) =>
        new(c, f.AddressedTo, Lifecycle.ParseFilingStatus(f.Status) ?? FilingStatus.Draft, to);

    /// <summary>428 when no version was named, 412 when it is not the current one, else null.</summary>
    private static Refusal? VersionProblem(int? ifMatch, int current, string what, string where) =>
        ifMatch is null ? PreconditionRequired(what, where)
        : ifMatch != current ? Stale(char.ToUpperInvariant(what[0]) + what[1..], current)
        : null;

    /// <summary>
    /// A case and what the policy needs of it. <paramref name="light"/> leaves out the plan's text and
    /// the frozen assessment (tens of kilobytes): what filing moves, comments and reads of one filing
    /// need; such a record is never tracked.
    /// </summary>
    private async Task<(CaseRecord? Case, CaseResource? Resource)> LoadCaseAsync(Guid id, bool track, CancellationToken ct, bool light = false)
    {
        var query = track && !light ? db.Cases : db.Cases.AsNoTracking();
        var c = light
            ? await query.Where(x => x.Id == id).Select(Light).FirstOrDefaultAsync(ct)
            : await query.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return (null, null);
        }

        var hosts = await db.Filings.AsNoTracking().Where(f => f.CaseId == id && f.AddressedTo != null).Select(f => f.AddressedTo).Distinct().ToListAsync(ct);
        return (c, Resource(c, hosts));
    }

    // ---- opening ---------------------------------------------------------------------------

    /// <summary>Opens a draft case from a saved plan; <paramref name="lawDate"/> null: the plan's start.</summary>
    public async Task<Outcome<CaseDetail>> OpenAsync(Actor actor, Guid planId, DateOnly? lawDate, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        var ownerState = plan?.OwnerOrganisationId is { } owner ? await db.Organisations.Where(o => o.Id == owner).Select(o => o.State).FirstOrDefaultAsync(ct) : null;
        var decision = plan is null ? Decision.Hidden : Policy.Decide(actor, Operation.CaseOpen, new PlanResource(plan.OwnerOrganisationId, ownerState));
        if (!decision.Allowed)
        {
            return Refuse(decision, new(StatusCodes.Status404NotFound, "Not found", $"there is no saved plan {planId} you can see", DiagnosticCodes.UnknownId));
        }

        var assessed = Assess(new PlanText(plan!.Body, plan.Format), lawDate);
        if (assessed.Refusal is not null)
        {
            return assessed.Refusal;
        }

        var (activity, assessment) = assessed.Value;
        var now = Now;
        var record = new CaseRecord
        {
            Id = Guid.CreateVersion7(),
            Title = plan.Name,
            PlanId = plan.Id,
            SendingOrganisationId = actor.OrganisationId,
            SendingState = activity.SendingState,
            HostState = activity.HostState,
            Status = CaseStatus.Draft.Name(),
            PlanBody = plan.Body,
            PlanFormat = plan.Format,
            PlanStart = activity.Start,
            PlanEnd = activity.End,
            LawDate = assessment.LawDate,
            LawDateChosen = lawDate is not null,
            RegistryHash = fingerprint.Hash,
            AssessmentJson = Json.Serialize(assessment),
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        if (activity.SendingState != actor.State)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "Plan of another state",
                $"the plan sends forces of {activity.SendingState}; your organisation belongs to {actor.State}, so it cannot open a case for it", DiagnosticCodes.InvalidOption);
        }

        var routes = await RoutesAsync(record.HostState, ct);
        var outcome = await AuditLog.WriteAsync<Guid>(db, async () =>
        {
            db.Cases.Add(record);
            foreach (var spec in FrozenAssessment.Of(assessment, fingerprint.Hash).Filings)
            {
                db.Filings.Add(NewFiling(record.Id, spec, FilingStatus.Draft, AuthorityRouting.Route(record.HostState, spec.Authority, routes), now));
            }

            await AuditLog.AppendAsync(db, now, actor.UserId, "case.open", $"case/{record.Id}", record.Id, null,
                new { status = record.Status, plan = plan.Id, lawDate = record.LawDate, registryHash = record.RegistryHash, filings = assessment.Requirements.Count }, ct);
            return record.Id;
        }, ct);
        return outcome.Refusal is { } r ? r : await GetAsync(actor, record.Id, ct);
    }

    private Outcome<(ActivityPlan Plan, Assessment Assessment)> Assess(PlanText text, DateOnly? lawDate)
    {
        var read = text.Read(registry);
        if (read.HasErrors || read.Value is null)
        {
            var first = read.Diagnostics.First(d => d.Severity == Severity.Error);
            return new Refusal(StatusCodes.Status400BadRequest, "The plan has errors", $"line {first.Line}: {first.Message}", first.Code);
        }

        var options = new AssessOptions { AsOf = lawDate };
        if (assessor.Check(options) is { Count: > 0 } problems)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "Invalid assessment options", problems[0].Message, problems[0].Code);
        }

        return (read.Value, assessor.Assess(read.Value, options));
    }

    private static FilingRecord NewFiling(Guid caseId, FilingSpec spec, FilingStatus status, Guid? addressedTo, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        Key = spec.Key,
        Rule = spec.Rule,
        Instrument = spec.Instrument,
        Kind = spec.Kind,
        Title = spec.Title,
        Authority = spec.Authority,
        Count = spec.Count,
        Deadline = spec.Deadline,
        LeadTimeUnknown = spec.LeadTimeUnknown,
        Confidence = spec.Confidence,
        Basis = spec.Basis,
        BasisUrl = spec.BasisUrl,
        Elements = string.Join(",", spec.Elements),
        AddressedTo = addressedTo,
        Status = status.Name(),
        UpdatedAt = now,
        Version = 1,
    };

    private static FilingSpec SpecOf(FilingRecord f) =>
        new(f.Key, f.Rule, f.Instrument, f.Kind, f.Title, f.Authority, f.Count, f.Deadline, f.LeadTimeUnknown, f.Confidence, f.Basis, f.BasisUrl,
            f.Elements.Length == 0 ? [] : f.Elements.Split(','));

    private async Task<IReadOnlyList<AuthorityRoute>> RoutesAsync(string hostState, CancellationToken ct) =>
        (await db.AuthorityMappings.AsNoTracking().Where(m => m.HostState == hostState).ToListAsync(ct))
        .Select(m => new AuthorityRoute(m.HostState, m.Authority == AuthorityMapping.All ? null : m.Authority, m.OrganisationId)).ToArray();

    // ---- reading ---------------------------------------------------------------------------

    /// <summary>
    /// The queries narrowed to the cases the policy could let the actor read — the same rule as
    /// <see cref="Policy"/> in SQL, so that pages stay fast; every row is still decided by the policy.
    /// The rule's alternatives come as disjoint queries (own organisation; own state, for state-wide
    /// roles; released to the actor's side), each run with its own ORDER BY and LIMIT and merged: one
    /// WHERE with OR and EXISTS (or a UNION ALL of the parts) made PostgreSQL read and sort every case
    /// for each page; a part alone walks its index and stops after a page (bench/results/cases-*.md).
    /// </summary>
    private IReadOnlyList<IQueryable<CaseRecord>> Candidates(Actor actor)
    {
        var org = actor.OrganisationId;
        var state = actor.State;
        var stateWide = actor.Has(Role.LegalAdviser) || actor.Has(Role.Liaison) || actor.Has(Role.Auditor);
        var released = new[] { CaseStatus.Submitted.Name(), CaseStatus.Closed.Name() };
        var cases = db.Cases.AsNoTracking();
        var own = cases.Where(c => c.SendingOrganisationId == org);
        if (!stateWide)
        {
            return [own, cases.Where(c => c.SendingOrganisationId != org && released.Contains(c.Status)
                && db.Filings.Any(f => f.CaseId == c.Id && f.AddressedTo == org))];
        }

        return
        [
            own,
            cases.Where(c => c.SendingOrganisationId != org && c.SendingState == state),
            cases.Where(c => c.SendingOrganisationId != org && c.SendingState != state && released.Contains(c.Status)
                && (c.HostState == state || db.Filings.Any(f => f.CaseId == c.Id && f.AddressedTo == org))),
        ];
    }

    /// <summary>The cases the actor may read, most recently changed first; filters by status, partner state and a due-before day.</summary>
    public async Task<Outcome<Page<CaseSummary>>> ListAsync(Actor actor, string? status, string? partner, DateOnly? dueBefore, string? cursor, int? limit, CancellationToken ct)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return BadParameter("limit", $"limit must be between 1 and {MaxPageSize}");
        }

        var parts = Candidates(actor);
        void Narrow(System.Linq.Expressions.Expression<Func<CaseRecord, bool>> predicate) => parts = parts.Select(q => q.Where(predicate)).ToArray();
        if (status is not null)
        {
            if (Lifecycle.ParseCaseStatus(status) is not { } s)
            {
                return BadParameter("status", $"'{status}' is not a case status; use one of {string.Join(", ", Lifecycle.CaseStatusNames)}");
            }

            var name = s.Name();
            Narrow(c => c.Status == name);
        }

        if (partner is not null)
        {
            var p = partner.Trim().ToUpperInvariant();
            if (registry.FindState(p) is null)
            {
                return BadParameter("partner", $"'{partner}' is not a state code of the registry (ISO 3166-1 alpha-3, e.g. JPN)");
            }

            var own = actor.State;
            Narrow(c => (c.SendingState == own && c.HostState == p) || (c.HostState == own && c.SendingState == p));
        }

        if (dueBefore is { } due)
        {
            var open = OpenStatuses;
            Narrow(c => db.Filings.Any(f => f.CaseId == c.Id && open.Contains(f.Status) && f.Deadline != null && f.Deadline < due));
        }

        if (cursor is not null)
        {
            if (!TryCursor(cursor, out var at, out var after))
            {
                return BadParameter("cursor", "the cursor is not one this API gave; start again without it");
            }

            Narrow(c => c.UpdatedAt < at || (c.UpdatedAt == at && c.Id.CompareTo(after) < 0));
        }

        // Without the plan and the frozen assessment (tens of KB a case, read from TOAST): a page does not show them.
        var rows = new List<CaseRecord>();
        foreach (var part in parts)
        {
            rows.AddRange(await part.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(size + 1)
                .Select(c => new CaseRecord
                {
                    Id = c.Id, Title = c.Title, PlanId = c.PlanId, SendingOrganisationId = c.SendingOrganisationId, SendingState = c.SendingState,
                    HostState = c.HostState, Status = c.Status, PlanFormat = c.PlanFormat, PlanStart = c.PlanStart, PlanEnd = c.PlanEnd,
                    LawDate = c.LawDate, LawDateChosen = c.LawDateChosen, RegistryHash = c.RegistryHash, CreatedBy = c.CreatedBy,
                    CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, ReleasedAt = c.ReleasedAt, Version = c.Version,
                })
                .ToListAsync(ct));
        }

        // The parts are disjoint; Guid.CompareTo orders as PostgreSQL's uuid and SQLite's text do.
        rows = rows.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(size + 1).ToList();
        var page = rows.Take(size).ToList();
        var summaries = await SummariesAsync(actor, page, ct);
        var next = rows.Count > size ? Cursor(page[^1].UpdatedAt, page[^1].Id) : null;
        return new Page<CaseSummary>(summaries, next);
    }

    private static readonly string[] OpenStatuses = Enum.GetValues<FilingStatus>().Where(s => !Lifecycle.IsFinal(s)).Select(s => s.Name()).ToArray();

    private async Task<IReadOnlyList<CaseSummary>> SummariesAsync(Actor actor, IReadOnlyList<CaseRecord> cases, CancellationToken ct)
    {
        // One aggregate row per case, computed by the database (a page of 50 cases has 2,000 filings:
        // loading them cost most of the list's CPU, bench/results/cases-2026-12-04.md).
        var ids = cases.Select(c => c.Id).ToArray();
        var org = actor.OrganisationId;
        var open = OpenStatuses;
        var today = Today;
        var stats = await db.Filings.AsNoTracking().Where(f => ids.Contains(f.CaseId)).GroupBy(f => f.CaseId).Select(g => new
        {
            CaseId = g.Key,
            Total = g.Count(),
            Open = g.Count(f => open.Contains(f.Status)),
            Overdue = g.Count(f => open.Contains(f.Status) && f.Deadline != null && f.Deadline < today),
            Unknown = g.Count(f => open.Contains(f.Status) && f.Deadline == null),
            Next = g.Where(f => open.Contains(f.Status) && f.Deadline != null).Min(f => f.Deadline),
            AddressedToActor = g.Count(f => f.AddressedTo == org) > 0,
        }).ToDictionaryAsync(x => x.CaseId, ct);
        var result = new List<CaseSummary>(cases.Count);
        foreach (var c in cases)
        {
            var x = stats.GetValueOrDefault(c.Id);
            // The policy needs of the host organisations only whether the actor's is among them.
            if (!Policy.Decide(actor, Operation.CaseRead, Resource(c, x?.AddressedToActor == true ? [org] : [])).Allowed)
            {
                continue;
            }

            result.Add(new CaseSummary(c.Id, c.Title, c.Status, c.SendingState, c.SendingOrganisationId, c.HostState, c.PlanStart, c.PlanEnd, c.LawDate,
                x?.Total ?? 0, x?.Open ?? 0, x?.Overdue ?? 0, x?.Unknown ?? 0, x?.Next, c.UpdatedAt, c.Version));
        }

        return result;
    }

    /// <summary>A case with its plan, frozen assessment and filings, if the actor may read it.</summary>
    public async Task<Outcome<CaseDetail>> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var (c, resource) = await LoadCaseAsync(id, track: false, ct);
        var decision = c is null ? Decision.Hidden : Policy.Decide(actor, Operation.CaseRead, resource!);
        if (!decision.Allowed)
        {
            return NoCase(id);
        }

        var filings = await db.Filings.AsNoTracking().Where(f => f.CaseId == id).OrderBy(f => f.Deadline == null).ThenBy(f => f.Deadline).ThenBy(f => f.Authority).ThenBy(f => f.Rule).ToListAsync(ct);
        var names = await OrganisationNamesAsync(filings.Select(f => f.AddressedTo).Append(c!.SendingOrganisationId), ct);
        var summary = (await SummariesAsync(actor, [c], ct))[0];
        var views = filings.Select(f => View(actor, f, c, resource!, names)).ToArray();
        using var assessment = JsonDocument.Parse(c.AssessmentJson);
        return new CaseDetail(summary, names.GetValueOrDefault(c.SendingOrganisationId, "?"), c.PlanFormat, c.PlanBody, c.RegistryHash,
            c.RegistryHash != fingerprint.Hash, Today, assessment.RootElement.Clone(), views, AllowedCaseOperations(actor, c, resource!));
    }

    private static IReadOnlyList<string> AllowedCaseOperations(Actor actor, CaseRecord c, CaseResource resource)
    {
        var status = resource.Status;
        var allowed = new List<string>();
        foreach (var (operation, name) in new[] { (Operation.CaseSubmit, "submit"), (Operation.CaseApprove, "approve"), (Operation.CaseReturn, "return"), (Operation.CaseClose, "close") })
        {
            if (Lifecycle.Find(operation, status) is not null && Policy.Decide(actor, operation, resource).Allowed)
            {
                allowed.Add(name);
            }
        }

        if (status != CaseStatus.Closed && Policy.Decide(actor, Operation.CaseAmend, resource).Allowed)
        {
            allowed.Add("amend");
        }

        if (Policy.Decide(actor, Operation.CaseComment, resource).Allowed)
        {
            allowed.Add("comment");
        }

        return allowed;
    }

    private async Task<Dictionary<Guid, string>> OrganisationNamesAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToArray();
        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    /// <summary>The shown name of a filing's addressee.</summary>
    public const string NoHostOrganisation = "no host organisation yet";

    private FilingView View(Actor actor, FilingRecord f, CaseRecord record, CaseResource c, IReadOnlyDictionary<Guid, string> names)
    {
        var status = Lifecycle.ParseFilingStatus(f.Status) ?? FilingStatus.Draft;
        var allowed = Lifecycle.From(status)
            .Where(t => Policy.Decide(actor, Operation.FilingTransition, new FilingResource(c, f.AddressedTo, status, t.To)).Allowed)
            .Select(t => t.To.Name()).Distinct().ToArray();
        return new FilingView(f.Id, f.CaseId, f.Rule, f.Instrument, f.Kind, f.Title, f.Authority, f.Count, f.Deadline, f.LeadTimeUnknown,
            Deadlines.DueOn(f.Deadline, status, Today).Name(), f.Confidence, f.Basis, f.BasisUrl, f.Elements.Length == 0 ? [] : f.Elements.Split(','),
            f.AddressedTo, f.AddressedTo is { } to ? names.GetValueOrDefault(to, "?") : NoHostOrganisation, f.Status, f.Reference, f.Restrictions,
            Lifecycle.IsReleased(c.Status) ? allowed : [], f.UpdatedAt, f.Version, record.Title, record.SendingState);
    }

    // ---- case lifecycle --------------------------------------------------------------------

    /// <summary>
    /// Moves the case by <paramref name="operation"/> (submit, approve, return, close) from the version
    /// the caller read. Approving releases it: every draft filing becomes <c>submitted</c> to its host
    /// organisation, and the host sees the case from then on.
    /// </summary>
    public async Task<Outcome<CaseDetail>> ActAsync(Actor actor, Guid id, Operation operation, int? ifMatch, CancellationToken ct)
    {
        var outcome = await AuditLog.WriteAsync<bool>(db, async () =>
        {
            var (c, resource) = await LoadCaseAsync(id, track: true, ct);
            var decision = c is null ? Decision.Hidden : Policy.Decide(actor, operation, resource!);
            if (!decision.Allowed)
            {
                return Refuse(decision, NoCase(id));
            }

            if (VersionProblem(ifMatch, c!.Version, "case", "GET /api/cases/{id}") is { } versionProblem)
            {
                return versionProblem;
            }

            var from = resource!.Status;
            if (Lifecycle.Find(operation, from) is not { } move)
            {
                var possible = Lifecycle.Cases.Where(t => t.Operation == operation).Select(t => t.From.Name());
                return new Refusal(StatusCodes.Status409Conflict, "Not possible now",
                    $"a case that is {from.Name()} cannot be moved that way; this is possible from {string.Join(" or ", possible)}",
                    Extensions: new Dictionary<string, object?> { ["currentStatus"] = from.Name(), ["allowed"] = Lifecycle.Cases.Where(t => t.From == from).Select(t => t.Operation.ToString()).ToArray() });
            }

            var now = Now;
            c.Status = move.To.Name();
            c.UpdatedAt = now;
            c.Version++;
            if (operation == Operation.CaseApprove)
            {
                c.ReleasedAt = now;
                foreach (var f in await db.Filings.Where(f => f.CaseId == id && f.Status == "draft").ToListAsync(ct))
                {
                    f.Status = FilingStatus.Submitted.Name();
                    f.UpdatedAt = now;
                    f.Version++;
                }
            }

            await AuditLog.AppendAsync(db, now, actor.UserId, $"case.{operation.ToString()[4..].ToLowerInvariant()}", $"case/{id}", id,
                new { status = from.Name() }, new { status = c.Status }, ct);
            await NotifyAsync(c, null, actor, $"{c.Title}: {from.Name()} → {c.Status}", ct);
            return true;
        }, ct);
        return outcome.Refusal is { } r ? r : await GetAsync(actor, id, ct);
    }

    private static Refusal PreconditionRequired(string what, string where) => new(StatusCodes.Status428PreconditionRequired, "If-Match required",
        $"send If-Match with the ETag of the {what} as you read it ({where} returns it), so that a concurrent change is not overwritten");

    // ---- filings ---------------------------------------------------------------------------

    private async Task<(FilingRecord? Filing, CaseRecord? Case, CaseResource? Resource)> LoadFilingAsync(Guid id, bool track, CancellationToken ct)
    {
        var f = await (track ? db.Filings : db.Filings.AsNoTracking()).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
        {
            return (null, null, null);
        }

        var (c, resource) = await LoadCaseAsync(f.CaseId, track: false, ct, light: true);
        return (f, c, resource);
    }

    public async Task<Outcome<FilingView>> GetFilingAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var (f, c, resource) = await LoadFilingAsync(id, track: false, ct);
        if (f is null || !Policy.Decide(actor, Operation.FilingRead, Of(resource!, f)).Allowed)
        {
            return NoFiling(id);
        }

        var names = await OrganisationNamesAsync([f.AddressedTo], ct);
        return View(actor, f, c!, resource!, names);
    }

    /// <summary>
    /// Moves a filing to the status <paramref name="toName"/> from the version the caller read: the policy says
    /// whether the caller's side and role may make such a move, the lifecycle table whether it exists
    /// from where the filing stands (409 naming the allowed moves). A note becomes a comment.
    /// </summary>
    public async Task<Outcome<FilingView>> TransitionAsync(Actor actor, Guid id, string? toName, string? note, string? reference, string? restrictions, int? ifMatch, CancellationToken ct)
    {
        if (Lifecycle.ParseFilingStatus(toName) is not { } to)
        {
            return BadParameter("to", $"'{toName}' is not a filing status; use one of {string.Join(", ", Lifecycle.FilingStatusNames)}");
        }

        if (note?.Length > CommentRecord.TextMaxLength || restrictions?.Length > CommentRecord.TextMaxLength || reference?.Length > 200)
        {
            return BadParameter(reference?.Length > 200 ? "reference" : note?.Length > CommentRecord.TextMaxLength ? "note" : "restrictions",
                $"too long: a note or restrictions take at most {CommentRecord.TextMaxLength:N0} characters, a reference 200");
        }

        var outcome = await AuditLog.WriteAsync<(FilingRecord Filing, CaseRecord Case, CaseResource Resource)>(db, async () =>
        {
            var (f, c, resource) = await LoadFilingAsync(id, track: true, ct);
            var from = Lifecycle.ParseFilingStatus(f?.Status) ?? FilingStatus.Draft;
            var decision = f is null ? Decision.Hidden : Policy.Decide(actor, Operation.FilingTransition, new FilingResource(resource!, f.AddressedTo, from, to));
            if (!decision.Allowed)
            {
                return Refuse(decision, NoFiling(id));
            }

            if (VersionProblem(ifMatch, f!.Version, "filing", "GET /api/filings/{id}") is { } versionProblem)
            {
                return versionProblem;
            }

            if (!Lifecycle.IsReleased(resource!.Status) || Lifecycle.Find(from, to) is null)
            {
                var allowed = Lifecycle.IsReleased(resource.Status) ? Lifecycle.From(from).Select(t => t.To.Name()).ToArray() : [];
                return new Refusal(StatusCodes.Status409Conflict, "Not possible now",
                    Lifecycle.IsReleased(resource.Status)
                        ? $"a {from.Name()} filing cannot move to {to.Name()}; from {from.Name()} it can move to {(allowed.Length == 0 ? "nothing (it is decided)" : string.Join(", ", allowed))}"
                        : $"the case is {resource.Status.Name()}: its filings move once the sending approver has released it",
                    Extensions: new Dictionary<string, object?> { ["currentStatus"] = from.Name(), ["allowed"] = allowed });
            }

            if (to == FilingStatus.ApprovedWithRestrictions && string.IsNullOrWhiteSpace(restrictions))
            {
                return BadParameter("restrictions", "an approval with restrictions says what they are: send 'restrictions'");
            }

            var now = Now;
            var before = new { status = f.Status, f.Reference, f.Restrictions };
            f.Status = to.Name();
            if (!string.IsNullOrWhiteSpace(reference))
            {
                f.Reference = reference.Trim();
            }

            if (to == FilingStatus.ApprovedWithRestrictions)
            {
                f.Restrictions = restrictions!.Trim();
            }

            f.UpdatedAt = now;
            f.Version++;
            // The case is "changed" for lists (most recent first) but keeps its version: a filing's
            // move does not make the planner's view of the case stale.
            var caseId = c!.Id;
            await db.Cases.Where(x => x.Id == caseId).ExecuteUpdateAsync(u => u.SetProperty(x => x.UpdatedAt, now), ct);
            if (!string.IsNullOrWhiteSpace(note))
            {
                db.Comments.Add(await NewCommentAsync(actor, c.Id, f.Id, null, $"[{from.Name()} → {to.Name()}] {note.Trim()}", now, ct));
            }

            // Who to tell is read before the audit chain's lock is taken: the lock is held from the chain's last row to the commit.
            await NotifyAsync(c, f, actor, $"{c.Title}: {f.Title} — {from.Name()} → {to.Name()}", ct);
            await AuditLog.AppendAsync(db, now, actor.UserId, "filing.transition", $"filing/{f.Id}", c.Id, before,
                new { status = f.Status, f.Reference, f.Restrictions, note }, ct);
            return (f, c, resource);
        }, ct);
        if (outcome.Refusal is { } r)
        {
            return r;
        }

        // The answer is the filing as saved (its new version), without reading it again.
        var (moved, record, caseResource) = outcome.Value!;
        return View(actor, moved, record, caseResource, await OrganisationNamesAsync([moved.AddressedTo], ct));
    }

    // ---- amendments and registry changes ---------------------------------------------------

    /// <summary>
    /// Replaces the case's plan and re-assesses it (the same law date unless <paramref name="lawDate"/>
    /// names another, or the plan's start when none was chosen). Changed filings reopen, unchanged ones
    /// keep their status, removed ones are withdrawn, added ones join as drafts (or submitted, once the
    /// case is released); both sides see the difference in the history.
    /// </summary>
    public async Task<Outcome<AmendmentView>> AmendAsync(Actor actor, Guid id, PlanText? plan, DateOnly? lawDate, int? ifMatch, CancellationToken ct)
    {
        Outcome<AmendmentView> result = default;
        var outcome = await AuditLog.WriteAsync<bool>(db, async () =>
        {
            var (c, resource) = await LoadCaseAsync(id, track: true, ct);
            var decision = c is null ? Decision.Hidden : Policy.Decide(actor, Operation.CaseAmend, resource!);
            if (!decision.Allowed)
            {
                return Refuse(decision, NoCase(id));
            }

            if (VersionProblem(ifMatch, c!.Version, "case", "GET /api/cases/{id}") is { } versionProblem)
            {
                return versionProblem;
            }

            if (resource!.Status == CaseStatus.Closed)
            {
                return new Refusal(StatusCodes.Status409Conflict, "Case closed", "a closed case cannot be amended; open a new case from the plan");
            }

            var text = plan ?? new PlanText(c.PlanBody, c.PlanFormat);
            var chosen = lawDate ?? (c.LawDateChosen ? c.LawDate : null);
            var assessed = Assess(text, chosen);
            if (assessed.Refusal is not null)
            {
                return assessed.Refusal;
            }

            var (activity, assessment) = assessed.Value;
            if (activity.SendingState != c.SendingState || activity.HostState != c.HostState)
            {
                return new Refusal(StatusCodes.Status400BadRequest, "Other states",
                    $"the case is {c.SendingState} in {c.HostState}; the amended plan is {activity.SendingState} in {activity.HostState}. Open a new case for that plan", DiagnosticCodes.InvalidOption);
            }

            var now = Now;
            var view = await ApplyAsync(actor, c, resource, text, activity, assessment, lawDate is not null || c.LawDateChosen, now, "case.amend", ct);
            result = view;
            return true;
        }, ct);
        return outcome.Refusal is { } r ? r : result;
    }

    private async Task<AmendmentView> ApplyAsync(Actor actor, CaseRecord c, CaseResource resource, PlanText text, ActivityPlan activity, Assessment assessment,
        bool lawDateChosen, DateTime now, string action, CancellationToken ct)
    {
        var filings = await db.Filings.Where(f => f.CaseId == c.Id).ToListAsync(ct);
        var current = filings.Where(f => f.Status != FilingStatus.Withdrawn.Name()).ToArray();
        var after = FrozenAssessment.Of(assessment, fingerprint.Hash).Filings;
        var amendment = Amendment.Between(current.Select(SpecOf).ToArray(), after);
        var byKey = current.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var released = Lifecycle.IsReleased(resource.Status);
        var changed = new List<ChangedFiling>();
        foreach (var (old, spec, changes) in amendment.Changed)
        {
            var f = byKey[old.Key];
            var was = f.Status;
            Update(f, spec);
            f.Status = Amendment.Reopened(Lifecycle.ParseFilingStatus(f.Status) ?? FilingStatus.Draft).Name();
            f.AddressedTo = AuthorityRouting.Route(c.HostState, spec.Authority, await RoutesAsync(c.HostState, ct)) ?? f.AddressedTo;
            f.UpdatedAt = now;
            f.Version++;
            changed.Add(new ChangedFiling(spec.Rule, changes, was, f.Status));
        }

        foreach (var removed in amendment.Removed)
        {
            var f = byKey[removed.Key];
            f.Status = FilingStatus.Withdrawn.Name();
            f.UpdatedAt = now;
            f.Version++;
        }

        var routes = await RoutesAsync(c.HostState, ct);
        foreach (var spec in amendment.Added)
        {
            db.Filings.Add(NewFiling(c.Id, spec, released ? FilingStatus.Submitted : FilingStatus.Draft, AuthorityRouting.Route(c.HostState, spec.Authority, routes), now));
        }

        var before = new { lawDate = c.LawDate, registryHash = c.RegistryHash, planStart = c.PlanStart, planEnd = c.PlanEnd };
        c.PlanBody = text.Text;
        c.PlanFormat = text.Format;
        c.PlanStart = activity.Start;
        c.PlanEnd = activity.End;
        c.LawDate = assessment.LawDate;
        c.LawDateChosen = lawDateChosen;
        c.RegistryHash = fingerprint.Hash;
        c.AssessmentJson = Json.Serialize(assessment);
        c.UpdatedAt = now;
        c.Version++;
        var view = new AmendmentView(c.Id, c.LawDate, amendment.Added.Select(f => f.Rule).ToArray(), amendment.Removed.Select(f => f.Rule).ToArray(),
            changed, amendment.Unchanged.Count, c.Version);
        await AuditLog.AppendAsync(db, now, actor.UserId, action, $"case/{c.Id}", c.Id, before,
            new { lawDate = c.LawDate, registryHash = c.RegistryHash, added = view.Added, removed = view.Removed, changed = view.Changed }, ct);
        if (!amendment.IsEmpty)
        {
            await NotifyAsync(c, null, actor, $"{c.Title}: amended — {view.Added.Count} added, {view.Removed.Count} removed, {view.Changed.Count} changed", ct);
        }

        return view;
    }

    private static void Update(FilingRecord f, FilingSpec spec)
    {
        f.Rule = spec.Rule;
        f.Instrument = spec.Instrument;
        f.Kind = spec.Kind;
        f.Title = spec.Title;
        f.Authority = spec.Authority;
        f.Count = spec.Count;
        f.Deadline = spec.Deadline;
        f.LeadTimeUnknown = spec.LeadTimeUnknown;
        f.Confidence = spec.Confidence;
        f.Basis = spec.Basis;
        f.BasisUrl = spec.BasisUrl;
        f.Elements = string.Join(",", spec.Elements);
    }

    /// <summary>
    /// The open cases the actor can amend whose frozen registry is not the loaded one, each with what a
    /// re-assessment (same plan, same law date) would change, earliest plan first, at most <paramref name="limit"/>. Nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<StaleCase>> StaleAsync(Actor actor, int limit, CancellationToken ct)
    {
        var hash = fingerprint.Hash;
        var closed = CaseStatus.Closed.Name();
        var take = Math.Clamp(limit, 1, MaxPageSize);
        var cases = new List<CaseRecord>();
        foreach (var part in Candidates(actor))
        {
            cases.AddRange(await part.Where(c => c.RegistryHash != hash && c.Status != closed).OrderBy(c => c.PlanStart).Take(take).ToListAsync(ct));
        }

        cases = cases.OrderBy(c => c.PlanStart).Take(take).ToList();
        var result = new List<StaleCase>();
        foreach (var summary in await SummariesAsync(actor, cases, ct))
        {
            var c = cases.First(x => x.Id == summary.Id);
            var assessed = Assess(new PlanText(c.PlanBody, c.PlanFormat), c.LawDateChosen ? c.LawDate : null);
            if (assessed.Refusal is not null)
            {
                continue;
            }

            var filings = await db.Filings.AsNoTracking().Where(f => f.CaseId == c.Id && f.Status != "withdrawn").ToListAsync(ct);
            var amendment = Amendment.Between(filings.Select(SpecOf).ToArray(), FrozenAssessment.Of(assessed.Value.Assessment, hash).Filings);
            var statusOf = filings.ToDictionary(f => f.Key, f => f.Status, StringComparer.Ordinal);
            result.Add(new StaleCase(summary, new AmendmentView(c.Id, assessed.Value.Assessment.LawDate, amendment.Added.Select(f => f.Rule).ToArray(),
                amendment.Removed.Select(f => f.Rule).ToArray(),
                amendment.Changed.Select(x => new ChangedFiling(x.After.Rule, x.Changes, statusOf[x.Before.Key], Amendment.Reopened(Lifecycle.ParseFilingStatus(statusOf[x.Before.Key]) ?? FilingStatus.Draft).Name())).ToArray(),
                amendment.Unchanged.Count, c.Version)));
        }

        return result;
    }

    // ---- comments, history, inbox, notifications -------------------------------------------

    private async Task<CommentRecord> NewCommentAsync(Actor actor, Guid caseId, Guid? filingId, Guid? parentId, string text, DateTime now, CancellationToken ct) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        FilingId = filingId,
        ParentId = parentId,
        AuthorId = actor.UserId,
        AuthorName = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email ?? u.UserName ?? u.Id).FirstOrDefaultAsync(ct) ?? actor.UserId,
        AuthorOrganisationId = actor.OrganisationId,
        Text = text,
        CreatedAt = now,
    };

    /// <summary>Adds a comment to a case (<paramref name="filingId"/> null) or one of its filings, as a reply to <paramref name="parentId"/> if given.</summary>
    public async Task<Outcome<CommentView>> CommentAsync(Actor actor, Guid caseId, Guid? filingId, Guid? parentId, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > CommentRecord.TextMaxLength)
        {
            return BadParameter("text", $"a comment has text of 1 to {CommentRecord.TextMaxLength:N0} characters");
        }

        CommentView? view = null;
        var outcome = await AuditLog.WriteAsync<bool>(db, async () =>
        {
            var (c, resource) = await LoadCaseAsync(caseId, track: false, ct, light: true);
            if (c is null)
            {
                return filingId is { } missing ? NoFiling(missing) : NoCase(caseId);
            }

            Decision decision;
            if (filingId is { } fid)
            {
                var f = await db.Filings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fid && x.CaseId == caseId, ct);
                decision = f is null ? Decision.Hidden : Policy.Decide(actor, Operation.FilingComment, Of(resource!, f));
                if (!decision.Allowed)
                {
                    return Refuse(decision, NoFiling(fid));
                }
            }
            else
            {
                decision = Policy.Decide(actor, Operation.CaseComment, resource!);
                if (!decision.Allowed)
                {
                    return Refuse(decision, NoCase(caseId));
                }
            }

            if (parentId is { } parent && !await db.Comments.AnyAsync(x => x.Id == parent && x.CaseId == caseId && x.FilingId == filingId, ct))
            {
                return BadParameter("parentId", $"there is no comment {parent} in this thread to reply to");
            }

            var now = Now;
            var comment = await NewCommentAsync(actor, caseId, filingId, parentId, text.Trim(), now, ct);
            db.Comments.Add(comment);
            await AuditLog.AppendAsync(db, now, actor.UserId, "comment.add", filingId is { } fi ? $"filing/{fi}" : $"case/{caseId}", caseId, null, new { comment = comment.Id, text = comment.Text }, ct);
            view = View(comment);
            return true;
        }, ct);
        return outcome.Refusal is { } r ? r : view!;
    }

    private static CommentView View(CommentRecord m) => new(m.Id, m.CaseId, m.FilingId, m.ParentId, m.AuthorName, m.AuthorOrganisationId, m.Text, m.CreatedAt);

    /// <summary>The comments of a case (every thread, filings' included), oldest first.</summary>
    public async Task<Outcome<IReadOnlyList<CommentView>>> CommentsAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        var (c, resource) = await LoadCaseAsync(caseId, track: false, ct, light: true);
        if (c is null || !Policy.Decide(actor, Operation.CaseRead, resource!).Allowed)
        {
            return NoCase(caseId);
        }

        var comments = await db.Comments.AsNoTracking().Where(x => x.CaseId == caseId).OrderBy(x => x.CreatedAt).ThenBy(x => x.Id).ToListAsync(ct);
        return comments.Select(View).ToArray();
    }

    /// <summary>The audit rows of one case, in order: who did what, when, before and after.</summary>
    public async Task<Outcome<IReadOnlyList<HistoryEntry>>> HistoryAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        var (c, resource) = await LoadCaseAsync(caseId, track: false, ct, light: true);
        if (c is null || !Policy.Decide(actor, Operation.CaseHistory, resource!).Allowed)
        {
            return NoCase(caseId);
        }

        var rows = await db.AuditLog.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Sequence).ToListAsync(ct);
        var users = rows.Select(r => r.Actor).Distinct().ToArray();
        var emails = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
        return rows.Select(r => new HistoryEntry(r.Sequence, r.At, emails.GetValueOrDefault(r.Actor, r.Actor), r.Action, r.Subject, r.Before, r.After, r.Hash)).ToArray();
    }

    /// <summary>The filings addressed to the actor's organisation on released cases, earliest deadline first (unknown last).</summary>
    public async Task<Outcome<Page<FilingView>>> InboxAsync(Actor actor, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return BadParameter("limit", $"limit must be between 1 and {MaxPageSize}");
        }

        var org = actor.OrganisationId;
        var released = new[] { CaseStatus.Submitted.Name(), CaseStatus.Closed.Name() };
        var query = db.Filings.AsNoTracking().Where(f => f.AddressedTo == org && db.Cases.Any(c => c.Id == f.CaseId && released.Contains(c.Status)));
        if (status is not null)
        {
            if (Lifecycle.ParseFilingStatus(status) is not { } s)
            {
                return BadParameter("status", $"'{status}' is not a filing status; use one of {string.Join(", ", Lifecycle.FilingStatusNames)}");
            }

            var name = s.Name();
            query = query.Where(f => f.Status == name);
        }
        else
        {
            var open = OpenStatuses;
            query = query.Where(f => open.Contains(f.Status));
        }

        var offset = 0;
        if (cursor is not null && (!int.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            return BadParameter("cursor", "the cursor is not one this API gave; start again without it");
        }

        // Known deadlines first, then unknown ones: two index range scans on (addressed_to, deadline, id)
        // rather than one sort of every filing addressed to the organisation.
        var rows = await query.Where(f => f.Deadline != null).OrderBy(f => f.Deadline).ThenBy(f => f.Id).Skip(offset).Take(size + 1).ToListAsync(ct);
        if (rows.Count <= size)
        {
            var known = offset + rows.Count;
            if (rows.Count == 0 && offset > 0)
            {
                known = await query.CountAsync(f => f.Deadline != null, ct);
            }

            rows.AddRange(await query.Where(f => f.Deadline == null).OrderBy(f => f.Id).Skip(Math.Max(0, offset - known)).Take(size + 1 - rows.Count).ToListAsync(ct));
        }

        var caseIds = rows.Select(f => f.CaseId).Distinct().ToArray();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(Light).ToDictionaryAsync(c => c.Id, ct);
        var hosts = (await db.Filings.AsNoTracking().Where(f => caseIds.Contains(f.CaseId) && f.AddressedTo != null).Select(f => new { f.CaseId, f.AddressedTo }).Distinct().ToListAsync(ct))
            .ToLookup(x => x.CaseId, x => x.AddressedTo);
        var names = await OrganisationNamesAsync([org], ct);
        var views = rows.Take(size).Select(f => (f, r: Resource(cases[f.CaseId], hosts[f.CaseId])))
            .Where(x => Policy.Decide(actor, Operation.FilingRead, Of(x.r, x.f)).Allowed)
            .Select(x => View(actor, x.f, cases[x.f.CaseId], x.r, names)).ToArray();
        return new Page<FilingView>(views, rows.Count > size ? (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Tells the other side (and the rest of the actor's own organisation) about a change.</summary>
    private async Task NotifyAsync(CaseRecord c, FilingRecord? f, Actor actor, string text, CancellationToken ct)
    {
        var organisations = new List<Guid> { c.SendingOrganisationId };
        if (Lifecycle.IsReleased(Lifecycle.ParseCaseStatus(c.Status) ?? CaseStatus.Draft))
        {
            if (f?.AddressedTo is { } to)
            {
                organisations.Add(to);
            }
            else if (f is null)
            {
                organisations.AddRange(await db.Filings.Where(x => x.CaseId == c.Id && x.AddressedTo != null).Select(x => x.AddressedTo!.Value).Distinct().ToListAsync(ct));
            }
        }

        var users = await db.Users.AsNoTracking().Where(u => organisations.Contains(u.OrganisationId) && u.Id != actor.UserId).Select(u => u.Id).ToListAsync(ct);
        var now = Now;
        foreach (var user in users)
        {
            db.Notifications.Add(new NotificationRecord { Id = Guid.CreateVersion7(), UserId = user, CaseId = c.Id, FilingId = f?.Id, Text = text, CreatedAt = now });
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Refusal BadParameter(string parameter, string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid request parameter", detail, DiagnosticCodes.InvalidOption, new Dictionary<string, object?> { ["parameter"] = parameter });

    private static string Cursor(DateTime at, Guid id) => PageCursor.Encode(at, id);

    private static bool TryCursor(string cursor, out DateTime at, out Guid id) => PageCursor.TryDecode(cursor, out at, out id);
}
