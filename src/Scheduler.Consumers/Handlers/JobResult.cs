using System.Text.Json;

namespace Scheduler.Consumers.Handlers;

/// <summary>Builds a handler's JSON result in the scheduler's wire format.</summary>
public static class JobResult
{
    /// <summary>
    /// Serializes <paramref name="value"/> with camelCase names, ISO 8601 durations and UTC instants,
    /// as <see cref="JobExecutionContext.PayloadAs{T}"/> reads payloads.
    /// </summary>
    public static JsonElement From<T>(T value) => JsonSerializer.SerializeToElement(value, HandlerJson.Options);
}
