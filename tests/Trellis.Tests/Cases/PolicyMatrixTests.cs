using Trellis.Cases;
using Trellis.Ledger;

namespace Trellis.Tests.Cases;

/// <summary>
/// The authorisation matrix: every role × every operation × every standing of the actor towards the
/// resource (its own organisation, another organisation of its state, the host organisation a filing
/// is addressed to, another organisation of the host state, a third state), on a case before and
/// after its release — compared with one table written here, independently of the policy.
/// </summary>
public class PolicyMatrixTests
{
    private const string Gbr = "GBR", Jpn = "JPN", Fra = "FRA";
    private static readonly Guid UkMod = Guid.Parse("00000000-0000-0000-0000-00000000a001");
    private static readonly Guid UkEmbassy = Guid.Parse("00000000-0000-0000-0000-00000000a002");
    private static readonly Guid JpnJointStaff = Guid.Parse("00000000-0000-0000-0000-00000000b001");
    private static readonly Guid JpnMofa = Guid.Parse("00000000-0000-0000-0000-00000000b002");
    private static readonly Guid FraMod = Guid.Parse("00000000-0000-0000-0000-00000000c001");

    /// <summary>Where the actor stands; its organisation and state follow from it.</summary>
    public enum Standing { OwnOrganisation, OwnState, HostOrganisation, HostState, ThirdState }

    private static (Guid Organisation, string State) Place(Standing s) => s switch
    {
        Standing.OwnOrganisation => (UkMod, Gbr),
        Standing.OwnState => (UkEmbassy, Gbr),
        Standing.HostOrganisation => (JpnJointStaff, Jpn),
        Standing.HostState => (JpnMofa, Jpn),
        _ => (FraMod, Fra),
    };

    // Who may, per standing on a RELEASED case: "*" every role, "-" nobody, else role names.
    // A standing that cannot read the case gets NotFound for everything (its existence does not leak);
    // one that can read but may not act gets Forbidden. A third state never sees anything.
    private const string StateReaders = "legal-adviser liaison auditor";
    private const string Commenters = "planner approver host-reviewer legal-adviser liaison";

    private static readonly (Operation Operation, string OwnOrganisation, string OwnState, string HostOrganisation, string HostState)[] CaseTable =
    [
        (Operation.CaseRead, "*", StateReaders, "*", StateReaders),
        (Operation.CaseHistory, "*", StateReaders, "*", StateReaders),
        (Operation.CaseAmend, "planner", "-", "-", "-"),
        (Operation.CaseSubmit, "planner", "-", "-", "-"),
        (Operation.CaseApprove, "approver", "-", "-", "-"),
        (Operation.CaseReturn, "approver", "-", "-", "-"),
        (Operation.CaseClose, "planner approver", "-", "-", "-"),
        (Operation.CaseComment, Commenters, "legal-adviser liaison", Commenters, "legal-adviser liaison"),
        (Operation.FilingRead, "*", StateReaders, "*", StateReaders),
        (Operation.FilingComment, Commenters, "legal-adviser liaison", Commenters, "legal-adviser liaison"),
        (Operation.FilingAttach, "planner approver", "-", "host-reviewer", "-"),
    ];

    // Filing moves by target status: sending side = own organisation, host side = the addressed organisation.
    private static readonly (FilingStatus To, string OwnOrganisation, string HostOrganisation)[] MoveTable =
    [
        (FilingStatus.UnderReview, "-", "host-reviewer"),
        (FilingStatus.NeedMoreInfo, "-", "host-reviewer"),
        (FilingStatus.Approved, "-", "host-reviewer"),
        (FilingStatus.ApprovedWithRestrictions, "-", "host-reviewer"),
        (FilingStatus.Denied, "-", "host-reviewer"),
        (FilingStatus.Submitted, "planner approver", "-"),
        (FilingStatus.Withdrawn, "planner approver", "-"),
        (FilingStatus.Draft, "-", "-"),
    ];

    private static bool Lists(string cell, Role role) => cell == "*" || cell.Split(' ').Contains(role.Name());

    private static string Cell(Standing s, (Operation Operation, string OwnOrganisation, string OwnState, string HostOrganisation, string HostState) row) => s switch
    {
        Standing.OwnOrganisation => row.OwnOrganisation,
        Standing.OwnState => row.OwnState,
        Standing.HostOrganisation => row.HostOrganisation,
        Standing.HostState => row.HostState,
        _ => "-",
    };

