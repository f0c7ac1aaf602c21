namespace Scheduler.Contracts;

/// <summary>
/// Command: pause a job. Its occurrences stop coming (a run already out finishes); the pause is kept
/// across restarts. Answered with <see cref="JobPaused"/>, <see cref="JobNotFound"/> or <see cref="JobCommandRejected"/>.
/// </summary>
public sealed record PauseJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}
