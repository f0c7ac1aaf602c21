using System.Text.Json;

namespace Scheduler.Contracts;

/// <summary>
/// Command: run one attempt of a job. Sent by the scheduler to the handler's queue
/// (<see cref="HandlerEndpoint.QueueName"/>); the consumer answers with run events.
/// </summary>
public sealed record ExecuteJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run: one attempt at one occurrence.</summary>
    public Guid RunId { get; init; }

    /// <summary>The tenant that owns the job.</summary>
    public required string TenantId { get; init; }

    /// <summary>The handler to run.</summary>
    public required string Handler { get; init; }

    /// <summary>The job's name, for logs.</summary>
    public string? Name { get; init; }

    /// <summary>The handler's input.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>The attempt number within the occurrence, from 1.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The instant the occurrence was due.</summary>
    public DateTimeOffset ScheduledFor { get; init; }

    /// <summary>How long the run may take before its cancellation token fires.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A run still going after this long raises <see cref="JobRunOverdue"/>; null: never.</summary>
    public TimeSpan? AlertAfter { get; init; }
}
