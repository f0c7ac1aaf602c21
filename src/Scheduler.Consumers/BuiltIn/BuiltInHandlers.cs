namespace Scheduler.Consumers.BuiltIn;

/// <summary>The names of the handlers every scheduler knows, for tests and demos.</summary>
public static class BuiltInHandlers
{
    /// <summary>Does nothing and succeeds; the payload is ignored.</summary>
    public const string Noop = "noop";

    /// <summary>Waits for the payload's <c>duration</c> (ISO 8601, default PT1S), honouring cancellation.</summary>
    public const string Sleep = "sleep";

    /// <summary>Fails as the payload says: <c>{"message": "boom", "permanent": false, "times": 2}</c>.</summary>
    public const string Fail = "fail";

    /// <summary>Sends an HTTP request and records the response: <c>{"url": "https://...", "method": "POST", "expectedStatus": 204}</c>.</summary>
    public const string Http = "http";

    /// <summary>GETs URLs and publishes <c>ServiceUnhealthy</c> for each that fails: <c>{"urls": ["https://..."]}</c>.</summary>
    public const string HealthCheck = "health-check";

    /// <summary>Applies the retention of run history; served by the scheduler service itself, which owns the history.</summary>
    public const string CleanupHistory = "cleanup-history";

    /// <summary>All built-in handler names.</summary>
    public static IReadOnlyList<string> Names { get; } = [Noop, Sleep, Fail, Http, HealthCheck, CleanupHistory];
}
