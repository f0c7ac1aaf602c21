using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

// Runs: what a consumer reports, retries with backoff, dead letters and their replay, and a run triggered by hand.
// Run events may arrive in any order (a consumer publishes started and finished close together), so each carries
// what the job needs on its own; an outcome for a run already ended is recorded and changes nothing.
public static partial class JobDecider
{
    static void RunStarted(JobChange change, JobRunStarted started)
    {
        var job = change.Job;
        if (change.Status is not (JobStatus.Scheduled or JobStatus.Running) && !IsHeld(change.Status))
            return;

        // Only a run still waiting for its consumer starts (not one already finished, its outcome having come first).
        var pending = job.ArmedRunId == started.RunId || change.Facts.Run is { Status: RunStatus.Pending } known && known.Id == started.RunId;
        if (!pending)
            return;

        var to = IsHeld(change.Status) ? change.Status!.Value : JobStatus.Running;
        OpenArmedRun(change, started.RunId, started.StartedAt);
        if (change.Run(started.RunId) is { Status: RunStatus.Pending } run)
        {
            run.Status = RunStatus.Running;
            run.StartedAt = started.StartedAt;
            run.Host = started.Host;
            job.LastRunAt = Latest(job.LastRunAt, started.StartedAt);
            job.UpdatedAt = change.Now;
            change.Audit(AuditEvent.RunStarted, ConsumerActor(started.Host), change.Status, to, started.RunId, $"attempt {started.Attempt}");
        }

        change.Status = to;
    }

    static void RunSucceeded(JobChange change, JobRunSucceeded succeeded)
    {
        var job = change.Job;
        var (run, from) = OpenOutcome(change, succeeded.RunId, succeeded.Attempt, succeeded.Host, succeeded.StartedAt,
            $"succeeded in {succeeded.DurationMs} ms");
        if (run is not null)
        {
            run.Status = RunStatus.Succeeded;
            run.StartedAt ??= succeeded.StartedAt;
            run.CompletedAt = succeeded.CompletedAt;
            run.DurationMs = succeeded.DurationMs;
            run.Result = succeeded.Result;
            run.Host ??= succeeded.Host;
            FinishOccurrence(change, run);
            var dequeued = StartQueued(change);
            change.Audit(AuditEvent.RunSucceeded, ConsumerActor(succeeded.Host), from, AfterRun(change), run.Id,
                $"attempt {succeeded.Attempt} took {succeeded.DurationMs} ms");
            RecordDequeued(change, dequeued);
            ScheduleFollowUps(change, job.OnSuccess, run);
        }

        change.Status = AfterRun(change);
    }

    /// <summary>
    /// A failed attempt: retried after its backoff while the job's retry policy allows (never for a permanent error,
    /// never once the job is cancelled), otherwise the occurrence has faulted — the run is kept as a dead letter and
    /// <see cref="JobRunFaulted"/> published.
    /// </summary>
    static void RunFailed(JobChange change, JobRunFailed failed)
    {
        var job = change.Job;
        var error = failed.Error;
        var (run, from) = OpenOutcome(change, failed.RunId, failed.Attempt, failed.Host, failed.StartedAt, $"failed ({Describe(error)})");
        if (run is null)
        {
            change.Status = AfterRun(change);
            return;
        }

        run.StartedAt ??= failed.StartedAt;
        run.CompletedAt = failed.CompletedAt;
        run.DurationMs = failed.DurationMs;
        run.ErrorCategory = error.Category;
        run.ErrorMessage = error.Message;
        run.Host ??= failed.Host;
        job.FailureCount++;

        var plan = RetryPlan.For(job.Retry);
        var actor = ConsumerActor(failed.Host);
        var failure = $"attempt {run.Attempt}: {Describe(error)}";

        // A replay goes on counting attempts from its dead letter's, with a fresh set of them.
        var attempts = run.Attempt - (run.ReplayOf is null ? 0 : change.Facts.ReplayedAttempts);
        if (plan.Retries(attempts, error.Category) && change.Status != JobStatus.Cancelled)
        {
            run.Status = error.Category == ErrorCategory.Timeout ? RunStatus.TimedOut : RunStatus.Failed;
            var retry = ScheduleRetry(change, run, plan.DelayAfter(attempts, change.Grounds.NextUnit()), failed.CompletedAt);
            var waiting = IsHeld(change.Status) ? change.Status!.Value : JobStatus.Running;
            change.Audit(error.Category == ErrorCategory.Timeout ? AuditEvent.RunTimedOut : AuditEvent.RunFailed, actor, from, waiting, run.Id, failure);
            change.Audit(AuditEvent.RetryScheduled, SchedulerActor, waiting, waiting, retry.Id,
                $"attempt {retry.Attempt} ({attempts + 1} of {plan.MaxAttempts}) at {Format(retry.DueAt!.Value)}, " +
                $"after {IsoDuration.Format(retry.DueAt.Value - failed.CompletedAt)} ({plan.Backoff.ToString().ToLowerInvariant()} backoff)");
            change.Status = AfterRun(change);
            return;
        }

        run.Status = RunStatus.Faulted;
        FinishOccurrence(change, run);
        var dequeued = StartQueued(change);
        var why = error.Category == ErrorCategory.Permanent ? "a permanent error is not retried"
            : change.Status == JobStatus.Cancelled ? "the job is cancelled"
            : $"{attempts} of {plan.MaxAttempts} attempt(s) spent";
        change.Audit(AuditEvent.RunFaulted, actor, from, AfterRun(change), run.Id, $"{failure}; {why}: kept as a dead letter");
        RecordDequeued(change, dequeued);
        ScheduleFollowUps(change, job.OnFailure, run);
        change.Publish(new JobRunFaulted
        {
            JobId = job.CorrelationId,
            RunId = run.Id,
            TenantId = job.TenantId,
            Handler = job.Handler,
            Attempt = run.Attempt,
            ScheduledFor = run.ScheduledFor,
            Error = error,
            Timestamp = change.Now,
        });
        change.Status = AfterRun(change);
    }

