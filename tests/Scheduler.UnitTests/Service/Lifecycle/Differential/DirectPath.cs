using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;
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
    /// <summary>The saga's queue on the in-memory bus: where the saga path's due messages for jobs come back.</summary>
    public static readonly Uri JobsAddress = new($"loopback://localhost/{JobStateDefinition.QueueName}");

    public async Task ApplyAsync(JobStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var scope = database.Provider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SchedulerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await services.GetRequiredService<JobRowLock>().LoadAsync(db, step.JobId, cancellationToken);
        var decision = await services.GetRequiredService<JobTransition>()
            .ApplyAsync(job, Input(step, job, services.GetRequiredService<ScheduleJobValidator>()), step.MessageId, JobsAddress, cancellationToken);
        if (job is null && decision.Status is not null)
            db.Jobs.Add(decision.Job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The job and its runs as stored.</summary>
    public Task<JobView> ViewAsync(Guid jobId) => database.QueryAsync(async db => new JobView(
        await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId),
        await db.Runs.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync()));

    // What JobInputs makes of the message and its headers on the bus.
    JobInput Input(JobStep step, JobState? job, ScheduleJobValidator validator) => step.Message switch
    {
        ScheduleJob command => new JobInput.Schedule(command, job is null ? validator.ValidateOnBus(command, clock) : [], step.Actor),
        UpdateJob command => new JobInput.Update(command, job is null ? [] : validator.ValidateOnBus(JobDefinition.Of(command, job), clock), step.Actor),
        JobDue => new JobInput.OneShotDue(step.Token, step.Occurrence, step.SentAt),
        JobOccurrenceDue => new JobInput.OccurrenceDue(step.Occurrence, step.SentAt, step.Missed),
        JobRetryDue due => new JobInput.RetryDue(due.RunId),
        JobRunStarted started => new JobInput.RunStarted(started),
        JobRunSucceeded succeeded => new JobInput.RunSucceeded(succeeded),
        JobRunFailed failed => new JobInput.RunFailed(failed),
        TriggerJob command => new JobInput.Trigger(command.Reason, step.Actor),
        ReplayRun command => new JobInput.Replay(command.RunId, step.Actor),
        PauseJob command => new JobInput.Pause(command.Reason, step.Actor),
        ResumeJob command => new JobInput.Resumption(command.Reason, step.Actor),
        CancelJob command => new JobInput.Cancel(command.Reason, step.Actor),
        DeleteJob command => new JobInput.Delete(command.Reason, step.Actor),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step.Message, "A message the differential test does not send."),
    };
}
