using Scheduler.Contracts;
using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// A job's rules, and the only place they are decided: from the job as it is, one input, what the store knows
/// (<see cref="JobFacts"/>) and the grounds of the decision (the instant, a seed for ids), to the job as it becomes,
/// its status and the effects to carry out. No I/O, no clock, no bus. The saga calls it for each message, the batch
/// paths for many jobs in one transaction. Here: which rule each input follows, and creating a job; the commands,
/// occurrences and runs are in the other parts of this class.
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
            case JobInput.Upsert upsert:
                Upsert(change, upsert);
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
            case JobInput.CancelRun cancelRun:
                CancelRun(change, cancelRun);
                break;
            case JobInput.Pause pause:
                Pause(change, pause);
                break;
            case JobInput.Resumption resume:
                Resume(change, resume);
                break;
            case JobInput.PauseEnds ends:
                PauseEnds(change, ends);
                break;
            case JobInput.Disable disable:
                Disable(change, disable);
                break;
            case JobInput.Enable enable:
                Enable(change, enable);
                break;
            case JobInput.Cancel cancel:
                Cancel(change, cancel);
                break;
            case JobInput.Backfill backfill:
                Backfill(change, backfill);
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
        var errors = input.Errors.Count > 0 ? input.Errors : CalendarErrors(command.Schedule, facts);
        if (errors.Count > 0)
            return new(none, null, [new JobEffect.Reply(Rejected(none, errors, grounds.Now))]);

        var change = new JobChange(none, facts, grounds) { Status = JobStatus.Scheduled };
        var job = change.Job;
        job.IdempotencyKey = command.IdempotencyKey;
        job.Key = command.Key;
        job.ParentJobId = command.Parent?.JobId;
        job.ParentRunId = command.Parent?.RunId;
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
