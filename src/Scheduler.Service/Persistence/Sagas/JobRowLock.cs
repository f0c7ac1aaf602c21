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

    /// <summary>
    /// Loads many jobs for update in one statement, locking their rows in id order, so that two batches over the same
    /// jobs wait for each other instead of deadlocking; a job that does not exist is absent from the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, JobState>> LoadManyAsync(SchedulerDbContext db, IReadOnlyCollection<Guid> jobIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(jobIds);
        var ids = jobIds.Distinct().Order().ToArray();
        var jobs = db.Database.IsNpgsql()
            ? db.Jobs.FromSql($"SELECT * FROM jobs WHERE id = ANY({ids}) ORDER BY id FOR UPDATE")
            : db.Jobs.Where(x => ids.Contains(x.CorrelationId));

        return await jobs.AsTracking().ToDictionaryAsync(x => x.CorrelationId, cancellationToken);
    }
}
