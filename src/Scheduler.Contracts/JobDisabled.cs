namespace Scheduler.Contracts;

/// <summary>Event: a job was switched off (also the reply to <see cref="DisableJob"/>).</summary>
public sealed record JobDisabled
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
