namespace Scheduler.Contracts;

/// <summary>Reply to <see cref="UpdateJob"/>: the job's new definition is stored.</summary>
public sealed record JobUpdated
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>When the job runs next under its new schedule; null when it does not.</summary>
    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
