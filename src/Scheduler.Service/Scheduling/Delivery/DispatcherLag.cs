using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// How far the dispatchers are behind the due table: the time since the oldest unpaused due row could first have been
/// sent — its instant, or later when this dispatcher started or the scheduler resumed after it (a backlog inherited at
/// start or after a pause is not held against it). Zero while nothing is overdue or the scheduler is paused. One read
/// of the due table's partial index on <c>due_at</c>, and one of the one-row switch table when something is overdue.
/// </summary>
public sealed record DispatcherLag(TimeSpan Lag, DateTimeOffset? OldestDueAt, bool SchedulerPaused)
{
    public static async Task<DispatcherLag> ReadAsync(SchedulerDbContext db, DateTimeOffset now, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var oldest = await db.DueMessages.AsNoTracking().Where(m => !m.Paused).MinAsync(m => (DateTimeOffset?)m.DueAt, cancellationToken);
        if (oldest is not { } oldestDue || oldestDue > now)
            return new DispatcherLag(TimeSpan.Zero, null, false);

        var switched = await db.SchedulerSwitch.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SchedulerSwitch.SingletonId, cancellationToken);
        if (switched is { Paused: true })
            return new DispatcherLag(TimeSpan.Zero, oldestDue, true);

        var sendableSince = Latest(oldestDue, startedAt, switched?.ChangedAt);
        return new DispatcherLag(now - sendableSince, oldestDue, false);
    }

    static DateTimeOffset Latest(DateTimeOffset first, DateTimeOffset second, DateTimeOffset? third)
    {
        var latest = first > second ? first : second;
        return third is { } value && value > latest ? value : latest;
    }
}
