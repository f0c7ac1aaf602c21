using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Ledger;

namespace Scheduler.Service.Lifecycle;

// Occurrences: when one falls due, the misfire policy decides which run; the concurrency policy decides whether each
// starts, waits for a slot or is dropped. A one-shot whose occurrence needs no decision when it comes is armed: its
// run is written ahead, due at its instant, and goes to the handler without the saga.
public static partial class JobDecider
{
    const string SchedulerActor = "scheduler";

    // A due message the job no longer waits for (it was rescheduled since) changes nothing.
    static void OneShotDue(JobChange change, JobInput.OneShotDue due)
    {
        var job = change.Job;
        if (due.Token is { } token && token != job.DueTokenId)
            return;

        job.DueTokenId = null;
        if (change.Status is JobStatus.Scheduled or JobStatus.Running)
            RunOccurrence(change, due.Occurrence, due.SentAt, []);
    }

    // A due message for an occurrence already handled (the dispatcher sent it twice) changes nothing.
    static void RunOccurrence(JobChange change, DateTimeOffset? dueAt, DateTimeOffset? sentAt, IReadOnlyList<DateTimeOffset> missed)
    {
        var job = change.Job;
        var occurrence = dueAt ?? job.NextRunAt ?? change.Now;
        if (job.LastOccurrenceAt is { } handled && occurrence <= handled)
            return;

        job.LastOccurrenceAt = occurrence;
        job.NextRunAt = job.IsRecurring() ? job.RecurringRule().NextAfter(occurrence) : null;
        job.UpdatedAt = change.Now;
        if (!ExcludedByCalendar(change, occurrence))
        {
            var considered = NotExcluded(change, missed);
            RunDecided(change, MisfireDecision.For(job.Misfire, occurrence, considered, sentAt ?? change.Now), [.. considered, occurrence]);
        }

        // Nothing went out and nothing is to come (a one-shot's late occurrence skipped, a schedule's last one): it has finished.
        if (job.ActiveRuns == 0)
            change.Status = Settled(job);
    }

    static void RunDecided(JobChange change, MisfireDecision decision, IReadOnlyList<DateTimeOffset> considered)
    {
        if (decision.Note is { } note)
            change.Audit(AuditEvent.Misfire, SchedulerActor, change.Status, change.Status!.Value, detail: note);

        foreach (var skipped in decision.Skipped)
            Ledger(change, skipped, OccurrenceFate.Misfired, Skip(change, skipped).Id, decision.Note);

        foreach (var due in decision.ToRun)
            LedgerAdmission(change, due, Admit(change, due, owed: decision.CatchesUp), decision.Note);

        LedgerUnrun(change, decision, considered);
    }

    /// <summary>
    /// Opens a run for <paramref name="occurrence"/> and sends it, when the job has a free slot. At its limit the
    /// overlap policy decides, unless the occurrence is <paramref name="owed"/> (a catch-up), which always waits.
    /// </summary>
    static OccurrenceAdmission Admit(JobChange change, DateTimeOffset occurrence, bool owed)
    {
        var job = change.Job;
        var limit = job.Concurrency?.MaxInstances ?? 1;
        if (job.ActiveRuns < limit)
        {
            OpenAndSend(change, occurrence);
            return OccurrenceAdmission.Started;
        }

        var status = change.Status!.Value;
        var busy = $"{job.ActiveRuns} of {limit} run(s) out";
        var overlap = job.Concurrency?.Overlap ?? OverlapMode.Skip;
        if (owed || (overlap == OverlapMode.Queue && job.QueuedOccurrences is not { Count: > 0 }))
        {
            job.QueuedOccurrences = [.. job.QueuedOccurrences ?? [], occurrence];
            change.Audit(AuditEvent.RunQueued, SchedulerActor, status, status,
                detail: $"occurrence {Format(occurrence)} waits for a free slot ({busy})");
            return OccurrenceAdmission.Queued;
        }

        switch (overlap)
        {
            case OverlapMode.Allow:
                OpenAndSend(change, occurrence);
                return OccurrenceAdmission.Started;
            case OverlapMode.Replace:
                AbandonActiveRuns(change, $"replaced by the occurrence due at {Format(occurrence)}");
                OpenAndSend(change, occurrence);
                return OccurrenceAdmission.Started;
            default:
                var skipped = Skip(change, occurrence);
                change.Audit(AuditEvent.RunSkipped, SchedulerActor, status, status, skipped.Id,
                    overlap == OverlapMode.Queue
                        ? $"occurrence {Format(occurrence)} skipped: one occurrence already waits ({busy})"
                        : $"occurrence {Format(occurrence)} skipped: overlap skip ({busy})");
                return OccurrenceAdmission.Skipped;
        }
    }

