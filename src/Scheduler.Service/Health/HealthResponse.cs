namespace Scheduler.Service.Health;

/// <summary>The answer of a health endpoint: the overall status and each check's.</summary>
public sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckResponse> Checks);
