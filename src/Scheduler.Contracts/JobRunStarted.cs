namespace Scheduler.Contracts;

/// <summary>Event: a consumer has started a run.</summary>
public sealed record JobRunStarted
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run.</summary>
    public Guid RunId { get; init; }

    /// <summary>The attempt number within the occurrence.</summary>
    public int Attempt { get; init; }

    /// <summary>When the handler started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The consumer host that runs it.</summary>
    public string? Host { get; init; }
}
