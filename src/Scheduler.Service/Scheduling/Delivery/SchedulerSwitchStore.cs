using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>Switches the scheduler-wide pause (see <see cref="SchedulerSwitch"/>), for the REST API and the bus alike.</summary>
public sealed class SchedulerSwitchStore(SchedulerDbContext db, TimeProvider clock, DueSignal signal)
{
    /// <summary>
    /// Sets the pause and wakes this instance's dispatcher; switching to the state it is in changes nothing. A change is
    /// audited in the same transaction, under the tenant of the request (<c>default</c> for a command from the bus).
    /// </summary>
    public async Task<SchedulerSwitch> SetPausedAsync(bool paused, string actor, CancellationToken cancellationToken)
    {
        var state = await db.SchedulerSwitch.SingleOrDefaultAsync(s => s.Id == SchedulerSwitch.SingletonId, cancellationToken);
        if (state is null)
        {
            state = new SchedulerSwitch();
            db.SchedulerSwitch.Add(state);
        }

        if (state.Paused != paused || state.ChangedAt == default)
        {
            var was = state.ChangedAt == default ? null : StateName(state.Paused);
            state.Paused = paused;
            state.ChangedAt = clock.GetUtcNow();
            state.ChangedBy = GlobalAudit.FitActor(actor);
            db.Audit.Add(GlobalAudit.Entry(db.TenantFilter ?? Tenants.Default, state.ChangedAt, paused ? AuditEvent.SchedulerPaused : AuditEvent.SchedulerResumed,
                actor, was, StateName(paused), paused ? "the scheduler stopped sending due messages" : "the scheduler sends due messages again"));
            await db.SaveChangesAsync(cancellationToken);
        }

        signal.Wake();
        return state;
    }

    static string StateName(bool paused) => paused ? "paused" : "running";
}
