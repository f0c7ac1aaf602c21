using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Ledger;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Carries out a decision's effects on the store, in the caller's transaction: runs, audit entries and due messages
/// are written with the job's new state, so none exists without the other. Replies and events are the caller's to
/// send (see <see cref="JobMessages"/>), once what they announce is committed.
/// </summary>
public sealed class JobEffectApplier(SchedulerDbContext db, DueMessageWriter dueMessages)
{
    /// <param name="decision">What was decided about the job.</param>
    /// <param name="dueAddress">Where the job's due messages (occurrences, one-shots, retries) come back: <see cref="JobDueDefinition"/>'s queue.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task ApplyAsync(JobDecision decision, Uri dueAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(dueAddress);
        var job = decision.Job;
        var scheduleId = job.CorrelationId.ToString("N");
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case JobEffect.SaveRun save:
                    await SaveRunAsync(save, cancellationToken);
                    break;
                case JobEffect.SendRun send:
                    await dueMessages.ScheduleOnceAsync(HandlerEndpoint.Address(send.Message.Handler), send.DueAt, send.Message,
                        WithPriority(send.Priority), send.Token, cancellationToken);
                    break;
                case JobEffect.ScheduleOneShot due:
                    await dueMessages.ScheduleOnceAsync(dueAddress, due.DueAt, new JobDue { JobId = job.CorrelationId }, token: due.Token,
                        cancellationToken: cancellationToken);
                    break;
                case JobEffect.ScheduleRetry retry:
                    await dueMessages.ScheduleOnceAsync(dueAddress, retry.DueAt, new JobRetryDue { JobId = job.CorrelationId, RunId = retry.RunId },
                        cancellationToken: cancellationToken);
                    break;
                case JobEffect.CancelDue cancel:
                    await dueMessages.CancelAsync(cancel.Token, cancellationToken);
                    break;
                case JobEffect.ScheduleRecurrence recurrence:
                    await dueMessages.ScheduleRecurringAsync(dueAddress, JobRecurrence.Group, scheduleId, recurrence.Rule, recurrence.Jitter,
                        new JobOccurrenceDue { JobId = job.CorrelationId }, recurrence.Paused, cancellationToken);
                    break;
                case JobEffect.SchedulePauseEnd end:
                    await dueMessages.ScheduleOnceAsync(dueAddress, end.DueAt, new JobPauseEnds { JobId = job.CorrelationId }, token: end.Token,
                        cancellationToken: cancellationToken);
                    break;
                case JobEffect.ScheduleFollowUp followUp:
                    await dueMessages.ScheduleOnceAsync(new Uri(dueAddress, JobAdmissionDefinition.QueueName), followUp.DueAt, followUp.Command,
                        FollowUpOf(job), cancellationToken: cancellationToken);
                    break;
                case JobEffect.PauseRecurrence:
                    await dueMessages.PauseRecurringAsync(JobRecurrence.Group, scheduleId, cancellationToken);
                    break;
                case JobEffect.ResumeRecurrence resume:
                    await dueMessages.ResumeRecurringAtAsync(JobRecurrence.Group, scheduleId, resume.Next, cancellationToken);
                    break;
                case JobEffect.CancelRecurrence:
                    await dueMessages.CancelRecurringAsync(JobRecurrence.Group, scheduleId, cancellationToken);
                    break;
                case JobEffect.Audit audit:
                    db.Audit.Add(new AuditEntry
                    {
                        JobId = job.CorrelationId,
                        TenantId = job.TenantId,
                        At = audit.At,
                        Event = audit.Event.ToWireName(),
                        Actor = audit.Actor,
                        FromStatus = audit.From?.ToWireName(),
                        ToStatus = audit.To.ToWireName(),
                        RunId = audit.RunId,
                        Detail = audit.Detail,
                    });
                    break;
                case JobEffect.RecordOccurrence occurrence:
                    db.Occurrences.Add(new OccurrenceRecord
                    {
                        Id = occurrence.Id,
                        JobId = job.CorrelationId,
                        TenantId = job.TenantId,
                        DueAt = occurrence.DueAt,
                        Fate = occurrence.Fate.ToWireName(),
                        RunId = occurrence.RunId,
                        Detail = occurrence.Detail,
                        Backfill = occurrence.Backfill,
                        RecordedAt = occurrence.At,
                    });
                    break;
                case JobEffect.Remove:
                    await RemoveAsync(job, cancellationToken);
                    break;
                case JobEffect.Reply or JobEffect.Publish:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(decision), effect, "An effect the applier does not know.");
            }
        }
    }

    // A changed run was read tracked (JobFactsReader), so Find answers from the change tracker without a query, and
    // without the scan of every tracked entity that DbSet.Local makes each time (a batch of reports tracks hundreds).
    async Task SaveRunAsync(JobEffect.SaveRun save, CancellationToken cancellationToken)
    {
        if (save.Opened)
        {
            db.Runs.Add(save.Run);
            return;
        }

        var stored = await db.Runs.FindAsync([save.Run.Id], cancellationToken)
            ?? throw new InvalidOperationException($"Run {save.Run.Id} was decided on but is not stored.");
        db.Entry(stored).CurrentValues.SetValues(save.Run);
    }

    async Task RemoveAsync(JobState job, CancellationToken cancellationToken)
    {
        var jobId = job.CorrelationId;
        var scheduleId = jobId.ToString("N");
        if (db.ChangeTracker.Entries<JobState>().FirstOrDefault(e => e.Entity.CorrelationId == jobId) is { } tracked)
            tracked.State = EntityState.Detached;

        await db.Audit.Where(a => a.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        await db.Occurrences.Where(o => o.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        await db.Runs.Where(r => r.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
        await db.DueMessages.Where(m => (m.ScheduleGroup == JobRecurrence.Group && m.ScheduleId == scheduleId) || m.Id == job.DueTokenId)
            .ExecuteDeleteAsync(cancellationToken);
        await db.Jobs.Where(j => j.CorrelationId == jobId).ExecuteDeleteAsync(cancellationToken);
    }

    // The follow-up's audit trail names the job that scheduled it.
    static IPipe<SendContext<ScheduleJob>> FollowUpOf(JobState parent) =>
        Pipe.Execute<SendContext<ScheduleJob>>(send => send.Headers.Set(JobActor.Header, $"job:{parent.CorrelationId}"));

    static IPipe<SendContext<ExecuteJob>> WithPriority(JobPriority priority)
    {
        var header = HandlerEndpoint.Priority(priority).ToString(CultureInfo.InvariantCulture);
        return Pipe.Execute<SendContext<ExecuteJob>>(send => send.Headers.Set(DueHeaders.Priority, header));
    }
}
