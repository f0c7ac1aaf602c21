using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;

namespace Scheduler.Service.Api;

/// <summary>Purges a deleted job — its runs, audit trail and due messages go with it — as the job's rules decide, in one transaction.</summary>
internal static class JobPurge
{
    public static async Task RunAsync(SchedulerDbContext db, JobRowLock rowLock, JobTransition transition, Guid jobId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await rowLock.LoadAsync(db, jobId, cancellationToken);
        if (job is null)
            return;

        // A purge schedules no due message, so any address will do.
        await transition.ApplyAsync(job, new JobInput.Purge(), NewId.NextGuid(), new Uri("queue:" + JobDueDefinition.QueueName), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
