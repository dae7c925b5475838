using Trellis.Ledger;

namespace Trellis.Cases;

/// <summary>Everything a user can do to users' data; the policy decides each from the actor and the resource.</summary>
public enum Operation
{
    PlanCreate,
    PlanRead,
    PlanEdit,
    PlanDelete,

    /// <summary>Open a case from a saved plan (the resource is the plan).</summary>
    CaseOpen,
    CaseRead,

    /// <summary>Edit the plan of a case; a submitted case is re-assessed.</summary>
    CaseAmend,

    /// <summary>Ask the sending organisation's approver to release the case (<c>draft → awaiting-approval</c>).</summary>
    CaseSubmit,

    /// <summary>Release the case to the host (<c>awaiting-approval → submitted</c>).</summary>
    CaseApprove,

    /// <summary>Send the case back to its planners (<c>awaiting-approval → draft</c>).</summary>
    CaseReturn,
    CaseClose,
    CaseComment,

    /// <summary>Read the history (audit records) of one case.</summary>
    CaseHistory,

    FilingRead,

    /// <summary>Move a filing to <see cref="FilingResource.To"/>.</summary>
    FilingTransition,
    FilingComment,
    FilingAttach,

    /// <summary>Read the whole audit log of a state (<see cref="StateResource"/>).</summary>
    AuditLogRead,
    OrgManage,
    UserManage,
    AuthorityMap,

    /// <summary>Enter a draft order (the resource is the order to be, in <see cref="OrderStatus.Draft"/>).</summary>
    OrderCreate,
    OrderRead,

    /// <summary>Read the history (audit records) and postings of one order.</summary>
    OrderHistory,

    /// <summary>Change a draft order's data.</summary>
    OrderEdit,

    /// <summary>Place the order with the supplier (<c>draft → ordered</c>): an approver listed among the order's authorised officials.</summary>
    OrderPlace,

    /// <summary>The supplier accepts (<c>ordered → accepted</c>).</summary>
    OrderAccept,

    /// <summary>Record a delivery, in full or in part (<c>→ partially-delivered</c> or <c>→ delivered</c>).</summary>
    OrderDeliver,

    /// <summary>Cancel what is still to deliver after a partial delivery (<c>partially-delivered → delivered</c>).</summary>
    OrderCancelRemainder,

    /// <summary>Confirm receipt (<c>delivered → received</c>): not by the person who placed the order.</summary>
    OrderReceive,

    /// <summary>Send the invoice of a cash order (<c>received → invoiced</c>).</summary>
    OrderInvoice,

    /// <summary>Notify the obligation of an order settled in kind, with its due date (<c>received → obligation-due</c>).</summary>
    OrderDeclareObligation,

    /// <summary>Confirm settlement (<c>invoiced</c> or <c>obligation-due → settled</c>).</summary>
    OrderSettle,

    /// <summary>Formal close-out (<c>settled → closed</c>).</summary>
    OrderClose,

    /// <summary>Cancel an order before anything is delivered (<c>→ cancelled</c>).</summary>
    OrderCancel,

    /// <summary>Clear the legal-review flags of an order (coverage no source gives): a legal adviser of either party's state.</summary>
    OrderClearReview,

    /// <summary>Set by hand a due date the agreement's terms do not give.</summary>
    OrderSetDueDate,
}

/// <summary>What an operation acts on, as far as the policy needs to know it.</summary>
public abstract record Resource;

/// <summary>A saved plan. A null owner is a plan saved before accounts existed: administrators only.</summary>
public sealed record PlanResource(Guid? OwnerOrganisationId, string? OwnerState) : Resource;

/// <summary>
/// A case: the sending organisation and its state, the host state, where the case stands, and the
/// host organisations its filings are addressed to (those read it once it is released).
/// </summary>
public sealed record CaseResource(Guid SendingOrganisationId, string SendingState, string HostState, CaseStatus Status, IReadOnlySet<Guid> HostOrganisations) : Resource;

/// <summary>
/// A filing of <see cref="Case"/>, addressed to a host organisation (null: no host organisation yet),
/// and — for <see cref="Operation.FilingTransition"/> — the status it is to move to.
/// </summary>
public sealed record FilingResource(CaseResource Case, Guid? AddressedTo, FilingStatus Status, FilingStatus? To = null) : Resource;

