using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Persistence.Sagas;

/// <summary>Loads a job for update, holding its row lock until the surrounding transaction ends.</summary>
public sealed class JobRowLock
{
    public Task<JobState?> LoadAsync(SchedulerDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // SQLite has no row locks: it serializes writers on the whole database, which gives the same guarantee.
        var jobs = db.Database.IsNpgsql()
            ? db.Jobs.FromSql($"SELECT * FROM jobs WHERE id = {jobId} FOR UPDATE")
            : db.Jobs.Where(x => x.CorrelationId == jobId);

        return jobs.AsTracking().SingleOrDefaultAsync(cancellationToken);
    }
}
