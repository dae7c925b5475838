using Microsoft.EntityFrameworkCore;
using Trellis.Cases;
using Trellis.Rules;
using Trellis.Web.Endpoints;

namespace Trellis.Web.Persistence;

/// <summary>What became of a request to the <see cref="PlanStore"/>.</summary>
public enum PlanOutcome
{
    Done,

    /// <summary>No such plan, or one the actor must not learn exists (HTTP 404).</summary>
    NotFound,

    /// <summary>The actor sees the plan but may not do this (HTTP 403); <see cref="PlanResult.Reason"/> says why.</summary>
    Forbidden,

    /// <summary>The plan was changed since the version the request names (HTTP 412); <see cref="PlanResult.CurrentVersion"/> is the current one when known.</summary>
    Stale,
}

public sealed record PlanResult(PlanOutcome Outcome, SavedPlan? Plan, string? Reason = null, int? CurrentVersion = null)
{
    public bool Ok => Outcome == PlanOutcome.Done;
}

/// <summary>
/// Saved plans, for every face that has them (the API and the planner page): list, read, create,
/// replace, copy and delete, each allowed or refused by <see cref="Policy.Decide"/> for the acting
/// user and the plan's owner organisation. A change names the version it started from and is
/// refused when the plan has moved on (<see cref="PlanOutcome.Stale"/>), also when two changes race.
/// </summary>
public sealed class PlanStore(TrellisDb db, TimeProvider clock)
{
    /// <summary>The plans <paramref name="actor"/> may read, most recently changed first.</summary>
    public async Task<IReadOnlyList<SavedPlan>> ListAsync(Actor actor, int? take = null, CancellationToken cancellationToken = default)
    {
        var owners = await OwnedPlans().ToListAsync(cancellationToken);
        var readable = owners.Where(p => Policy.Decide(actor, Operation.PlanRead, new PlanResource(p.OwnerOrganisationId, p.OwnerState)).Allowed)
            .Select(p => p.Id).ToHashSet();
        if (readable.Count == 0)
        {
            return [];
        }

        var plans = await db.Plans.AsNoTracking().Where(p => readable.Contains(p.Id)).ToListAsync(cancellationToken);
        var ordered = plans.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id);
        return (take is { } n ? ordered.Take(n) : ordered).ToArray();
    }

    /// <summary>
    /// One page of the plans <paramref name="actor"/> may read, most recently changed first, at most
    /// <paramref name="size"/>, after <paramref name="cursor"/> (a <see cref="PageCursor"/> from the previous
    /// page's <c>Next</c>); <c>Next</c> is null on the last page. Null when the cursor is not one this store gave.
    /// </summary>
    public async Task<Page<SavedPlan>?> PageAsync(Actor actor, string? cursor, int size, CancellationToken cancellationToken = default)
    {
        var owners = await OwnedPlans().ToListAsync(cancellationToken);
        var readable = owners.Where(p => Policy.Decide(actor, Operation.PlanRead, new PlanResource(p.OwnerOrganisationId, p.OwnerState)).Allowed)
            .Select(p => p.Id).ToList();
        var query = db.Plans.AsNoTracking().Where(p => readable.Contains(p.Id));
        if (cursor is not null)
        {
            if (!PageCursor.TryDecode(cursor, out var at, out var after))
            {
                return null;
            }

            query = query.Where(p => p.UpdatedAt < at || (p.UpdatedAt == at && p.Id.CompareTo(after) < 0));
        }

        if (readable.Count == 0)
        {
            return new Page<SavedPlan>([], null);
        }

        // Guid.CompareTo orders as PostgreSQL's uuid and SQLite's text do (as the case list).
        var rows = await query.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToArray();
        return new Page<SavedPlan>(page, rows.Count > size ? PageCursor.Encode(page[^1].UpdatedAt, page[^1].Id) : null);
    }

    /// <summary>The plan, when <paramref name="actor"/> may read it.</summary>
    public async Task<PlanResult> FindAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var (plan, decision) = await LoadAsync(actor, Operation.PlanRead, id, tracked: false, cancellationToken);
        return Refused(plan, decision) ?? new PlanResult(PlanOutcome.Done, plan);
    }

    /// <summary>Saves a new plan owned by the actor's organisation, version 1.</summary>
    public async Task<PlanResult> CreateAsync(Actor actor, PlanText text, ActivityPlan plan, string? name, CancellationToken cancellationToken = default)
    {
        var decision = Policy.Decide(actor, Operation.PlanCreate, new PlanResource(actor.OrganisationId, actor.State));
        if (!decision.Allowed)
        {
            return new PlanResult(decision.Outcome == Outcome.NotFound ? PlanOutcome.NotFound : PlanOutcome.Forbidden, null, decision.Reason);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var saved = new SavedPlan { Id = Guid.CreateVersion7(), CreatedAt = now, Version = 1, OwnerOrganisationId = actor.OrganisationId };
        Apply(saved, text, plan, name, now);
        db.Plans.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return new PlanResult(PlanOutcome.Done, saved);
    }

    /// <summary>
    /// Replaces the plan's text when its current version is one of <paramref name="expectedVersions"/>;
    /// the version grows by one. <paramref name="name"/> null keeps the saved name.
    /// </summary>
    public async Task<PlanResult> ReplaceAsync(Actor actor, Guid id, IReadOnlyCollection<int> expectedVersions, PlanText text, ActivityPlan plan, string? name,
        CancellationToken cancellationToken = default)
    {
        var (saved, decision) = await LoadAsync(actor, Operation.PlanEdit, id, tracked: true, cancellationToken);
        if (Refused(saved, decision) is { } refused)
        {
            return refused;
        }

        if (!expectedVersions.Contains(saved!.Version))
        {
            return new PlanResult(PlanOutcome.Stale, null, CurrentVersion: saved.Version);
        }

        Apply(saved, text, plan, name ?? saved.Name, clock.GetUtcNow().UtcDateTime);
        saved.Version++;
        return await SaveAsync(saved, cancellationToken);
    }

    /// <summary>Deletes the plan when its current version is one of <paramref name="expectedVersions"/>.</summary>
    public async Task<PlanResult> DeleteAsync(Actor actor, Guid id, IReadOnlyCollection<int> expectedVersions, CancellationToken cancellationToken = default)
    {
        var (saved, decision) = await LoadAsync(actor, Operation.PlanDelete, id, tracked: true, cancellationToken);
        if (Refused(saved, decision) is { } refused)
        {
            return refused;
        }

        if (!expectedVersions.Contains(saved!.Version))
        {
            return new PlanResult(PlanOutcome.Stale, null, CurrentVersion: saved.Version);
        }

        db.Plans.Remove(saved);
        return await SaveAsync(saved, cancellationToken);
    }

    /// <summary>A copy of a plan the actor may read, saved as a new plan of the actor's organisation ("… (copy)").</summary>
    public async Task<PlanResult> CopyAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var source = await FindAsync(actor, id, cancellationToken);
        if (!source.Ok)
        {
            return source;
        }

        var decision = Policy.Decide(actor, Operation.PlanCreate, new PlanResource(actor.OrganisationId, actor.State));
        if (!decision.Allowed)
        {
            return new PlanResult(PlanOutcome.Forbidden, null, decision.Reason);
        }

        var plan = source.Plan!;
        var now = clock.GetUtcNow().UtcDateTime;
        var copy = new SavedPlan
        {
            Id = Guid.CreateVersion7(), Name = Truncate($"{plan.Name} (copy)"), Format = plan.Format, Body = plan.Body, SendingState = plan.SendingState,
            HostState = plan.HostState, Start = plan.Start, End = plan.End, CreatedAt = now, UpdatedAt = now, Version = 1, OwnerOrganisationId = actor.OrganisationId,
        };
        db.Plans.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        return new PlanResult(PlanOutcome.Done, copy);
    }

    /// <summary>
    /// Gives a plan an owner organisation (<c>admin plan assign</c>: an operator's command, not a
    /// user's request, so no actor): a plan saved before accounts existed becomes that organisation's.
    /// The version grows by one. False when there is no such plan.
    /// </summary>
    public async Task<bool> AssignOwnerAsync(Guid id, Guid organisationId, CancellationToken cancellationToken = default)
    {
        if (await db.Plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } plan)
        {
            return false;
        }

        plan.OwnerOrganisationId = organisationId;
        plan.Version++;
        plan.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Sets what is read from the plan: its name (given, else its own, else made up), text, states and days.</summary>
    internal static void Apply(SavedPlan saved, PlanText text, ActivityPlan plan, string? name, DateTime now)
    {
        var chosen = !string.IsNullOrWhiteSpace(name) ? name.Trim()
            : !string.IsNullOrWhiteSpace(plan.Name) ? plan.Name.Trim()
            : $"{plan.SendingState} in {plan.HostState} from {plan.Start:yyyy-MM-dd}";
        saved.Name = Truncate(chosen);
        saved.Format = text.Format;
        saved.Body = text.Text;
        saved.SendingState = plan.SendingState;
        saved.HostState = plan.HostState;
        saved.Start = plan.Start;
        saved.End = plan.End;
        saved.UpdatedAt = now;
    }

    private static string Truncate(string s) => s.Length > SavedPlan.NameMaxLength ? s[..SavedPlan.NameMaxLength] : s;

    private sealed record Owned(Guid Id, Guid? OwnerOrganisationId, string? OwnerState);

    /// <summary>Every plan's id with its owner organisation and that organisation's state (null for plans saved before accounts).</summary>
    private IQueryable<Owned> OwnedPlans() =>
        from p in db.Plans.AsNoTracking()
        join o in db.Organisations.AsNoTracking() on p.OwnerOrganisationId equals (Guid?)o.Id into owners
        from o in owners.DefaultIfEmpty()
        select new Owned(p.Id, p.OwnerOrganisationId, o == null ? null : o.State);

    private async Task<(SavedPlan? Plan, Decision Decision)> LoadAsync(Actor actor, Operation operation, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var plans = tracked ? db.Plans : db.Plans.AsNoTracking();
        var plan = await plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return (null, Decision.Hidden);
        }

        var state = plan.OwnerOrganisationId is { } owner
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == owner).Select(o => o.State).FirstOrDefaultAsync(cancellationToken)
            : null;
        return (plan, Policy.Decide(actor, operation, new PlanResource(plan.OwnerOrganisationId, state)));
    }

    private static PlanResult? Refused(SavedPlan? plan, Decision decision) => decision.Outcome switch
    {
        _ when plan is null => new PlanResult(PlanOutcome.NotFound, null),
        Outcome.Allow => null,
        Outcome.NotFound => new PlanResult(PlanOutcome.NotFound, null),
        _ => new PlanResult(PlanOutcome.Forbidden, null, decision.Reason),
    };

    private async Task<PlanResult> SaveAsync(SavedPlan saved, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new PlanResult(PlanOutcome.Done, saved);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new PlanResult(PlanOutcome.Stale, null);
        }
    }
}