/// <summary>
/// A logistics order: the requesting organisation (state A) and the supplying organisation (state B), where the order
/// stands, the users listed as its authorised officials (who may place it), and who placed it (null before), for
/// separation of duties.
/// </summary>
public sealed record OrderResource(
    Guid RequestingOrganisationId,
    string RequestingState,
    Guid SupplyingOrganisationId,
    string SupplyingState,
    OrderStatus Status,
    IReadOnlySet<string> AuthorisedOfficials,
    string? OrderedBy) : Resource;

/// <summary>A state's organisations, users, authority mappings or audit log.</summary>
public sealed record StateResource(string State) : Resource;

public enum Outcome
{
    Allow,

    /// <summary>The actor may know the resource exists but may not do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>The actor must not learn that the resource exists (HTTP 404).</summary>
    NotFound,
}

/// <summary>The policy's answer, with a reason a user can act on when it is not <see cref="Outcome.Allow"/>.</summary>
public readonly record struct Decision(Outcome Outcome, string Reason)
{
    public static Decision Allow { get; } = new(Outcome.Allow, "");

    public bool Allowed => Outcome == Outcome.Allow;

    public static Decision Forbid(string reason) => new(Outcome.Forbidden, reason);

    /// <summary>Not found, with no reason that could leak anything.</summary>
    public static Decision Hidden { get; } = new(Outcome.NotFound, "not found");
}

/// <summary>
/// Who may do what: the one place that decides, from the actor (user, roles, organisation and its
/// state) and the resource (a plan, a case, a filing, a state's administration). Endpoints, pages
/// and commands call <see cref="Decide"/> and nothing else decides. What it says:
/// <list type="bullet">
/// <item>A case is seen by its sending organisation (every role); by the legal advisers, liaisons and
/// auditors of the sending state; and, once released, by the host organisations its filings are
/// addressed to and the legal advisers, liaisons and auditors of the host state. Anyone else gets
/// <see cref="Outcome.NotFound"/> for every operation on it: its existence does not leak.</item>
/// <item>The sending organisation's planners draft, amend and submit; its approvers release
/// (<see cref="Lifecycle.Cases"/>). Filing moves are made by the side and roles the
/// <see cref="Lifecycle.Filings"/> table names: host moves only by host reviewers of the organisation
/// the filing is addressed to.</item>
/// <item>Viewers and auditors change nothing; auditors read the audit log of their state;
/// administrators manage organisations, users and authority mappings of their own state.</item>
/// </list>
/// Whether the current status allows a move is the lifecycle's question (HTTP 409), asked after this.
/// </summary>
public static class Policy
{
    private static readonly Role[] StateWideReaders = [Role.LegalAdviser, Role.Liaison, Role.Auditor];
    private static readonly Role[] Commenters = [Role.Planner, Role.Approver, Role.HostReviewer, Role.LegalAdviser, Role.Liaison];

    public static Decision Decide(Actor actor, Operation operation, Resource resource) => resource switch
    {
        PlanResource plan => DecidePlan(actor, operation, plan),
        CaseResource @case => DecideCase(actor, operation, @case),
        FilingResource filing => DecideFiling(actor, operation, filing),
        StateResource state => DecideState(actor, operation, state),
        OrderResource order => DecideOrder(actor, operation, order),
        _ => throw new ArgumentException($"no policy for {resource.GetType().Name}", nameof(resource)),
    };

    /// <summary>How the actor stands to a case.</summary>
    private enum Standing
    {
        SendingOrganisation,
        SendingState,
        HostOrganisation,
        HostState,
        Unrelated,
    }

    private static Standing StandingOf(Actor actor, CaseResource c)
    {
        if (actor.OrganisationId == c.SendingOrganisationId)
        {
            return Standing.SendingOrganisation;
        }

        if (Lifecycle.IsReleased(c.Status) && c.HostOrganisations.Contains(actor.OrganisationId))
        {
            return Standing.HostOrganisation;
        }

        if (actor.State == c.SendingState)
        {
            return Standing.SendingState;
        }

        return Lifecycle.IsReleased(c.Status) && actor.State == c.HostState ? Standing.HostState : Standing.Unrelated;
    }

    private static bool CanSee(Actor actor, Standing standing) => standing switch
    {
        Standing.SendingOrganisation or Standing.HostOrganisation => actor.Roles.Count > 0,
        Standing.SendingState or Standing.HostState => StateWideReaders.Any(actor.Has),
        _ => false,
    };

