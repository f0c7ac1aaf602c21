namespace Scheduler.Contracts;

/// <summary>Event: a job was paused (also the reply to <see cref="PauseJob"/>).</summary>
public sealed record JobPaused
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>When the pause ends by itself, if it does.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
