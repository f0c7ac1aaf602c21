namespace Scheduler.Contracts;

/// <summary>
/// Command: delete a job. It is cancelled (if it was not finished) and marked deleted: lists leave it out, its runs
/// and audit trail are kept. Answered with <see cref="JobDeleted"/> (also for a job deleted before), or <see cref="JobNotFound"/>.
/// </summary>
public sealed record DeleteJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}
