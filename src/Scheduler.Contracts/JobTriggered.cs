namespace Scheduler.Contracts;

/// <summary>Reply to <see cref="TriggerJob"/>: what became of the occurrence.</summary>
public sealed record JobTriggered
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run opened for it; null when it was queued behind a running one or skipped.</summary>
    public Guid? RunId { get; init; }

    /// <summary><c>started</c>, <c>queued</c> or <c>skipped</c> (the job is at its concurrency limit).</summary>
    public required string Outcome { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
