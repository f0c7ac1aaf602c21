namespace Scheduler.Contracts;

/// <summary>Event: a job was cancelled (also the reply to <see cref="CancelJob"/>, including for a job cancelled before).</summary>
public sealed record JobCancelled
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
