using Scheduler.Contracts;
using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// A job's rules, and the only place they are decided: from the job as it is, one input, what the store knows
/// (<see cref="JobFacts"/>) and the grounds of the decision (the instant, a seed for ids), to the job as it becomes,
/// its status and the effects to carry out. No I/O, no clock, no bus. The saga calls it for each message, the batch
/// paths for many jobs in one transaction. The commands are here; occurrences and runs in the other parts of this class.
/// </summary>
public static partial class JobDecider
{
    public static JobDecision Decide(JobState? job, JobInput input, JobFacts facts, DecisionGrounds grounds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(grounds);
        if (job is null)
            return input is JobInput.Schedule create ? Create(create, facts, grounds) : Missing();

        var change = new JobChange(job, facts, grounds);
        switch (input)
        {
            case JobInput.Schedule:
                change.Reply(Scheduled(change.Job, created: false, grounds.Now));
                break;
            case JobInput.Update update:
                Update(change, update);
                break;
            case JobInput.OneShotDue due:
                OneShotDue(change, due);
                break;
            case JobInput.OccurrenceDue due:
                if (change.Status is JobStatus.Scheduled or JobStatus.Running)
                    RunOccurrence(change, due.Occurrence, due.SentAt, due.Missed);
                break;
            case JobInput.RetryDue retry:
                RetryDue(change, retry.RunId);
                break;
            case JobInput.RunStarted started:
                RunStarted(change, started.Event);
                break;
            case JobInput.RunSucceeded succeeded:
                RunSucceeded(change, succeeded.Event);
                break;
            case JobInput.RunFailed failed:
                RunFailed(change, failed.Event);
                break;
            case JobInput.Trigger trigger:
                Trigger(change, trigger);
                break;
            case JobInput.Replay replay:
                Replay(change, replay);
                break;
            case JobInput.Pause pause:
                Pause(change, pause);
                break;
            case JobInput.Resumption resume:
                Resume(change, resume);
                break;
            case JobInput.Cancel cancel:
                Cancel(change, cancel);
                break;
            case JobInput.Delete delete:
                Delete(change, delete);
                break;
            case JobInput.Purge:
                // Only a deleted job is purged: its history goes with it.
                if (change.Job.DeletedAt is not null)
                    return change.Removed();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "An input the job's rules do not know.");
        }

