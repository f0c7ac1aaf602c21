namespace Scheduler.Contracts;

/// <summary>Event: a run's handler failed.</summary>
public sealed record JobRunFailed
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run.</summary>
    public Guid RunId { get; init; }

    /// <summary>The attempt number within the occurrence.</summary>
    public int Attempt { get; init; }

    /// <summary>When the handler started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the handler failed.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>How long the handler ran, in milliseconds.</summary>
    public long DurationMs { get; init; }

    /// <summary>What went wrong.</summary>
    public required RunError Error { get; init; }

    /// <summary>The consumer host that ran it.</summary>
    public string? Host { get; init; }
}
