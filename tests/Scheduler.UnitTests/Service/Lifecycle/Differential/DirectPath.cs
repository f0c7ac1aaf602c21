using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// Applies each input without a bus: one scope and one transaction per input, the job loaded as the saga's repository
/// loads it, <see cref="JobTransition"/> called with the message id as the seed, a created job added as admission adds it.
/// </summary>
public sealed class DirectPath(LifecycleDatabase database, TimeProvider clock)
{
    /// <summary>The due queue on the in-memory bus: where the saga path's due messages for jobs come back.</summary>
    public static readonly Uri DueAddress = new($"loopback://localhost/{JobDueDefinition.QueueName}");

    public async Task ApplyAsync(JobStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var scope = database.Provider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SchedulerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await services.GetRequiredService<JobRowLock>().LoadAsync(db, step.JobId, cancellationToken);
        var decision = await services.GetRequiredService<JobTransition>()
            .ApplyAsync(job, step.ToInput(job, services.GetRequiredService<ScheduleJobValidator>(), clock), step.MessageId, DueAddress, cancellationToken);
        if (job is null && decision.Status is not null)
            db.Jobs.Add(decision.Job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The job and its runs as stored.</summary>
    public Task<JobView> ViewAsync(Guid jobId) => database.QueryAsync(async db => new JobView(
        await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId),
        await db.Runs.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync()));
}
