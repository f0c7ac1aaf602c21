namespace Scheduler.Service.Health;

/// <summary>One health check's result; <paramref name="Data"/> carries its figures (for the dispatcher: its lag and last round), when it has any.</summary>
public sealed record HealthCheckResponse(string Name, string Status, string? Description, long DurationMs,
    IReadOnlyDictionary<string, object>? Data = null);