    /// <summary>Records an occurrence that did not run (its misfire or overlap policy dropped it).</summary>
    static JobRun Skip(JobChange change, DateTimeOffset occurrence)
    {
        var run = change.OpenRun(occurrence);
        run.Status = RunStatus.Skipped;
        run.CompletedAt = change.Now;
        return run;
    }

    static JobRun OpenAndSend(JobChange change, DateTimeOffset occurrence, int attempt = 1, Guid? replayOf = null)
    {
        var run = change.OpenRun(occurrence, attempt);
        run.DueAt = run.CreatedAt;
        run.ReplayOf = replayOf;
        change.Job.ActiveRuns++;
        SendNow(change, run);
        return run;
    }

    /// <summary>Sends a run to its handler's queue: a message due now, written with the job's new state, so neither exists without the other.</summary>
    static void SendNow(JobChange change, JobRun run)
    {
        change.Job.CurrentRunId = run.Id;
        run.SentAt = change.Now;
        change.Add(new JobEffect.SendRun(Execution(change.Job, run.Id, run.Attempt, run.ScheduledFor), change.Now, change.Job.Priority,
            change.Grounds.NewId(change.Now)));
    }

    /// <summary>Starts waiting occurrences while the job has free slots (not while it is paused, unless it is being resumed).</summary>
    static JobRun? StartQueued(JobChange change, bool resuming = false)
    {
        var job = change.Job;
        if (change.Status == JobStatus.Cancelled || (IsHeld(change.Status) && !resuming))
            return null;

        JobRun? started = null;
        while (job.QueuedOccurrences is { Count: > 0 } queue && job.ActiveRuns < (job.Concurrency?.MaxInstances ?? 1))
        {
            job.QueuedOccurrences = queue.Count == 1 ? null : queue.Skip(1).ToList();
            started = OpenAndSend(change, queue[0]);
            Ledger(change, queue[0], OccurrenceFate.Ran, started.Id, "left the queue for a free slot");
        }

        return started;
    }

    static void RecordDequeued(JobChange change, JobRun? run)
    {
        if (run is not null)
            change.Audit(AuditEvent.QueuedRunSent, SchedulerActor, change.Status, change.Status!.Value, run.Id,
                $"occurrence {Format(run.ScheduledFor)} left the queue");
    }

    /// <summary>Gives up on every run of the job still out: each is recorded failed and its consumer told to stop.</summary>
    static void AbandonActiveRuns(JobChange change, string reason)
    {
        var job = change.Job;
        foreach (var run in change.UnfinishedRuns())
        {
            run.Status = RunStatus.Failed;
            run.CompletedAt = change.Now;
            run.ErrorCategory = ErrorCategory.Permanent;
            run.ErrorMessage = $"Abandoned: {reason}";
            job.FailureCount++;
            FinishOccurrence(change, run);
            change.Audit(AuditEvent.RunAbandoned, SchedulerActor, change.Status, change.Status!.Value, run.Id, $"attempt {run.Attempt} {reason}");
            change.Publish(new JobRunAbandoned { JobId = job.CorrelationId, RunId = run.Id, Reason = reason });
        }
    }

