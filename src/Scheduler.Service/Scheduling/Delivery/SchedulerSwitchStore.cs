using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>Switches the scheduler-wide pause (see <see cref="SchedulerSwitch"/>), for the REST API and the bus alike.</summary>
public sealed class SchedulerSwitchStore(SchedulerDbContext db, TimeProvider clock, DueSignal signal)
{
    /// <summary>Sets the pause and wakes this instance's dispatcher; switching to the state it is in changes nothing.</summary>
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
            state.Paused = paused;
            state.ChangedAt = clock.GetUtcNow();
            state.ChangedBy = actor;
            await db.SaveChangesAsync(cancellationToken);
        }

        signal.Wake();
        return state;
    }
}