    private static Decision DecidePlan(Actor actor, Operation operation, PlanResource plan)
    {
        if (plan.OwnerOrganisationId is null)
        {
            // Saved before accounts existed: administrators see it, assign it or delete it.
            return actor.Has(Role.Admin) && operation is Operation.PlanRead or Operation.PlanEdit or Operation.PlanDelete
                ? Decision.Allow
                : Decision.Hidden;
        }

        var ownOrganisation = plan.OwnerOrganisationId == actor.OrganisationId;
        var ownState = plan.OwnerState == actor.State;
        var readable = ownOrganisation && actor.Roles.Count > 0
            || ownState && (actor.Has(Role.LegalAdviser) || actor.Has(Role.Auditor) || actor.Has(Role.Admin));
        if (operation == Operation.PlanCreate)
        {
            return ownOrganisation && actor.Has(Role.Planner) ? Decision.Allow : Decision.Forbid("only a planner of the organisation can save its plans");
        }

        if (!readable)
        {
            return Decision.Hidden;
        }

        return operation switch
        {
            Operation.PlanRead => Decision.Allow,
            Operation.PlanEdit or Operation.CaseOpen => ownOrganisation && actor.Has(Role.Planner)
                ? Decision.Allow
                : Decision.Forbid("only a planner of the plan's organisation can change it or open a case from it"),
            Operation.PlanDelete => ownOrganisation && actor.Has(Role.Planner) || ownState && actor.Has(Role.Admin)
                ? Decision.Allow
                : Decision.Forbid("only a planner of the plan's organisation or an administrator of its state can delete it"),
            _ => throw Unrelated(operation, plan),
        };
    }

    private static Decision DecideCase(Actor actor, Operation operation, CaseResource @case)
    {
        var standing = StandingOf(actor, @case);
        if (!CanSee(actor, standing))
        {
            return Decision.Hidden;
        }

        var sendingOrganisation = standing == Standing.SendingOrganisation;
        return operation switch
        {
            Operation.CaseRead or Operation.CaseHistory => Decision.Allow,
            Operation.CaseAmend => sendingOrganisation && actor.Has(Role.Planner)
                ? Decision.Allow
                : Decision.Forbid("only a planner of the sending organisation can change the case's plan"),
            Operation.CaseSubmit or Operation.CaseApprove or Operation.CaseReturn or Operation.CaseClose =>
                sendingOrganisation && Lifecycle.Cases.Where(t => t.Operation == operation).Any(t => t.Roles.Any(actor.Has))
                    ? Decision.Allow
                    : Decision.Forbid($"only {RoleList(Lifecycle.Cases.Where(t => t.Operation == operation).SelectMany(t => t.Roles))} of the sending organisation can do this"),
            Operation.CaseComment => Commenters.Any(actor.Has) ? Decision.Allow : Decision.Forbid("viewers and auditors cannot comment"),
            _ => throw Unrelated(operation, @case),
        };
    }

    private static Decision DecideFiling(Actor actor, Operation operation, FilingResource filing)
    {
        var standing = StandingOf(actor, filing.Case);
        if (!CanSee(actor, standing))
        {
            return Decision.Hidden;
        }

        var side = standing == Standing.SendingOrganisation ? Side.Sending
            : standing == Standing.HostOrganisation && filing.AddressedTo == actor.OrganisationId ? Side.Host
            : (Side?)null;
        switch (operation)
        {
            case Operation.FilingRead:
                return Decision.Allow;
            case Operation.FilingComment:
                return Commenters.Any(actor.Has) ? Decision.Allow : Decision.Forbid("viewers and auditors cannot comment");
            case Operation.FilingAttach:
                return side == Side.Sending && (actor.Has(Role.Planner) || actor.Has(Role.Approver)) || side == Side.Host && actor.Has(Role.HostReviewer)
                    ? Decision.Allow
                    : Decision.Forbid("only the sending organisation's planners and approvers and the addressed host organisation's reviewers attach files");
            case Operation.FilingTransition:
                var to = filing.To ?? throw new ArgumentException("a filing transition names its target status", nameof(filing));
                var moves = Lifecycle.Filings.Where(t => t.To == to).ToArray();
                if (moves.Any(t => t.Side == side && t.Roles.Any(actor.Has)))
                {
                    return Decision.Allow;
                }

                var who = moves.Select(t => t.Side).Distinct().Select(s => s == Side.Host
                    ? $"{RoleList(moves.Where(t => t.Side == s).SelectMany(t => t.Roles))} of the host organisation the filing is addressed to"
                    : $"{RoleList(moves.Where(t => t.Side == s).SelectMany(t => t.Roles))} of the sending organisation");
                return Decision.Forbid($"only {string.Join(" or ", who)} can move a filing to {to.Name()}");
            default:
                throw Unrelated(operation, filing);
        }
    }