    /// <summary>The occurrence of a job that runs now (its instant, or the moment it was accepted), taken off its schedule.</summary>
    static DateTimeOffset TakeOccurrenceNow(JobState job)
    {
        var occurrence = job.NextRunAt ?? job.CreatedAt;
        job.LastOccurrenceAt = occurrence;
        job.NextRunAt = null;
        return occurrence;
    }

    /// <summary>
    /// A one-shot for later: its run armed in the due table when nothing needs deciding when it comes (under
    /// <c>fireNow</c> a late occurrence runs anyway), otherwise its due message comes back to the job.
    /// </summary>
    static void ScheduleOneShot(JobChange change)
    {
        var job = change.Job;
        var due = job.NextRunAt!.Value;
        job.DueTokenId = change.Grounds.NewId(change.Now);
        if (!CanArm(job))
        {
            change.Add(new JobEffect.ScheduleOneShot(due, job.DueTokenId.Value));
            return;
        }

        // The run's record opens when its consumer first reports (OpenArmedRun); until then the job shows its next run.
        job.ArmedRunId = change.Grounds.NewId(due);
        change.Add(new JobEffect.SendRun(Execution(job, job.ArmedRunId.Value, attempt: 1, due), due, job.Priority, job.DueTokenId.Value));
    }

    static bool CanArm(JobState job) => !job.IsRecurring() && (job.Misfire?.Policy ?? MisfireAction.FireNow) == MisfireAction.FireNow;

    /// <summary>
    /// Takes back the armed run before the job stops (cancel, pause, update, delete): while its message waits in the due
    /// table it goes with it; once the dispatcher has sent it, the run is out and is recorded as any other.
    /// </summary>
    static void Disarm(JobChange change)
    {
        var job = change.Job;
        if (job.ArmedRunId is not { } runId)
            return;

        if (job.DueTokenId is { } token && change.Facts.ArmedRunWaiting)
        {
            change.Add(new JobEffect.CancelDue(token));
            job.ArmedRunId = null;
            job.DueTokenId = null;
            return;
        }

        OpenArmedRun(change, runId, startedAt: null);
    }

    /// <summary>
    /// The armed run has left (its consumer reported, or the job stops after it was sent): the occurrence has fired,
    /// and the run's record opens as for any other. A late start is noted as a <c>fireNow</c> misfire.
    /// </summary>
    static void OpenArmedRun(JobChange change, Guid runId, DateTimeOffset? startedAt)
    {
        var job = change.Job;
        if (job.ArmedRunId != runId)
            return;

        var occurrence = job.NextRunAt ?? change.Now;
        var run = change.OpenRun(occurrence, attempt: 1, id: runId);
        run.DueAt = occurrence;
        run.SentAt = occurrence;
        job.ArmedRunId = null;
        job.DueTokenId = null;
        job.LastOccurrenceAt = occurrence;
        job.NextRunAt = null;
        job.ActiveRuns++;
        job.CurrentRunId = runId;
        job.UpdatedAt = change.Now;
        Ledger(change, occurrence, OccurrenceFate.Ran, runId, "armed ahead in the due table");

        if (startedAt is { } started && started - occurrence > (job.Misfire?.GraceTime ?? JobTiming.DefaultGraceTime))
            change.Audit(AuditEvent.Misfire, SchedulerActor, change.Status, change.Status!.Value,
                detail: $"fireNow: late occurrence runs now (started {Format(started)} for {Format(occurrence)})");
    }

    static ExecuteJob Execution(JobState job, Guid runId, int attempt, DateTimeOffset scheduledFor) => new()
    {
        JobId = job.CorrelationId,
        RunId = runId,
        TenantId = job.TenantId,
        Handler = job.Handler,
        Name = job.Name,
        Payload = job.Payload,
        Attempt = attempt,
        ScheduledFor = scheduledFor,
        Timeout = job.Timeout,
        AlertAfter = job.AlertAfter,
    };
}
