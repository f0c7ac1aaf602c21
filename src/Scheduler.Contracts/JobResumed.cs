namespace Scheduler.Contracts;

/// <summary>Event: a job was resumed (also the reply to <see cref="ResumeJob"/>).</summary>
public sealed record JobResumed
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
