using Scheduler.Contracts;

namespace Scheduler.Service.Lifecycle;

// Holds: a pause that ends by itself, and a job switched off (disabled) and on again. A pause is owed: on resume the
// misfire policy decides what its missed occurrences get. A disabled job owes nothing: it goes on from its next one.
public static partial class JobDecider
{
    /// <summary>True while the job is held: paused or disabled. Its runs already out finish; nothing new starts.</summary>
    static bool IsHeld(JobStatus? status) => status is JobStatus.Paused or JobStatus.Disabled;

    /// <summary>The pause ends by itself at <paramref name="until"/> (its due message replaced), or only when resumed (null).</summary>
    static void EndPauseAt(JobChange change, DateTimeOffset? until)
    {
        var job = change.Job;
        if (job.PauseTokenId is { } token)
            change.Add(new JobEffect.CancelDue(token));

        job.PausedUntil = until;
        job.PauseTokenId = until is null ? null : change.Grounds.NewId(change.Now);
        if (until is null)
            job.PauseReason = null;
        else
            change.Add(new JobEffect.SchedulePauseEnd(until.Value, job.PauseTokenId!.Value));
    }

    // A reason from the bus is not validated: the job keeps what its column holds; the audit trail keeps it whole.
    static string? Shortened(string? reason) => reason is { Length: > JobState.MaxPauseReasonLength } ? reason[..JobState.MaxPauseReasonLength] : reason;

    static string? PauseDetail(JobInput.Pause input) => (input.Reason, input.Until) switch
    {
        (null, null) => null,
        (_, null) => input.Reason,
        (null, { } until) => $"until {Format(until)}",
        (_, { } until) => $"{input.Reason} (until {Format(until)})",
    };

    // The end of a pause the job no longer has (resumed, or paused again with another end since) changes nothing.
    static void PauseEnds(JobChange change, JobInput.PauseEnds input)
    {
        var job = change.Job;
        if (change.Status != JobStatus.Paused || job.PauseTokenId is not { } token || (input.Token is { } due && due != token))
            return;

        var until = job.PausedUntil ?? change.Now;
        job.PauseTokenId = null;
        Resume(change, new JobInput.Resumption($"the pause until {Format(until)} is over", SchedulerActor));
    }

    static void Disable(JobChange change, JobInput.Disable input)
    {
        var job = change.Job;
        switch (change.Status)
        {
            case JobStatus.Scheduled or JobStatus.Running or JobStatus.Paused:
                Disarm(change);
                Unschedule(change);
                EndPauseAt(change, until: null);
                if (job.IsRecurring() && change.Status != JobStatus.Paused)
                    change.Add(new JobEffect.PauseRecurrence());

                // Occurrences waiting for a slot are not owed either.
                job.QueuedOccurrences = null;
                job.UpdatedAt = change.Now;
                change.Audit(AuditEvent.Disabled, input.Actor, change.Status, JobStatus.Disabled, detail: input.Reason);
                change.Status = JobStatus.Disabled;
                break;
            case JobStatus.Disabled:
                break;
            default:
                Refuse(change, job.DeletedAt is not null ? "it is deleted" : change.Status == JobStatus.Cancelled ? "it is cancelled" : "it has finished");
                return;
        }

        change.Reply(new JobDisabled { JobId = job.CorrelationId, Timestamp = change.Now });
    }

    // A recurring job goes on from its next occurrence after now; a one-shot whose instant passed meanwhile runs now,
    // since it never ran at all, and one whose instant is to come waits for it.
    static void Enable(JobChange change, JobInput.Enable input)
    {
        var job = change.Job;
        if (change.Status is JobStatus.Scheduled or JobStatus.Running or JobStatus.Paused)
        {
            change.Reply(new JobEnabled { JobId = job.CorrelationId, NextRunAt = job.NextRunAt, Timestamp = change.Now });
            return;
        }

        if (change.Status != JobStatus.Disabled)
        {
            Refuse(change, job.DeletedAt is not null ? "it is deleted" : change.Status == JobStatus.Cancelled ? "it is cancelled" : "it has finished");
            return;
        }

        if (job.IsRecurring())
        {
            LedgerDisabled(change, job.NextRunAt);
            job.NextRunAt = job.NextRunAt is null ? null : job.RecurringRule().NextAfter(change.Now);
            change.Add(new JobEffect.ResumeRecurrence(job.NextRunAt));
        }
        else if (job.NextRunAt > change.Now)
        {
            ScheduleOneShot(change);
        }
        else if (job.NextRunAt is not null)
        {
            change.Status = Settled(job);
            Admit(change, TakeOccurrenceNow(job), owed: false);
        }

        job.UpdatedAt = change.Now;
        change.Audit(AuditEvent.Enabled, input.Actor, JobStatus.Disabled, Settled(job), detail: input.Reason);
        change.Status = Settled(job);
        change.Reply(new JobEnabled { JobId = job.CorrelationId, NextRunAt = job.NextRunAt, Timestamp = change.Now });
    }
}
