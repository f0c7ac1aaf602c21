namespace Scheduler.Contracts;

/// <summary>Event: a job was switched on (also the reply to <see cref="EnableJob"/>).</summary>
public sealed record JobEnabled
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>When the job runs next, if it is due to run.</summary>
    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