    /// <summary>A retry's backoff is over: its run goes to the handler, unless the job was cancelled meanwhile.</summary>
    static void RetryDue(JobChange change, Guid runId)
    {
        if (change.Facts.Run?.Id != runId || change.Run(runId) is not { Status: RunStatus.Pending, SentAt: null } run)
            return;

        if (change.Status != JobStatus.Cancelled)
        {
            SendNow(change, run);
            return;
        }

        run.Status = RunStatus.Skipped;
        run.CompletedAt = change.Now;
        FinishOccurrence(change, run);
        change.Audit(AuditEvent.RunSkipped, SchedulerActor, JobStatus.Cancelled, JobStatus.Cancelled, run.Id,
            $"attempt {run.Attempt} not sent: the job was cancelled during its backoff");
    }

    /// <summary>Runs the job now, besides its schedule, under its concurrency policy; answers with what became of it.</summary>
    static void Trigger(JobChange change, JobInput.Trigger input)
    {
        if (RefusesRuns(change))
            return;

        var job = change.Job;
        var status = change.Status!.Value;
        job.UpdatedAt = change.Now;
        change.Audit(AuditEvent.Triggered, input.Actor, status, status, detail: input.Reason ?? "run now");
        var before = job.CurrentRunId;
        var admission = Admit(change, change.Now, owed: false);
        change.Reply(new JobTriggered
        {
            JobId = job.CorrelationId,
            RunId = admission == OccurrenceAdmission.Started && job.CurrentRunId != before ? job.CurrentRunId : null,
            Outcome = admission.ToString().ToLowerInvariant(),
            Timestamp = change.Now,
        });
        Rerun(change);
    }

    /// <summary>Replays a dead letter as a new run of its occurrence with a fresh set of attempts, or answers why not.</summary>
    static void Replay(JobChange change, JobInput.Replay input)
    {
        if (RefusesRuns(change))
            return;

        var job = change.Job;
        var dead = change.Facts.Run?.Id == input.RunId ? change.Run(input.RunId) : null;
        var refusal = dead switch
        {
            null => $"Run {input.RunId} is not a run of job {job.CorrelationId}.",
            { Status: not RunStatus.Faulted } => $"Run {dead.Id} is {dead.Status.ToWireName()}, not a dead letter: only a faulted run can be replayed.",
            { ReplayedBy: { } replay } => $"Run {dead.Id} was replayed already, by run {replay}.",
            _ => null,
        };
        if (refusal is not null)
        {
            change.Reply(new JobCommandRejected { JobId = job.CorrelationId, Reason = refusal });
            return;
        }

        var run = OpenAndSend(change, dead!.ScheduledFor, attempt: dead.Attempt + 1, replayOf: dead.Id);
        dead.ReplayedBy = run.Id;
        job.UpdatedAt = change.Now;
        change.Audit(AuditEvent.RunReplayed, input.Actor, change.Status, change.Status!.Value, run.Id,
            $"dead letter {dead.Id} (attempt {dead.Attempt}: {dead.ErrorCategory?.ToString().ToLowerInvariant()}: {dead.ErrorMessage}) runs again");
        change.Reply(new RunReplayed { JobId = job.CorrelationId, RunId = run.Id, ReplayOf = dead.Id, Timestamp = change.Now });
        Rerun(change);
    }

