namespace Scheduler.Contracts;

/// <summary>
/// Command: run a dead letter (a faulted run) again, as a new run of the same occurrence whose attempt numbers go on
/// from the dead letter's, with a fresh set of attempts. Answered with <see cref="RunReplayed"/>, <see cref="JobNotFound"/>, or <see cref="JobCommandRejected"/>
/// when the run is not a dead letter, was replayed already, or the job is paused or cancelled.
/// </summary>
public sealed record ReplayRun
{
    /// <summary>The job the run belongs to.</summary>
    public Guid JobId { get; init; }

    /// <summary>The faulted run.</summary>
    public Guid RunId { get; init; }
}
