using System.Text.Json;

namespace Scheduler.Consumers.Handlers;

/// <summary>What a handler knows about the run it executes.</summary>
public sealed record JobExecutionContext
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run: one attempt at one occurrence.</summary>
    public Guid RunId { get; init; }

    /// <summary>The tenant that owns the job.</summary>
    public required string TenantId { get; init; }

    /// <summary>The name of the handler the run was sent to.</summary>
    public required string Handler { get; init; }

    /// <summary>The job's name, for logs.</summary>
    public string? Name { get; init; }

    /// <summary>The attempt number within the occurrence, from 1.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The instant the occurrence was due.</summary>
    public DateTimeOffset ScheduledFor { get; init; }

    /// <summary>The handler's input, as sent with the job.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>
    /// Reads the payload as <typeparamref name="T"/> in the scheduler's wire format (camelCase names,
    /// ISO 8601 durations and instants); <see langword="default"/> when the job has no payload.
    /// </summary>
    /// <exception cref="PermanentJobFailureException">The payload does not fit <typeparamref name="T"/>: the same input would fail again.</exception>
    public T? PayloadAs<T>()
    {
        if (Payload is not { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } payload)
            return default;

        try
        {
            return payload.Deserialize<T>(HandlerJson.Options);
        }
        catch (JsonException exception)
        {
            throw new PermanentJobFailureException(
                $"The payload for handler '{Handler}' is not valid: {exception.Message}", exception);
        }
    }
}
