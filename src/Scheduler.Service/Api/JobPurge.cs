using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Api;

/// <summary>Removes a deleted job with its runs, audit trail and due messages, in one transaction.</summary>
internal static class JobPurge
{
    public static async Task RunAsync(SchedulerDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId, cancellationToken);
        if (job is null)
            return;

        var scheduleId = jobId.ToString("N");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Audit.Where(a => a.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        await db.Runs.Where(r => r.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        await db.DueMessages.Where(m => (m.ScheduleGroup == JobRecurrence.Group && m.ScheduleId == scheduleId) || m.Id == job.DueTokenId)
            .ExecuteDeleteAsync(cancellationToken);
        await db.Jobs.Where(j => j.CorrelationId == jobId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