    private static Decision DecideState(Actor actor, Operation operation, StateResource state)
    {
        var ownState = string.Equals(actor.State, state.State, StringComparison.OrdinalIgnoreCase);
        return operation switch
        {
            Operation.AuditLogRead => ownState && actor.Has(Role.Auditor) ? Decision.Allow : Decision.Forbid("only an auditor of the state reads its audit log"),
            Operation.OrgManage or Operation.UserManage or Operation.AuthorityMap => ownState && actor.Has(Role.Admin)
                ? Decision.Allow
                : Decision.Forbid("only an administrator of the state manages its organisations, users and authority mappings"),
            _ => throw Unrelated(operation, state),
        };
    }

    /// <summary>
    /// Orders: seen by both organisations (every role; the supplier once the order is placed) and by the legal
    /// advisers, liaisons and auditors of both states; hidden from everyone else. Moves follow
    /// <see cref="OrderLifecycle.Moves"/> (side and roles); on top of that, the order is placed only by an approver
    /// listed among its authorised officials, and receipt is confirmed by someone other than who placed it.
    /// </summary>
    private static Decision DecideOrder(Actor actor, Operation operation, OrderResource order)
    {
        var side = actor.OrganisationId == order.RequestingOrganisationId ? OrderSide.Requesting
            : actor.OrganisationId == order.SupplyingOrganisationId && OrderLifecycle.IsPlaced(order.Status) ? OrderSide.Supplying
            : (OrderSide?)null;
        if (operation == Operation.OrderCreate)
        {
            return side == OrderSide.Requesting && (actor.Has(Role.Planner) || actor.Has(Role.Approver))
                ? Decision.Allow
                : Decision.Forbid("only a planner or approver of the requesting organisation can enter its orders");
        }

        var partyState = actor.State == order.RequestingState || actor.State == order.SupplyingState && OrderLifecycle.IsPlaced(order.Status);
        var sees = side is not null ? actor.Roles.Count > 0 : partyState && StateWideReaders.Any(actor.Has);
        if (!sees)
        {
            return Decision.Hidden;
        }

        switch (operation)
        {
            case Operation.OrderRead or Operation.OrderHistory:
                return Decision.Allow;
            case Operation.OrderEdit:
                return side == OrderSide.Requesting && (actor.Has(Role.Planner) || actor.Has(Role.Approver))
                    ? Decision.Allow
                    : Decision.Forbid("only a planner or approver of the requesting organisation can change the order");
            case Operation.OrderClearReview:
                return actor.Has(Role.LegalAdviser) && partyState
                    ? Decision.Allow
                    : Decision.Forbid("only a legal adviser of the requesting or supplying state clears a legal-review flag");
            case Operation.OrderSetDueDate:
                return side is not null && actor.Has(Role.Approver)
                    ? Decision.Allow
                    : Decision.Forbid("only an approver of the requesting or supplying organisation sets a due date by hand");
        }

        if (!OrderLifecycle.MoveOperations.Contains(operation))
        {
            throw Unrelated(operation, order);
        }

        // The rows for the order's status decide; with none (the lifecycle will refuse the move), every row of the operation.
        var rows = OrderLifecycle.Find(operation, order.Status) is { Count: > 0 } here ? here : OrderLifecycle.Moves.Where(t => t.Operation == operation).ToArray();
        if (!rows.Any(t => t.Side == side && t.Roles.Any(actor.Has)))
        {
            var who = rows.Select(t => t.Side).Distinct().Select(s =>
                $"{RoleList(rows.Where(t => t.Side == s).SelectMany(t => t.Roles))} of the {(s == OrderSide.Requesting ? "requesting" : "supplying")} organisation");
            return Decision.Forbid($"only {string.Join(" or ", who)} can {OrderLifecycle.ActionName(operation)[6..].Replace('-', ' ')} this order");
        }

        if (operation == Operation.OrderPlace && !order.AuthorisedOfficials.Contains(actor.UserId))
        {
            return Decision.Forbid("only an authorised official listed on the order can place it");
        }

        if (operation == Operation.OrderReceive && string.Equals(order.OrderedBy, actor.UserId, StringComparison.Ordinal))
        {
            return Decision.Forbid("separation of duties: receipt is confirmed by someone other than the person who placed the order");
        }

        return Decision.Allow;
    }

    private static string RoleList(IEnumerable<Role> roles) => string.Join(" or ", roles.Distinct().Select(r => r.Name() + "s"));

    private static ArgumentException Unrelated(Operation operation, Resource resource) =>
        new($"{operation} is not an operation on a {resource.GetType().Name}", nameof(operation));
}
