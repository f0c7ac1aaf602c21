namespace Scheduler.Contracts;

/// <summary>
/// Event: an occurrence failed for good — its last attempt failed, or the error was permanent. The run is kept as a
/// dead letter that <see cref="ReplayRun"/> (or <c>POST /api/runs/{runId}/replay</c>) runs again.
/// </summary>
public sealed record JobRunFaulted
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run that faulted: the last attempt of its occurrence.</summary>
    public Guid RunId { get; init; }

    /// <summary>The tenant that owns the job.</summary>
    public required string TenantId { get; init; }

    /// <summary>The handler that failed.</summary>
    public required string Handler { get; init; }

    /// <summary>The attempts made at the occurrence.</summary>
    public int Attempt { get; init; }

    /// <summary>The instant the occurrence was due.</summary>
    public DateTimeOffset ScheduledFor { get; init; }

    /// <summary>The last attempt's error.</summary>
    public required RunError Error { get; init; }

    /// <summary>When the scheduler recorded the fault.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