    private static Outcome Expected(Role role, Standing s, CaseStatus status, string cell)
    {
        var readRow = CaseTable.Single(r => r.Operation == Operation.CaseRead);
        var hostSide = s is Standing.HostOrganisation or Standing.HostState;
        var sees = Lists(Cell(s, readRow), role) && !(hostSide && !Lifecycle.IsReleased(status));
        return !sees ? Outcome.NotFound : Lists(cell, role) ? Outcome.Allow : Outcome.Forbidden;
    }

    private static CaseResource Case(CaseStatus status) => new(UkMod, Gbr, Jpn, status, new HashSet<Guid> { JpnJointStaff });

    private static Actor ActorAt(Standing s, Role role)
    {
        var (organisation, state) = Place(s);
        return new Actor($"{s}-{role}", organisation, state, [role]);
    }

    public static TheoryData<Role, Standing, CaseStatus> Cells()
    {
        var data = new TheoryData<Role, Standing, CaseStatus>();
        foreach (var role in Roles.All)
        {
            foreach (var s in Enum.GetValues<Standing>())
            {
                foreach (var status in Enum.GetValues<CaseStatus>())
                {
                    data.Add(role, s, status);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void CaseAndFilingOperations_FollowTheTable(Role role, Standing standing, CaseStatus status)
    {
        var actor = ActorAt(standing, role);
        var @case = Case(status);
        var filing = new FilingResource(@case, JpnJointStaff, FilingStatus.Submitted);
        foreach (var row in CaseTable)
        {
            Resource resource = row.Operation.ToString().StartsWith("Filing", StringComparison.Ordinal) ? filing : @case;
            var expected = Expected(role, standing, status, Cell(standing, row));
            Assert.True(expected == Policy.Decide(actor, row.Operation, resource).Outcome,
                $"{role.Name()} at {standing} on a {status.Name()} case, {row.Operation}: expected {expected}");
        }

        foreach (var (to, ownOrganisation, hostOrganisation) in MoveTable)
        {
            var cell = standing == Standing.OwnOrganisation ? ownOrganisation : standing == Standing.HostOrganisation ? hostOrganisation : "-";
            var expected = Expected(role, standing, status, cell);
            Assert.True(expected == Policy.Decide(actor, Operation.FilingTransition, filing with { To = to }).Outcome,
                $"{role.Name()} at {standing} on a {status.Name()} case, filing to {to.Name()}: expected {expected}");
        }
    }

    public static TheoryData<Role, Standing> RolesAndStandings()
    {
        var data = new TheoryData<Role, Standing>();
        foreach (var role in Roles.All)
        {
            foreach (var s in Enum.GetValues<Standing>())
            {
                data.Add(role, s);
            }
        }

        return data;
    }

    // Plans belong to their organisation (own organisation = owner, own state = another organisation of
    // the owner's state, the rest unrelated); administration belongs to a state.
    [Theory]
    [MemberData(nameof(RolesAndStandings))]
    public void PlanAndStateOperations_FollowTheTable(Role role, Standing standing)
    {
        var actor = ActorAt(standing, role);
        var plan = new PlanResource(UkMod, Gbr);
        var reads = standing == Standing.OwnOrganisation || standing == Standing.OwnState && role is Role.LegalAdviser or Role.Auditor or Role.Admin;
        Outcome PlanOutcome(bool allowed) => allowed ? Outcome.Allow : reads ? Outcome.Forbidden : Outcome.NotFound;

        Assert.Equal(reads ? Outcome.Allow : Outcome.NotFound, Policy.Decide(actor, Operation.PlanRead, plan).Outcome);
        Assert.Equal(PlanOutcome(standing == Standing.OwnOrganisation && role == Role.Planner), Policy.Decide(actor, Operation.PlanEdit, plan).Outcome);
        Assert.Equal(PlanOutcome(standing == Standing.OwnOrganisation && role == Role.Planner), Policy.Decide(actor, Operation.CaseOpen, plan).Outcome);
        Assert.Equal(PlanOutcome(standing == Standing.OwnOrganisation && role == Role.Planner || standing is Standing.OwnOrganisation or Standing.OwnState && role == Role.Admin),
            Policy.Decide(actor, Operation.PlanDelete, plan).Outcome);
        Assert.Equal(standing == Standing.OwnOrganisation && role == Role.Planner ? Outcome.Allow : Outcome.Forbidden,
            Policy.Decide(actor, Operation.PlanCreate, plan).Outcome);

        var unassigned = new PlanResource(null, null);
        Assert.Equal(role == Role.Admin ? Outcome.Allow : Outcome.NotFound, Policy.Decide(actor, Operation.PlanRead, unassigned).Outcome);

        var gbr = new StateResource(Gbr);
        var ownState = standing is Standing.OwnOrganisation or Standing.OwnState;
        foreach (var operation in new[] { Operation.OrgManage, Operation.UserManage, Operation.AuthorityMap })
        {
            Assert.Equal(ownState && role == Role.Admin ? Outcome.Allow : Outcome.Forbidden, Policy.Decide(actor, operation, gbr).Outcome);
        }

        Assert.Equal(ownState && role == Role.Auditor ? Outcome.Allow : Outcome.Forbidden, Policy.Decide(actor, Operation.AuditLogRead, gbr).Outcome);
    }

    [Fact]
    public void ThirdStateUser_CannotLearnThatACaseExists()
    {
        var french = new Actor("fr", FraMod, Fra, Roles.All);
        var @case = Case(CaseStatus.Submitted);
        foreach (var operation in CaseTable.Select(r => r.Operation).Where(o => !o.ToString().StartsWith("Filing", StringComparison.Ordinal)))
        {
            Assert.Equal(Outcome.NotFound, Policy.Decide(french, operation, @case).Outcome);
        }
    }

    [Fact]
    public void Viewer_CannotApprove()
    {
        var viewer = new Actor("v", UkMod, Gbr, [Role.Viewer]);
        Assert.Equal(Outcome.Forbidden, Policy.Decide(viewer, Operation.CaseApprove, Case(CaseStatus.AwaitingApproval)).Outcome);
    }

    [Fact]
    public void SendingPlanner_CannotMarkAHostFilingApproved()
    {
        var planner = new Actor("p", UkMod, Gbr, [Role.Planner, Role.Approver]);
        var filing = new FilingResource(Case(CaseStatus.Submitted), JpnJointStaff, FilingStatus.UnderReview, FilingStatus.Approved);
        var decision = Policy.Decide(planner, Operation.FilingTransition, filing);
        Assert.Equal(Outcome.Forbidden, decision.Outcome);
        Assert.Contains("host-reviewers of the host organisation", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HostReviewer_CannotEditThePlan()
    {
        var reviewer = new Actor("r", JpnJointStaff, Jpn, [Role.HostReviewer]);
        Assert.Equal(Outcome.Forbidden, Policy.Decide(reviewer, Operation.CaseAmend, Case(CaseStatus.Submitted)).Outcome);
    }

    [Fact]
    public void HostReviewerOfAnotherHostOrganisation_CannotDecideAFilingNotAddressedToIt()
    {
        var mofaReviewer = new Actor("m", JpnMofa, Jpn, [Role.HostReviewer]);
        var @case = Case(CaseStatus.Submitted) with { HostOrganisations = new HashSet<Guid> { JpnJointStaff, JpnMofa } };
        var toJointStaff = new FilingResource(@case, JpnJointStaff, FilingStatus.Submitted, FilingStatus.Approved);
        Assert.Equal(Outcome.Forbidden, Policy.Decide(mofaReviewer, Operation.FilingTransition, toJointStaff).Outcome);
        Assert.Equal(Outcome.Allow, Policy.Decide(mofaReviewer, Operation.FilingTransition, toJointStaff with { AddressedTo = JpnMofa }).Outcome);
    }

    [Fact]
    public void HostOrganisation_SeesNothingBeforeRelease()
    {
        var reviewer = new Actor("r", JpnJointStaff, Jpn, [Role.HostReviewer]);
        Assert.Equal(Outcome.NotFound, Policy.Decide(reviewer, Operation.CaseRead, Case(CaseStatus.AwaitingApproval)).Outcome);
        Assert.Equal(Outcome.Allow, Policy.Decide(reviewer, Operation.CaseRead, Case(CaseStatus.Submitted)).Outcome);
    }

    [Fact]
    public void Lifecycle_EveryStatusNameRoundTrips_AndFinalStatusesHaveNoMoves()
    {
        foreach (var status in Enum.GetValues<FilingStatus>())
        {
            Assert.Equal(status, Lifecycle.ParseFilingStatus(status.Name()));
            Assert.Equal(Lifecycle.IsFinal(status), Lifecycle.From(status).Count == 0);
        }

        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            Assert.Equal(status, Lifecycle.ParseCaseStatus(status.Name()));
        }

        Assert.Null(Lifecycle.ParseFilingStatus("approved-ish"));
    }

    // ---- logistics orders (issue 12 §3) --------------------------------------------------------------
    // Own organisation = the requesting organisation (UK MoD), host organisation = the supplying one (JSDF joint staff).
    // Who may, per standing, for an order whose status has rows for the move. The supplier sees nothing of a draft; the
    // listed official "OwnOrganisation-approver" places; the one who placed ("OwnOrganisation-approver") cannot receive.
    private static readonly (Operation Operation, OrderStatus Status, string Requesting, string RequestingState, string Supplying, string SupplyingState)[] OrderTable =
    [
        (Operation.OrderRead, OrderStatus.Accepted, "*", StateReaders, "*", StateReaders),
        (Operation.OrderHistory, OrderStatus.Accepted, "*", StateReaders, "*", StateReaders),
        (Operation.OrderEdit, OrderStatus.Draft, "planner approver", "-", "-", "-"),
        (Operation.OrderPlace, OrderStatus.Draft, "approver", "-", "-", "-"),
        (Operation.OrderAccept, OrderStatus.Ordered, "-", "-", "approver", "-"),
        (Operation.OrderDeliver, OrderStatus.Accepted, "-", "-", "planner approver", "-"),
        (Operation.OrderCancelRemainder, OrderStatus.PartiallyDelivered, "approver", "-", "approver", "-"),
        (Operation.OrderReceive, OrderStatus.Delivered, "planner", "-", "-", "-"),
        (Operation.OrderInvoice, OrderStatus.Received, "-", "-", "planner approver", "-"),
        (Operation.OrderDeclareObligation, OrderStatus.Received, "-", "-", "planner approver", "-"),
        (Operation.OrderSettle, OrderStatus.Invoiced, "-", "-", "approver", "-"),
        (Operation.OrderClose, OrderStatus.Settled, "approver", "-", "approver", "-"),
        (Operation.OrderCancel, OrderStatus.Draft, "planner approver", "-", "-", "-"),
        (Operation.OrderCancel, OrderStatus.Accepted, "approver", "-", "approver", "-"),
        (Operation.OrderClearReview, OrderStatus.Accepted, "legal-adviser", "legal-adviser", "legal-adviser", "legal-adviser"),
        (Operation.OrderSetDueDate, OrderStatus.ObligationDue, "approver", "-", "approver", "-"),
    ];

    [Theory]
    [MemberData(nameof(RolesAndStandings))]
    public void OrderOperations_FollowTheTable(Role role, Standing standing)
    {
        var actor = ActorAt(standing, role);
        foreach (var row in OrderTable)
        {
            // The placing official is the own organisation's approver; the one who placed it is the same user.
            var order = new OrderResource(UkMod, Gbr, JpnJointStaff, Jpn, row.Status, new HashSet<string> { $"{Standing.OwnOrganisation}-{Role.Approver}" },
                row.Status == OrderStatus.Draft ? null : $"{Standing.OwnOrganisation}-{Role.Approver}");
            var cell = standing switch
            {
                Standing.OwnOrganisation => row.Requesting,
                Standing.OwnState => row.RequestingState,
                Standing.HostOrganisation => row.Supplying,
                Standing.HostState => row.SupplyingState,
                _ => "-",
            };
            var reader = standing switch
            {
                Standing.OwnOrganisation or Standing.HostOrganisation => true,
                Standing.OwnState or Standing.HostState => Lists(StateReaders, role),
                _ => false,
            };
            var sees = reader && !(standing is Standing.HostOrganisation or Standing.HostState && row.Status == OrderStatus.Draft);
            var expected = !sees ? Outcome.NotFound : Lists(cell, role) ? Outcome.Allow : Outcome.Forbidden;
            Assert.True(expected == Policy.Decide(actor, row.Operation, order).Outcome,
                $"{role.Name()} at {standing} on a {row.Status.Name()} order, {row.Operation}: expected {expected}");
        }

        var create = new OrderResource(UkMod, Gbr, JpnJointStaff, Jpn, OrderStatus.Draft, new HashSet<string>(), null);
        Assert.Equal(standing == Standing.OwnOrganisation && role is Role.Planner or Role.Approver ? Outcome.Allow : Outcome.Forbidden,
            Policy.Decide(actor, Operation.OrderCreate, create).Outcome);
    }

    [Fact]
    public void OrderReceipt_ByAnotherApproverOfTheRequestingOrganisation_IsAllowed()
    {
        var order = new OrderResource(UkMod, Gbr, JpnJointStaff, Jpn, OrderStatus.Delivered, new HashSet<string> { "orderer" }, "orderer");
        Assert.Equal(Outcome.Forbidden, Policy.Decide(new Actor("orderer", UkMod, Gbr, [Role.Approver, Role.Planner]), Operation.OrderReceive, order).Outcome);
        Assert.Equal(Outcome.Allow, Policy.Decide(new Actor("second", UkMod, Gbr, [Role.Approver]), Operation.OrderReceive, order).Outcome);
    }
}
