namespace Scheduler.Contracts;

/// <summary>Reply to <see cref="DeleteJob"/>: the job is cancelled and marked deleted.</summary>
public sealed record JobDeleted
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
