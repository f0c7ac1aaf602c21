namespace Scheduler.Consumers.BuiltIn;

/// <summary>The result of the <c>health-check</c> handler: whether every URL answered as expected, and each one's answer.</summary>
public sealed record HealthCheckResult(bool Healthy, IReadOnlyList<UrlHealth> Checks);
