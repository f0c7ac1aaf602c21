using Scheduler.Contracts;

namespace Scheduler.Service.Lifecycle;

// Commands: update, pause, resume, cancel, delete; and how a job's schedule starts and stops.
public static partial class JobDecider
{
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

        var errors = input.Errors.Count > 0 ? input.Errors : CalendarErrors(input.Command.Schedule, change.Facts);
        if (errors.Count > 0)
        {
            change.Reply(Rejected(job, errors, change.Now));
            return;
        }

        Redefine(change, JobDefinition.Of(input.Command, job), input.Actor);
        change.Reply(new JobUpdated { JobId = job.CorrelationId, NextRunAt = job.NextRunAt, Timestamp = change.Now });
    }

    /// <summary>The job takes <paramref name="definition"/>: its old schedule's pending occurrences go, the new one starts (stored paused while the job is held).</summary>
    static void Redefine(JobChange change, ScheduleJob definition, string actor)
    {
        var job = change.Job;
        CancelSchedules(change);
        JobDefinition.Apply(job, definition, change.Now);
        change.Audit(AuditEvent.Updated, actor, change.Status, change.Status!.Value,
            detail: $"handler {job.Handler}, {JobDefinition.Describe(definition.Schedule)}, next run at {Format(job.NextRunAt!.Value)}");
        if (IsHeld(change.Status))
        {
            if (job.IsRecurring())
                change.Add(new JobEffect.ScheduleRecurrence(job.RecurringRule(), job.Schedule?.Jitter, Paused: true));
        }
        else
        {
            StartSchedule(change);
            if (change.Status is JobStatus.Completed or JobStatus.Faulted or JobStatus.Cancelled)
                change.Status = JobStatus.Scheduled;
        }
    }

    // A pause with an end resumes by itself then; pausing a paused job with an end moves it.
    static void Pause(JobChange change, JobInput.Pause input)
    {
        if (input.Until is { } end && end <= change.Now && change.Status is JobStatus.Scheduled or JobStatus.Running or JobStatus.Paused)
        {
            Refuse(change, $"a pause until {Format(end)} would end before it begins");
            return;
        }

        switch (change.Status)
        {
            case JobStatus.Scheduled or JobStatus.Running:
                Disarm(change);
                Unschedule(change);
                if (change.Job.IsRecurring())
                    change.Add(new JobEffect.PauseRecurrence());
                change.Job.UpdatedAt = change.Now;
                change.Job.PauseReason = Shortened(input.Reason);
                EndPauseAt(change, input.Until);
                change.Audit(AuditEvent.Paused, input.Actor, change.Status, JobStatus.Paused, detail: PauseDetail(input));
                change.Status = JobStatus.Paused;
                break;
            case JobStatus.Paused when input.Until is not null:
                change.Job.UpdatedAt = change.Now;
                change.Job.PauseReason = Shortened(input.Reason) ?? change.Job.PauseReason;
                EndPauseAt(change, input.Until);
                change.Audit(AuditEvent.Paused, input.Actor, JobStatus.Paused, JobStatus.Paused, detail: PauseDetail(input));
                break;
            case JobStatus.Paused:
                break;
            case JobStatus.Disabled:
                Refuse(change, "it is disabled");
                return;
            default:
                Refuse(change, "it has finished");
                return;
        }

        change.Reply(new JobPaused { JobId = change.Job.CorrelationId, Until = change.Job.PausedUntil, Timestamp = change.Now });
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
            Refuse(change, change.Status == JobStatus.Disabled ? "it is disabled: enable it" : "it has finished");
            return;
        }

        EndPauseAt(change, until: null);

        if (job.IsRecurring())
        {
            LedgerPaused(change, job.NextRunAt);
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
            RunDecided(change, MisfireDecision.For(job.Misfire, overdue, [], change.Now), [overdue]);
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
        if (change.Status is JobStatus.Scheduled or JobStatus.Running or JobStatus.Paused or JobStatus.Disabled)
        {
            CancelSchedules(change);
            EndPauseAt(change, until: null);
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
        var to = from is JobStatus.Scheduled or JobStatus.Running or JobStatus.Paused or JobStatus.Disabled ? JobStatus.Cancelled : from;
        if (to != from)
        {
            CancelSchedules(change);
            EndPauseAt(change, until: null);
        }

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
}
