using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Ledger;
using Scheduler.Service.Scheduling;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// What a decision asks the world to do, as values: <see cref="JobEffectApplier"/> carries them out in the
/// transaction that stores the job's new state, so none exists without the other.
/// </summary>
public abstract record JobEffect
{
    JobEffect()
    {
    }

    /// <summary>Store this run record as it now is: a run <paramref name="Opened"/> by the decision, or a change to a stored one.</summary>
    public sealed record SaveRun(JobRun Run, bool Opened) : JobEffect;

    /// <summary>
    /// Send <paramref name="Message"/> to its handler's queue at <paramref name="DueAt"/> (now, or an armed one-shot's
    /// instant) through the due table, under <paramref name="Token"/>.
    /// </summary>
    public sealed record SendRun(ExecuteJob Message, DateTimeOffset DueAt, JobPriority Priority, Guid Token) : JobEffect;

    /// <summary>Bring the one-shot's occurrence back to the job at <paramref name="DueAt"/>, under <paramref name="Token"/>.</summary>
    public sealed record ScheduleOneShot(DateTimeOffset DueAt, Guid Token) : JobEffect;

    /// <summary>Bring the run back to the job when its retry's backoff is over.</summary>
    public sealed record ScheduleRetry(Guid RunId, DateTimeOffset DueAt) : JobEffect;

    /// <summary>Take back a due message that has not been sent (an armed run or a one-shot's occurrence).</summary>
    public sealed record CancelDue(Guid Token) : JobEffect;

    /// <summary>Store the job's recurring schedule (replacing an earlier one); stored paused, it waits for a resume.</summary>
    public sealed record ScheduleRecurrence(TimeRule Rule, TimeSpan? Jitter, bool Paused) : JobEffect;

    public sealed record PauseRecurrence : JobEffect;

    /// <summary>Bring the end of the job's pause back to it at <paramref name="DueAt"/>, under <paramref name="Token"/>.</summary>
    public sealed record SchedulePauseEnd(DateTimeOffset DueAt, Guid Token) : JobEffect;

    /// <summary>Unpause the recurring schedule at <paramref name="Next"/>; null: it has ended, remove it.</summary>
    public sealed record ResumeRecurrence(DateTimeOffset? Next) : JobEffect;

    public sealed record CancelRecurrence : JobEffect;

    /// <summary>Write an entry in the job's audit trail.</summary>
    public sealed record Audit(DateTimeOffset At, AuditEvent Event, string Actor, JobStatus? From, JobStatus To, Guid? RunId = null, string? Detail = null)
        : JobEffect;

    /// <summary>Schedule a follow-up job: its command goes to admission through the due table at <paramref name="DueAt"/>, so it is sent once the decision is stored.</summary>
    public sealed record ScheduleFollowUp(ScheduleJob Command, DateTimeOffset DueAt) : JobEffect;

    /// <summary>Answer the message that brought the input.</summary>
    public sealed record Reply(object Message) : JobEffect;

    /// <summary>Publish an event on the bus.</summary>
    public sealed record Publish(object Message) : JobEffect;

    /// <summary>
    /// Add the entry <paramref name="Id"/> to the job's occurrence ledger, decided at <paramref name="At"/>: the occurrence due at
    /// <paramref name="DueAt"/> met <paramref name="Fate"/> (with the run opened for it, and why); <paramref name="Backfill"/>
    /// when a backfill asked for it.
    /// </summary>
    public sealed record RecordOccurrence(Guid Id, DateTimeOffset At, DateTimeOffset DueAt, OccurrenceFate Fate, Guid? RunId, string? Detail, bool Backfill = false) : JobEffect;

    /// <summary>Remove the job with its runs, audit trail and due messages.</summary>
    public sealed record Remove : JobEffect;
}
