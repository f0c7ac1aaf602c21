namespace Scheduler.Contracts;

/// <summary>
/// Command: pause a job. Its occurrences stop coming (a run already out finishes); the pause is kept
/// across restarts. With <see cref="Until"/> the job resumes by itself then; on resume the misfire policy decides
/// what the occurrences missed meanwhile get. Pausing a paused job with an <see cref="Until"/> moves its end. Answered with <see cref="JobPaused"/>, <see cref="JobNotFound"/> or <see cref="JobCommandRejected"/>.
/// </summary>
public sealed record PauseJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail; the job shows it while paused.</summary>
    public string? Reason { get; init; }

    /// <summary>When the pause ends by itself (later than now); absent: until it is resumed.</summary>
    public DateTimeOffset? Until { get; init; }
}