    static bool RefusesRuns(JobChange change)
    {
        var why = change.Status switch
        {
            _ when change.Job.DeletedAt is not null => "it is deleted",
            JobStatus.Paused => "it is paused",
            JobStatus.Disabled => "it is disabled",
            JobStatus.Cancelled => "it is cancelled",
            _ => null,
        };
        if (why is not null)
            Refuse(change, why);
        return why is not null;
    }

    // A finished job that runs again is scheduled until its run starts.
    static void Rerun(JobChange change)
    {
        if (change.Job.ActiveRuns > 0 && change.Status is JobStatus.Completed or JobStatus.Faulted)
            change.Status = JobStatus.Scheduled;
    }

    /// <summary>
    /// The run an outcome reports on, or null for one already ended (a timed-out handler completing late, a redelivery).
    /// An outcome can overtake its run's started event; it proves the run started, so the trail records the start
    /// first and stays in order. Returns the run and the status the outcome moves the job from.
    /// </summary>
    static (JobRun? Run, JobStatus From) OpenOutcome(JobChange change, Guid runId, int attempt, string? host, DateTimeOffset? startedAt, string outcome)
    {
        OpenArmedRun(change, runId, startedAt);
        var status = change.Status!.Value;
        var run = change.Run(runId);
        if (run is null)
            return (null, status);

        if (run.IsFinished)
        {
            change.Audit(AuditEvent.LateOutcome, ConsumerActor(host), status, status, runId,
                $"attempt {attempt} {outcome} after the run had ended {run.Status.ToWireName()}; nothing changes");
            return (null, status);
        }

        if (run.Status != RunStatus.Pending)
            return (run, status);

        var to = status == JobStatus.Cancelled || IsHeld(status) ? status : JobStatus.Running;
        change.Audit(AuditEvent.RunStarted, ConsumerActor(host), status, to, runId, $"attempt {attempt} (reported with its outcome)");
        return (run, to);
    }

    /// <summary>Opens the next attempt of a failed run's occurrence, due after the backoff, and brings it back to the job then.</summary>
    static JobRun ScheduleRetry(JobChange change, JobRun failed, TimeSpan backoff, DateTimeOffset failedAt)
    {
        var job = change.Job;
        var retry = change.OpenRun(failed.ScheduledFor, failed.Attempt + 1);

        // The backoff counts from the failure the consumer reported, so the spacing of attempts is the policy's.
        retry.DueAt = failedAt + backoff;
        retry.ReplayOf = failed.ReplayOf;
        job.CurrentRunId = retry.Id;
        job.RunCount++;
        job.LastRunAt = Latest(job.LastRunAt, failed.StartedAt);
        job.UpdatedAt = change.Now;
        change.Add(new JobEffect.ScheduleRetry(retry.Id, retry.DueAt.Value));
        return retry;
    }

    /// <summary>An occurrence has ended with <paramref name="run"/>: its slot is free.</summary>
    static void FinishOccurrence(JobChange change, JobRun run)
    {
        var job = change.Job;
        job.RunCount++;
        job.ActiveRuns = Math.Max(0, job.ActiveRuns - 1);
        job.LastRunAt = Latest(job.LastRunAt, run.StartedAt);
        job.LastRunStatus = run.Status;
        if (job.CurrentRunId == run.Id)
            job.CurrentRunId = null;
        job.UpdatedAt = change.Now;
    }

    /// <summary>Where a job goes when a run ends: a held (paused, disabled) or cancelled job stays so; any other settles.</summary>
    static JobStatus AfterRun(JobChange change) =>
        change.Status == JobStatus.Cancelled || IsHeld(change.Status) ? change.Status!.Value : Settled(change.Job);

    static string ConsumerActor(string? host) => string.IsNullOrEmpty(host) ? "consumer" : $"consumer:{host}";

    static string Describe(RunError error) => $"{error.Category.ToString().ToLowerInvariant()}: {error.Message}";

    static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
