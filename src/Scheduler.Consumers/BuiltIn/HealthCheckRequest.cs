namespace Scheduler.Consumers.BuiltIn;

/// <summary>The payload of the <c>health-check</c> handler: the URLs to GET, and the status that counts as healthy (default any 2xx).</summary>
public sealed record HealthCheckRequest(IReadOnlyList<string> Urls, int? ExpectedStatus = null, TimeSpan? Timeout = null);
