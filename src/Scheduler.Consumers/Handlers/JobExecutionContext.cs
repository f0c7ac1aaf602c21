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

    /// <summary>Publishes a run's progress; set by the consumer that runs the handler.</summary>
    internal Func<double?, string?, CancellationToken, Task>? ProgressSink { get; init; }

    /// <summary>
    /// Reports how far the run has come; the scheduler shows the latest report on the run (<c>progress</c>,
    /// <c>progressMessage</c>). Cheap enough to call every few seconds; a report is a message, not a database write here.
    /// </summary>
    /// <param name="percent">From 0 to 100, or null when only the message says something.</param>
    /// <param name="message">What the handler is doing, for a person.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    public Task ReportProgressAsync(double? percent, string? message = null, CancellationToken cancellationToken = default)
    {
        if (percent is { } value && (double.IsNaN(value) || value < 0 || value > 100))
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "Progress is a percentage from 0 to 100.");

        return ProgressSink is null ? Task.CompletedTask : ProgressSink(percent, message, cancellationToken);
    }

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