        return change.Decided();
    }

    /// <summary>
    /// Where a job settles once nothing holds it: running while runs are out, scheduled while an occurrence is to come
    /// (a recurring one, or a one-shot's instant), else finished — faulted when its last occurrence failed for good.
    /// </summary>
    public static JobStatus Settled(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.ActiveRuns > 0 ? JobStatus.Running
            : job.NextRunAt is not null ? JobStatus.Scheduled
            : job.LastRunStatus == RunStatus.Faulted ? JobStatus.Faulted
            : JobStatus.Completed;
    }

    static JobDecision Create(JobInput.Schedule input, JobFacts facts, DecisionGrounds grounds)
    {
        var command = input.Command;
        var none = new JobState { CorrelationId = command.JobId, TenantId = command.TenantId };
        if (facts.KeyedJob is { } keyed)
            return new(none, null, [new JobEffect.Reply(Scheduled(keyed, created: false, grounds.Now))]);
        if (input.Errors.Count > 0)
            return new(none, null, [new JobEffect.Reply(Rejected(none, input.Errors, grounds.Now))]);

        var change = new JobChange(none, facts, grounds) { Status = JobStatus.Scheduled };
        var job = change.Job;
        job.IdempotencyKey = command.IdempotencyKey;
        job.CreatedAt = grounds.Now;
        JobDefinition.Apply(job, command, grounds.Now);
        change.Audit(AuditEvent.Scheduled, input.Actor, from: null, to: JobStatus.Scheduled,
            detail: $"handler {job.Handler}, {JobDefinition.Describe(command.Schedule)}, next run at {Format(job.NextRunAt!.Value)}");
        StartSchedule(change);
        change.Reply(Scheduled(job, created: true, grounds.Now));
        return change.Decided();
    }

    // An event about a job that no longer exists changes nothing; the saga answers a command for one with JobNotFound.
    static JobDecision Missing() => new(new JobState(), null, []);

    // A new definition takes effect at once: the old schedule's pending occurrences go, the new one starts from now.
    // Paused, the new schedule is stored paused: resume starts it.
    static void Update(JobChange change, JobInput.Update input)
    {
        var job = change.Job;
        if (change.Status == JobStatus.Cancelled || job.DeletedAt is not null)
        {
            Refuse(change, job.DeletedAt is not null ? "it is deleted" : "it is cancelled");
            return;
        }

        if (input.Errors.Count > 0)
        {
            change.Reply(Rejected(job, input.Errors, change.Now));
            return;
        }

        CancelSchedules(change);
        JobDefinition.Apply(job, JobDefinition.Of(input.Command, job), change.Now);
        change.Audit(AuditEvent.Updated, input.Actor, change.Status, change.Status!.Value,
            detail: $"handler {job.Handler}, {JobDefinition.Describe(input.Command.Schedule)}, next run at {Format(job.NextRunAt!.Value)}");
        if (change.Status == JobStatus.Paused)
        {
            if (job.IsRecurring())
                change.Add(new JobEffect.ScheduleRecurrence(job.RecurringRule(), job.Schedule?.Jitter, Paused: true));
        }
        else
        {
            StartSchedule(change);
            if (change.Status is JobStatus.Completed or JobStatus.Faulted)
                change.Status = JobStatus.Scheduled;
        }

        change.Reply(new JobUpdated { JobId = job.CorrelationId, NextRunAt = job.NextRunAt, Timestamp = change.Now });
    }

    static void Pause(JobChange change, JobInput.Pause input)
    {
        switch (change.Status)
        {
            case JobStatus.Scheduled or JobStatus.Running:
                Disarm(change);
                Unschedule(change);
                if (change.Job.IsRecurring())
                    change.Add(new JobEffect.PauseRecurrence());
                change.Job.UpdatedAt = change.Now;
                change.Audit(AuditEvent.Paused, input.Actor, change.Status, JobStatus.Paused, detail: input.Reason);
                change.Status = JobStatus.Paused;
                change.Reply(new JobPaused { JobId = change.Job.CorrelationId, Timestamp = change.Now });
                break;
            case JobStatus.Paused:
                change.Reply(new JobPaused { JobId = change.Job.CorrelationId, Timestamp = change.Now });
                break;
            default:
                Refuse(change, "it has finished");
                break;
        }
    }

    // Runs already out when the job was paused finished and were recorded meanwhile, retries included. A recurring
    // job picks up at its next occurrence after now (those inside the pause are not owed); a one-shot whose instant
    // passed is due now, under its misfire policy; occurrences that waited for a slot start.
    static void Resume(JobChange change, JobInput.Resumption input)
    {
        var job = change.Job;
        if (change.Status is JobStatus.Scheduled or JobStatus.Running)
        {
            change.Reply(new JobResumed { JobId = job.CorrelationId, Timestamp = change.Now });
            return;
        }

        if (change.Status != JobStatus.Paused)
        {
            Refuse(change, "it has finished");
            return;
        }

        if (job.IsRecurring())
        {
            job.NextRunAt = job.NextRunAt is null ? null : job.RecurringRule().NextAfter(change.Now);
            change.Add(new JobEffect.ResumeRecurrence(job.NextRunAt));
        }
        else if (job.NextRunAt > change.Now)
        {
            ScheduleOneShot(change);
        }
        else if (job.NextRunAt is { } overdue)
        {
            job.LastOccurrenceAt = overdue;
            job.NextRunAt = null;
            RunDecided(change, MisfireDecision.For(job.Misfire, overdue, [], change.Now));
        }

        job.UpdatedAt = change.Now;
        var dequeued = StartQueued(change, resuming: true);
        change.Audit(AuditEvent.Resumed, input.Actor, JobStatus.Paused, Settled(job), detail: input.Reason);
        RecordDequeued(change, dequeued);
        change.Status = Settled(job);
        change.Reply(new JobResumed { JobId = job.CorrelationId, Timestamp = change.Now });
    }

    static void Cancel(JobChange change, JobInput.Cancel input)
    {
        var job = change.Job;
        if (change.Status is JobStatus.Scheduled or JobStatus.Running or JobStatus.Paused)
        {
            CancelSchedules(change);
            job.NextRunAt = null;
            job.QueuedOccurrences = null;
            job.UpdatedAt = change.Now;
            change.Audit(AuditEvent.Cancelled, input.Actor, change.Status, JobStatus.Cancelled, detail: input.Reason);
            change.Status = JobStatus.Cancelled;
        }

        change.Reply(new JobCancelled { JobId = job.CorrelationId, Timestamp = change.Now });
    }

    // A deleted job is cancelled and hidden from lists; its history is kept. A finished one stays as it ended, and a
    // cancelled one has no schedules left to cancel.
    static void Delete(JobChange change, JobInput.Delete input)
    {
        var job = change.Job;
        var from = change.Status!.Value;
        var to = from is JobStatus.Scheduled or JobStatus.Running or JobStatus.Paused ? JobStatus.Cancelled : from;
        if (to != from)
            CancelSchedules(change);

        if (job.DeletedAt is null)
        {
            job.DeletedAt = change.Now;
            job.NextRunAt = null;
            job.QueuedOccurrences = null;
            job.UpdatedAt = change.Now;
            change.Audit(AuditEvent.Deleted, input.Actor, from, to, detail: input.Reason);
        }

        change.Status = to;
        change.Reply(new JobDeleted { JobId = job.CorrelationId, Timestamp = change.Now });
    }

    /// <summary>The job's occurrences start: the recurring schedule stored, the one-shot scheduled, or run now.</summary>
    static void StartSchedule(JobChange change)
    {
        var job = change.Job;
        if (job.IsRecurring())
            change.Add(new JobEffect.ScheduleRecurrence(job.RecurringRule(), job.Schedule?.Jitter, Paused: false));
        else if (job.NextRunAt > change.Now)
            ScheduleOneShot(change);
        else
            Admit(change, TakeOccurrenceNow(job), owed: false);
    }

    /// <summary>The job's pending occurrences go: the armed run taken back, the one-shot's due message and the recurring schedule removed.</summary>
    static void CancelSchedules(JobChange change)
    {
        Disarm(change);
        Unschedule(change);
        if (change.Job.IsRecurring())
            change.Add(new JobEffect.CancelRecurrence());
    }

    static void Unschedule(JobChange change)
    {
        if (change.Job.DueTokenId is not { } token)
            return;

        change.Add(new JobEffect.CancelDue(token));
        change.Job.DueTokenId = null;
    }

    static void Refuse(JobChange change, string why) =>
        change.Reply(new JobCommandRejected
        {
            JobId = change.Job.CorrelationId,
            Reason = $"Job {change.Job.CorrelationId} is {change.Status?.ToWireName()}: {why}.",
        });

    static JobScheduled Scheduled(JobState job, bool created, DateTimeOffset now) => new()
    {
        JobId = job.CorrelationId,
        TenantId = job.TenantId,
        Created = created,
        NextRunAt = job.NextRunAt,
        Timestamp = now,
    };

    static JobRejected Rejected(JobState job, IReadOnlyList<FieldError> errors, DateTimeOffset now) => new()
    {
        JobId = job.CorrelationId,
        TenantId = job.TenantId,
        Errors = errors,
        Timestamp = now,
    };

    static string Format(DateTimeOffset instant) => Scheduling.Delivery.DueHeaders.Format(instant);
}
