using Scheduler.Contracts;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Something that happens to one job: a command from a client, an occurrence or a retry falling due, or what a
/// consumer reports about a run. <see cref="JobDecider"/> decides what each does; the bus and the batch paths only
/// translate their messages into these.
/// </summary>
public abstract record JobInput
{
    JobInput()
    {
    }

    /// <summary>Create the job <paramref name="Command"/> defines; <paramref name="Errors"/> are what validation found (empty: valid).</summary>
    public sealed record Schedule(ScheduleJob Command, IReadOnlyList<FieldError> Errors, string Actor) : JobInput;

    /// <summary>
    /// A schedule command whose key (<see cref="ScheduleJob.Key"/>) names this job: its definition replaces the job's,
    /// unless it is the same; <paramref name="Errors"/> are what validation found in it.
    /// </summary>
    public sealed record Upsert(ScheduleJob Command, IReadOnlyList<FieldError> Errors, string Actor) : JobInput;

    /// <summary>Replace the job's definition; <paramref name="Errors"/> are what validation found in the new one.</summary>
    public sealed record Update(UpdateJob Command, IReadOnlyList<FieldError> Errors, string Actor) : JobInput;

    /// <summary>
    /// The one-shot's due message came back. <paramref name="Token"/> is its scheduling token: one the job no longer
    /// waits for (it was rescheduled since) changes nothing.
    /// </summary>
    public sealed record OneShotDue(Guid? Token, DateTimeOffset? Occurrence, DateTimeOffset? SentAt) : JobInput;

    /// <summary>An occurrence of the recurring schedule is due, with those it sent late together with it.</summary>
    public sealed record OccurrenceDue(DateTimeOffset? Occurrence, DateTimeOffset? SentAt, IReadOnlyList<DateTimeOffset> Missed) : JobInput;

    /// <summary>A retry's backoff is over.</summary>
    public sealed record RetryDue(Guid RunId) : JobInput;

    public sealed record RunStarted(JobRunStarted Event) : JobInput;

    public sealed record RunSucceeded(JobRunSucceeded Event) : JobInput;

    public sealed record RunFailed(JobRunFailed Event) : JobInput;

    /// <summary>Run the job once now, besides its schedule.</summary>
    public sealed record Trigger(string? Reason, string Actor) : JobInput;

    /// <summary>Run a dead letter's occurrence again, with a fresh set of attempts.</summary>
    public sealed record Replay(Guid RunId, string Actor) : JobInput;

    /// <summary>Stop a run waiting for its consumer or running: it ends cancelled and is not retried.</summary>
    public sealed record CancelRun(Guid RunId, string? Reason, string Actor) : JobInput;

    /// <summary>Hold the job; with <paramref name="Until"/> the hold ends by itself then.</summary>
    public sealed record Pause(string? Reason, string Actor, DateTimeOffset? Until = null) : JobInput;

    /// <summary>The due message that ends a pause came back; one with a token the job no longer waits for changes nothing.</summary>
    public sealed record PauseEnds(Guid? Token) : JobInput;

    /// <summary>Switch the job off: kept and shown, it does not run and owes nothing when switched on.</summary>
    public sealed record Disable(string? Reason, string Actor) : JobInput;

    /// <summary>Switch a disabled job on: it goes on from its next occurrence.</summary>
    public sealed record Enable(string? Reason, string Actor) : JobInput;

    public sealed record Resumption(string? Reason, string Actor) : JobInput;

    public sealed record Cancel(string? Reason, string Actor) : JobInput;

    /// <summary>Run the schedule's occurrences from <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive), oldest first.</summary>
    public sealed record Backfill(DateTimeOffset From, DateTimeOffset To, string Actor) : JobInput;

    /// <summary>Delete the job: cancelled and hidden, its history kept.</summary>
    public sealed record Delete(string? Reason, string Actor) : JobInput;

    /// <summary>Remove a deleted job with its runs, audit trail and due messages.</summary>
    public sealed record Purge : JobInput;
}
