namespace Scheduler.Service.Health;

/// <summary>One health check's result.</summary>
public sealed record HealthCheckResponse(string Name, string Status, string? Description, long DurationMs);
