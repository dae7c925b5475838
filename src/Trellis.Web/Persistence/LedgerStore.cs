using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Cases;
using Trellis.Diagnostics;
using Trellis.Ledger;
using Trellis.Ledger.Terms;
using Trellis.Registry;
using Trellis.Rules;
using Trellis.Web.Endpoints;

namespace Trellis.Web.Persistence;

/// <summary>An order as entered through the API; the store resolves the organisations and officials, the core checks the rest.</summary>
/// <param name="Officials">User ids or e-mail addresses of the requesting side's authorised officials; null: the caller.</param>
public sealed record OrderEntryRequest(string? Agreement, Guid? RequestingOrg, Guid? SupplyingOrg, DateOnly? Date, string? Situation, string? Exercise,
    Guid? CaseId, string? Settlement, IReadOnlyList<OrderLineDraft>? Lines, IReadOnlyList<string>? Officials);

/// <summary>
/// The logistics ledger in the app's database (issue 12): the core's <see cref="OrderEntry"/> and <see cref="OrderMoves"/>
/// on orders stored in <c>orders</c>, <c>order_lines</c>, <c>order_parts</c> and <c>order_postings</c>. Every request asks
/// <see cref="Policy.Decide"/> first (an order the caller may not see is 404, as one that does not exist); every change
/// is one audit row of the existing chain (<see cref="AuditLog"/>, subject <c>order/{id}</c>, the core's action names and
/// snapshots) in the transaction of the change; changes need the version the caller read (If-Match).
/// </summary>
public sealed class LedgerStore(TrellisDb db, AgreementRegistry registry, LogisticsTermsBook book, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static Refusal NoOrder(Guid id) => new(StatusCodes.Status404NotFound, "Not found", $"there is no order {id} you can see; GET /api/ledger/orders lists yours", DiagnosticCodes.UnknownId);

    private static Refusal Refuse(Decision d, Guid id) => d.Outcome == Trellis.Cases.Outcome.NotFound
        ? NoOrder(id)
        : new(StatusCodes.Status403Forbidden, "Not allowed", d.Reason);

    /// <summary>
    /// The core's diagnostics as a problem: 409 for a move the lifecycle does not allow now (TRL521) or a settlement
    /// waiting for legal review (TRL522), else 422; <c>code</c> is the first error's, <c>diagnostics</c> all of them with their field.
    /// </summary>
    public static Refusal Refused(IReadOnlyList<Diagnostic> diagnostics, string title)
    {
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToArray();
        var first = errors[0];
        var status = first.Code is DiagnosticCodes.MoveNotInLifecycle or DiagnosticCodes.ReviewPending ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        var detail = errors.Length == 1 ? Where(first) : $"{errors.Length} errors; the first: {Where(first)}";
        return new(status, title, detail, first.Code, new Dictionary<string, object?> { ["diagnostics"] = diagnostics.Select(View).ToArray() });

        static string Where(Diagnostic d) => d.File is { } p ? $"{p}: {d.Message}" : d.Message;
    }

    private static LedgerDiagnosticView View(Diagnostic d) => new(d.Code, d.Severity == Severity.Error ? "error" : "warning", d.Message, d.File);

    // ---- entry --------------------------------------------------------------------------------

    /// <summary>Enters a draft order of the caller's organisation (<see cref="Operation.OrderCreate"/>, then the entry check).</summary>
    public async Task<Outcome<OrderDetail>> CreateAsync(Actor actor, OrderEntryRequest request, CancellationToken ct)
    {
        var requestingId = request.RequestingOrg ?? actor.OrganisationId;
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Id == requestingId || o.Id == request.SupplyingOrg)
            .ToDictionaryAsync(o => o.Id, o => o.State, ct);
        var requesting = orgs.TryGetValue(requestingId, out var rs) ? new OrganisationRef(requestingId, rs) : null;
        var decision = Policy.Decide(actor, Operation.OrderCreate,
            new OrderResource(requestingId, rs ?? "", request.SupplyingOrg ?? Guid.Empty, "", OrderStatus.Draft, new HashSet<string>(), null));
        if (!decision.Allowed || requesting is null)
        {
            return new Refusal(StatusCodes.Status403Forbidden, "Not allowed", decision.Allowed ? "the requesting organisation does not exist" : decision.Reason);
        }

        var pre = new List<Diagnostic>();
        OrganisationRef? supplying = null;
        if (request.SupplyingOrg is { } sid)
        {
            if (orgs.TryGetValue(sid, out var ss))
            {
                supplying = new(sid, ss);
            }
            else
            {
                pre.Add(Diagnostic.Error(DiagnosticCodes.InvalidOrderValue, $"there is no organisation {sid}: GET /api/organisations of the supplying state lists them", "supplyingOrg"));
            }
        }

        var officials = new List<AuthorisedOfficial>();
        foreach (var who in request.Officials ?? [actor.UserId])
        {
            var normalized = who.Trim().ToUpperInvariant();
            var user = await db.Users.AsNoTracking().Where(u => u.Id == who || u.NormalizedEmail == normalized)
                .Select(u => new { u.Id, u.Email, u.OrganisationId }).FirstOrDefaultAsync(ct);
            if (user is null || user.OrganisationId != requestingId)
            {
                pre.Add(Diagnostic.Error(DiagnosticCodes.InvalidOrderValue, $"'{who}' is not a user of the requesting organisation: an authorised official signs for it", "officials"));
            }
            else
            {
                officials.Add(new(user.Id, OrderSide.Requesting, user.Email));
            }
        }

        var draft = new OrderDraft(request.Agreement, requesting, supplying, request.Date, new(request.Situation, request.Exercise, request.CaseId),
            request.Settlement, request.Lines, officials);
        var entry = OrderEntry.Check(draft, registry, book, Guid.CreateVersion7());
        var all = pre.Concat(entry.Diagnostics).ToArray();
        if (entry.Order is not { } order || pre.Count > 0)
        {
            return Refused(all, "The order is refused");
        }

        var now = Now;
        var outcome = await AuditLog.WriteAsync<bool>(db, async () =>
        {
            var record = new OrderRecord { Id = order.Id, CreatedBy = actor.UserId, CreatedAt = now, Version = 0 };
            Write(record, order, now);
            db.Orders.Add(record);
            db.OrderLines.AddRange(order.Lines.Select(l => LineRecord(order.Id, l)));
            await AuditLog.AppendAsync(db, now, actor.UserId, OrderLifecycle.ActionName(Operation.OrderCreate), Subject(order.Id), order.Situation.CaseId,
                null, OrderLedger.Snapshot(order), ct);
            return true;
        }, ct);
        return outcome.Refusal is { } r ? r : await GetAsync(actor, order.Id, ct, all.Where(d => d.Severity != Severity.Error).ToArray());
    }

    // ---- reading ------------------------------------------------------------------------------

    /// <summary>One order with its history and postings.</summary>
    public async Task<Outcome<OrderDetail>> GetAsync(Actor actor, Guid id, CancellationToken ct, IReadOnlyList<Diagnostic>? warnings = null)
    {
        var loaded = await LoadAsync(id, track: false, ct);
        if (loaded is not var (record, order) || Policy.Decide(actor, Operation.OrderRead, order.AsResource()) is { Allowed: false } d)
        {
            return NoOrder(id);
        }

        var names = await NamesAsync([order], ct);
        var history = Policy.Decide(actor, Operation.OrderHistory, order.AsResource()).Allowed ? await HistoryAsync(id, ct) : [];
        var postings = (await db.OrderPostings.AsNoTracking().Where(p => p.OrderId == id).ToListAsync(ct))
            .GroupBy(p => p.SetNumber).OrderBy(g => g.Key)
            .Select(g => new PostingSetView(g.Key, g.First().Day, g.First().Action, g.OrderBy(p => p.Index).Select(p =>
            {
                var account = AccountOf(p);
                return new PostingView(account.ToString(), p.Kind, p.Holder, p.Counterparty, new(p.Amount, p.Currency));
            }).ToArray())).ToArray();
        return new OrderDetail(View(actor, record, order, names), history, postings,
            (warnings ?? []).Select(w => new Problems.DiagnosticView(w.Code, "warning", w.File is { } p ? $"{p}: {w.Message}" : w.Message, null)).ToArray());
    }

    /// <summary>
    /// The orders of an organisation (default: the caller's) the caller can see, most recently changed first; either
    /// side's. <paramref name="status"/> filters by status name.
    /// </summary>
    public async Task<Outcome<Page<OrderView>>> ListAsync(Actor actor, Guid? organisation, string? status, int? limit, CancellationToken ct)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "Invalid request parameter", $"limit must be between 1 and {MaxPageSize}", DiagnosticCodes.InvalidOption);
        }

        string? statusName = null;
        if (status is not null)
        {
            if (OrderLifecycle.ParseStatus(status) is not { } s)
            {
                return new Refusal(StatusCodes.Status400BadRequest, "Invalid request parameter",
                    $"status: '{status}' is not an order status; use one of {string.Join(", ", OrderLifecycle.StatusNames)}", DiagnosticCodes.InvalidOption,
                    new Dictionary<string, object?> { ["parameter"] = "status" });
            }

            statusName = s.Name();
        }

        var org = organisation ?? actor.OrganisationId;
        var state = actor.State;
        var query = db.Orders.AsNoTracking().Where(o => (o.RequestingOrganisationId == org || o.SupplyingOrganisationId == org)
            && (o.RequestingState == state || o.SupplyingState == state));
        if (statusName is not null)
        {
            query = query.Where(o => o.Status == statusName);
        }

        var orders = await RebuildAsync(await query.OrderByDescending(o => o.UpdatedAt).ThenBy(o => o.Id).Take(size * 4).ToListAsync(ct), ct);
        var visible = orders.Where(x => Policy.Decide(actor, Operation.OrderRead, x.Order.AsResource()).Allowed).Take(size).ToArray();
        var names = await NamesAsync(visible.Select(v => v.Order), ct);
        return new Page<OrderView>(visible.Select(v => View(actor, v.Record, v.Order, names)).ToArray(), null);
    }

    /// <summary>
    /// Every order the caller can read in which the caller's state is a party, narrowed to the pair (both directions) when
    /// given. The policy decides each; the state filter is only its first cut in SQL (no one sees an order of two other states).
    /// </summary>
    public async Task<IReadOnlyList<(OrderRecord Record, Order Order)>> VisibleAsync(Actor actor, (string A, string B)? pair, CancellationToken ct)
    {
        var state = actor.State;
        var query = db.Orders.AsNoTracking().Where(o => o.RequestingState == state || o.SupplyingState == state);
        if (pair is var (a, b))
        {
            query = query.Where(o => (o.RequestingState == a && o.SupplyingState == b) || (o.RequestingState == b && o.SupplyingState == a));
        }

        var orders = await RebuildAsync(await query.ToListAsync(ct), ct);
        return orders.Where(x => Policy.Decide(actor, Operation.OrderRead, x.Order.AsResource()).Allowed).ToArray();
    }

    /// <summary>The balances of the accounts of the orders the caller can read (the pair's, in one currency, when given).</summary>
    public async Task<BalancesView> BalancesAsync(Actor actor, (string A, string B)? pair, Currency? currency, CancellationToken ct)
    {
        var orders = await VisibleAsync(actor, pair, ct);
        var sets = await PostingSetsAsync(orders.Select(o => o.Order.Id).ToArray(), ct);
        var balances = Balances.Of(sets).Where(b => currency is null || b.Account.Currency == currency)
            .Select(b => new BalanceView(b.Account.ToString(), b.Account.Kind == AccountKind.Receivable ? "receivable" : "payable", b.Account.Holder,
                b.Account.Counterparty, MoneyView.Of(b.Balance))).ToArray();
        return new(pair is var (a, b2) ? $"{a}-{b2}" : null, currency?.Code, orders.Count, balances);
    }

    /// <summary>The ageing report on <paramref name="asOf"/> (default today by the app's clock) of the orders the caller can read.</summary>
    public async Task<AgeingView> AgeingAsync(Actor actor, (string A, string B)? pair, Currency? currency, DateOnly? asOf, CancellationToken ct)
    {
        var day = asOf ?? clock.Today();
        var orders = await VisibleAsync(actor, pair, ct);
        var rows = Ageing.Report(Obligation.Of(orders.Select(o => o.Order)).Where(o => currency is null || o.Value.Currency == currency), day)
            .Select(r => new AgeingRowView(r.Creditor, r.Debtor, r.Currency.Code, r.Bucket.Name(), r.NotYetDue.Amount, r.Overdue.Amount, r.DueUnknown.Amount, r.Total.Amount, r.Count))
            .ToArray();
        return new(day, pair is var (a, b) ? $"{a}-{b}" : null, currency?.Code, rows);
    }

    /// <summary>Every posting set of <paramref name="orders"/>, rebuilt as the core's (each balanced, or the constructor throws).</summary>
    public async Task<IReadOnlyList<PostingSet>> PostingSetsAsync(IReadOnlyCollection<Guid> orders, CancellationToken ct)
    {
        var rows = new List<OrderPostingRecord>();
        foreach (var chunk in orders.Chunk(500))
        {
            rows.AddRange(await db.OrderPostings.AsNoTracking().Where(p => chunk.Contains(p.OrderId)).ToListAsync(ct));
        }

        return rows.GroupBy(p => (p.OrderId, p.SetNumber)).OrderBy(g => g.Key.OrderId).ThenBy(g => g.Key.SetNumber)
            .Select(g => new PostingSet(g.Key.OrderId, g.Key.SetNumber, g.First().Day, g.First().Action,
                g.OrderBy(p => p.Index).Select(p => new Posting(AccountOf(p), new Money(p.Amount, Currencies.Find(p.Currency)!))).ToArray()))
            .ToArray();
    }

    // ---- changes ------------------------------------------------------------------------------

    /// <summary>
    /// Makes a move of the lifecycle from the version the caller read, on business day <paramref name="day"/> (default
    /// today); for a delivery, <paramref name="quantities"/> per line number (null: everything outstanding).
    /// </summary>
    public Task<Outcome<OrderDetail>> MoveAsync(Actor actor, Guid id, Operation operation, int? ifMatch, DateOnly? day, IReadOnlyDictionary<int, decimal>? quantities, CancellationToken ct) =>
        ChangeAsync(actor, id, operation, ifMatch, (order, sets) => OrderMoves.Apply(order, operation, actor.UserId, day ?? clock.Today(), quantities, sets + 1), ct);

    /// <summary>Clears the legal-review flags (a legal adviser of either state).</summary>
    public Task<Outcome<OrderDetail>> ClearReviewAsync(Actor actor, Guid id, int? ifMatch, CancellationToken ct) =>
        ChangeAsync(actor, id, Operation.OrderClearReview, ifMatch, (order, _) => OrderMoves.ClearReview(order, actor.UserId), ct);

    /// <summary>Sets by hand the due date the agreement's terms do not give.</summary>
    public Task<Outcome<OrderDetail>> SetDueDateAsync(Actor actor, Guid id, int? ifMatch, DateOnly due, CancellationToken ct) =>
        ChangeAsync(actor, id, Operation.OrderSetDueDate, ifMatch, (order, _) => OrderMoves.SetDueDate(order, due), ct);

    private async Task<Outcome<OrderDetail>> ChangeAsync(Actor actor, Guid id, Operation operation, int? ifMatch, Func<Order, int, MoveResult> step, CancellationToken ct)
    {
        var outcome = await AuditLog.WriteAsync<bool>(db, async () =>
        {
            var loaded = await LoadAsync(id, track: true, ct);
            if (loaded is not var (record, order))
            {
                return NoOrder(id);
            }

            var decision = Policy.Decide(actor, operation, order.AsResource());
            if (!decision.Allowed)
            {
                return Refuse(decision, id);
            }

            if (ifMatch is null)
            {
                return new Refusal(StatusCodes.Status428PreconditionRequired, "If-Match required",
                    "send If-Match with the ETag of the order as you read it (GET /api/ledger/orders/{id} returns it), so that a concurrent change is not overwritten");
            }

            if (ifMatch != record.Version)
            {
                return CaseStore.Stale("Order", record.Version);
            }

            var sets = await db.OrderPostings.Where(p => p.OrderId == id).Select(p => (int?)p.SetNumber).MaxAsync(ct) ?? 0;
            var result = step(order, sets);
            if (result.After is not { } after)
            {
                return Refused(result.Diagnostics, "Not possible");
            }

            var now = Now;
            Write(record, after, now);
            var lines = await db.OrderLines.Where(l => l.OrderId == id).ToListAsync(ct);
            foreach (var line in after.Lines)
            {
                var row = lines.First(l => l.Number == line.Number);
                row.Delivered = line.Delivered;
                row.Cancelled = line.Cancelled;
            }

            var parts = await db.OrderParts.Where(p => p.OrderId == id).ToListAsync(ct);
            foreach (var part in after.Parts)
            {
                if (parts.FirstOrDefault(p => p.Delivery == part.Delivery && p.Line == part.Line) is { } row)
                {
                    row.Due = part.Due;
                }
                else
                {
                    db.OrderParts.Add(new OrderPartRecord
                    {
                        OrderId = id, Delivery = part.Delivery, Line = part.Line, Day = part.Day, Quantity = part.Quantity,
                        Value = part.Value.Amount, Currency = part.Value.Currency.Code, Due = part.Due,
                    });
                }
            }

            if (result.Postings is { Postings.Count: > 0 } set)
            {
                db.OrderPostings.AddRange(set.Postings.Select((p, i) => new OrderPostingRecord
                {
                    OrderId = id, SetNumber = set.Number, Index = i + 1, Day = set.Day, Action = set.Action,
                    Kind = p.Account.Kind == AccountKind.Receivable ? "receivable" : "payable", Holder = p.Account.Holder,
                    Counterparty = p.Account.Counterparty, Currency = p.Account.Currency.Code, Amount = p.Amount.Amount,
                }));
            }

            await AuditLog.AppendAsync(db, now, actor.UserId, OrderLifecycle.ActionName(operation), Subject(id), after.Situation.CaseId,
                OrderLedger.Snapshot(order), OrderLedger.Snapshot(after), ct);
            return true;
        }, ct);
        return outcome.Refusal is { } r ? r : await GetAsync(actor, id, ct);
    }

    // ---- records ⇄ orders ---------------------------------------------------------------------

    private static string Subject(Guid id) => $"order/{id:D}";

    private static Account AccountOf(OrderPostingRecord p) =>
        new(p.Kind == "receivable" ? AccountKind.Receivable : AccountKind.Payable, p.Holder, p.Counterparty, Currencies.Find(p.Currency)!);

    private static void Write(OrderRecord r, Order o, DateTime now)
    {
        r.AgreementId = o.AgreementId;
        r.RequestingOrganisationId = o.Requesting.Id;
        r.RequestingState = o.Requesting.State;
        r.SupplyingOrganisationId = o.Supplying.Id;
        r.SupplyingState = o.Supplying.State;
        r.Date = o.Date;
        r.Situation = o.Situation.Situation;
        r.ExerciseId = o.Situation.ExerciseId;
        r.CaseId = o.Situation.CaseId;
        r.Settlement = o.Settlement;
        r.Status = o.Status.Name();
        r.OrderedBy = o.OrderedBy;
        r.ReviewClearedBy = o.ReviewClearedBy;
        r.ClaimedOn = o.ClaimedOn;
        r.SettledOn = o.SettledOn;
        r.FlagsJson = JsonSerializer.Serialize(o.Flags, Compact);
        r.OfficialsJson = JsonSerializer.Serialize(o.Officials, Compact);
        r.UpdatedAt = now;
        r.Version++;
    }

    private static OrderLineRecord LineRecord(Guid orderId, OrderLine l) => new()
    {
        OrderId = orderId, Number = l.Number, Category = l.Category, Kind = l.Kind, Description = l.Description, Quantity = l.Quantity, Unit = l.Unit,
        UnitPrice = l.UnitPrice, Currency = l.Currency.Code, Amount = l.Amount.Amount,
        BasisJson = l.Basis is null ? null : JsonSerializer.Serialize(l.Basis, Compact),
        TimeLimitJson = l.TimeLimit is null ? null : JsonSerializer.Serialize(l.TimeLimit, Compact),
        Delivered = l.Delivered, Cancelled = l.Cancelled,
    };

    private async Task<(OrderRecord Record, Order Order)?> LoadAsync(Guid id, bool track, CancellationToken ct)
    {
        var record = await (track ? db.Orders : db.Orders.AsNoTracking()).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (record is null)
        {
            return null;
        }

        return (await RebuildAsync([record], ct))[0];
    }

    /// <summary>The core's orders of <paramref name="records"/>, with their lines and delivered parts.</summary>
    private async Task<IReadOnlyList<(OrderRecord Record, Order Order)>> RebuildAsync(IReadOnlyList<OrderRecord> records, CancellationToken ct)
    {
        var lines = new List<OrderLineRecord>();
        var parts = new List<OrderPartRecord>();
        foreach (var chunk in records.Select(r => r.Id).Chunk(500))
        {
            lines.AddRange(await db.OrderLines.AsNoTracking().Where(l => chunk.Contains(l.OrderId)).ToListAsync(ct));
            parts.AddRange(await db.OrderParts.AsNoTracking().Where(p => chunk.Contains(p.OrderId)).ToListAsync(ct));
        }

        var linesOf = lines.ToLookup(l => l.OrderId);
        var partsOf = parts.ToLookup(p => p.OrderId);
        return records.Select(r => (r, Rebuild(r, linesOf[r.Id], partsOf[r.Id]))).ToArray();
    }

    private static Order Rebuild(OrderRecord r, IEnumerable<OrderLineRecord> lines, IEnumerable<OrderPartRecord> parts) =>
        new(r.Id, r.AgreementId, new(r.RequestingOrganisationId, r.RequestingState), new(r.SupplyingOrganisationId, r.SupplyingState), r.Date,
            new(r.Situation, r.ExerciseId, r.CaseId), r.Settlement,
            lines.OrderBy(l => l.Number).Select(l =>
            {
                var currency = Currencies.Find(l.Currency)!;
                return new OrderLine(l.Number, l.Category, l.Kind, l.Description, l.Quantity, l.Unit, l.UnitPrice, currency, new Money(l.Amount, currency),
                    l.BasisJson is null ? null : JsonSerializer.Deserialize<Citation>(l.BasisJson, Compact),
                    l.TimeLimitJson is null ? null : JsonSerializer.Deserialize<TimeLimit>(l.TimeLimitJson, Compact), l.Delivered, l.Cancelled);
            }).ToArray(),
            JsonSerializer.Deserialize<AuthorisedOfficial[]>(r.OfficialsJson, Compact)!,
            JsonSerializer.Deserialize<ReviewFlag[]>(r.FlagsJson, Compact)!)
        {
            Status = OrderLifecycle.ParseStatus(r.Status) ?? OrderStatus.Draft,
            OrderedBy = r.OrderedBy,
            ReviewClearedBy = r.ReviewClearedBy,
            ClaimedOn = r.ClaimedOn,
            SettledOn = r.SettledOn,
            Parts = parts.OrderBy(p => p.Delivery).ThenBy(p => p.Line)
                .Select(p => new DeliveredPart(p.Delivery, p.Line, p.Day, p.Quantity, new Money(p.Value, Currencies.Find(p.Currency)!), p.Due)).ToArray(),
        };

    private async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid id, CancellationToken ct)
    {
        var subject = Subject(id);
        var rows = await db.AuditLog.AsNoTracking().Where(a => a.Subject == subject).OrderBy(a => a.Sequence).ToListAsync(ct);
        var users = rows.Select(r => r.Actor).Distinct().ToArray();
        var emails = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
        return rows.Select(r => new HistoryEntry(r.Sequence, r.At, emails.GetValueOrDefault(r.Actor, r.Actor), r.Action, r.Subject, r.Before, r.After, r.Hash)).ToArray();
    }

    private async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Order> orders, CancellationToken ct)
    {
        var ids = orders.SelectMany(o => new[] { o.Requesting.Id, o.Supplying.Id }).Distinct().ToArray();
        return await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    /// <summary>The <c>to</c> of a transition for each move operation.</summary>
    public static readonly IReadOnlyDictionary<string, Operation> Transitions = new Dictionary<string, Operation>(StringComparer.OrdinalIgnoreCase)
    {
        ["ordered"] = Operation.OrderPlace,
        ["accepted"] = Operation.OrderAccept,
        ["delivered"] = Operation.OrderDeliver,
        ["partially-delivered"] = Operation.OrderDeliver,
        ["received"] = Operation.OrderReceive,
        ["invoiced"] = Operation.OrderInvoice,
        ["obligation-due"] = Operation.OrderDeclareObligation,
        ["settled"] = Operation.OrderSettle,
        ["closed"] = Operation.OrderClose,
        ["cancelled"] = Operation.OrderCancel,
    };

    /// <summary>What the caller may do now: the policy allows it and the lifecycle has a move for it from the status (guards included).</summary>
    private static IReadOnlyList<string> Allowed(Actor actor, Order order)
    {
        var resource = order.AsResource();
        var allowed = new List<string>();
        foreach (var t in OrderLifecycle.From(order.Status))
        {
            if (t.Guard == OrderGuard.Cash && !order.IsCash || t.Guard == OrderGuard.InKind && order.IsCash || !Policy.Decide(actor, t.Operation, resource).Allowed)
            {
                continue;
            }

            var name = t.Operation == Operation.OrderCancelRemainder ? "cancel-remainder" : t.Operation == Operation.OrderDeliver ? "delivered" : t.To.Name();
            if (!allowed.Contains(name))
            {
                allowed.Add(name);
            }
        }

        if (order.ReviewPending && !OrderLifecycle.IsFinal(order.Status) && Policy.Decide(actor, Operation.OrderClearReview, resource).Allowed)
        {
            allowed.Add("clear-review");
        }

        if (order.Parts.Any(p => p.Due is null) && order.Status != OrderStatus.Settled && !OrderLifecycle.IsFinal(order.Status)
            && Policy.Decide(actor, Operation.OrderSetDueDate, resource).Allowed)
        {
            allowed.Add("set-due-date");
        }

        return allowed;
    }

    private static OrderView View(Actor actor, OrderRecord r, Order o, IReadOnlyDictionary<Guid, string> names) =>
        new(o.Id, o.AgreementId, new(o.Requesting.Id, names.GetValueOrDefault(o.Requesting.Id, ""), o.Requesting.State),
            new(o.Supplying.Id, names.GetValueOrDefault(o.Supplying.Id, ""), o.Supplying.State), o.Date, o.Situation.Situation, o.Situation.ExerciseId,
            o.Situation.CaseId, o.Settlement, o.Status.Name(),
            o.Lines.Select(l => new OrderLineView(l.Number, l.Category, l.Kind, l.Description, l.Quantity, l.Unit, l.UnitPrice, l.Currency.Code, l.Amount.Amount,
                l.Delivered, l.Cancelled, l.Outstanding, l.Basis is { } b ? new(b.Instrument, b.Article, b.Paragraph, b.Url) : null, l.TimeLimit?.ToString())).ToArray(),
            o.Parts.Select(p => new OrderPartView(p.Delivery, p.Line, p.Day, p.Quantity, MoneyView.Of(p.Value), p.Due)).ToArray(),
            o.Open().Select(MoneyView.Of).ToArray(),
            o.Flags.Select(f => new OrderFlagView(f.Code, f.Field, f.Reason)).ToArray(), o.ReviewPending, o.ReviewClearedBy, o.OrderedBy,
            o.Officials.Select(x => new OrderOfficialView(x.UserId, x.Side == OrderSide.Requesting ? "requesting" : "supplying", x.Name)).ToArray(),
            o.ClaimedOn, o.SettledOn, Allowed(actor, o), r.CreatedAt, r.UpdatedAt, r.Version);
}

/// <summary>One diagnostic of a refused order or move, with the field it is in (<c>lines[2].category</c>).</summary>
public sealed record LedgerDiagnosticView(string Code, string Severity, string Message, string? Field);
