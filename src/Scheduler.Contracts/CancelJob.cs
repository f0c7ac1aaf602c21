namespace Scheduler.Contracts;

/// <summary>
/// Command: cancel a job. Its pending and future occurrences are dropped; a run already out finishes and is
/// recorded. Answered with <see cref="JobCancelled"/>, or <see cref="JobNotFound"/>.
/// </summary>
public sealed record CancelJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}
