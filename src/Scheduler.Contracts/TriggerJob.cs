namespace Scheduler.Contracts;

/// <summary>
/// Command: run a job now, once, besides its schedule. The run obeys the job's concurrency policy. Answered with
/// <see cref="JobTriggered"/>, <see cref="JobNotFound"/>, or <see cref="JobCommandRejected"/> when the job is paused or cancelled.
/// </summary>
public sealed record TriggerJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}
