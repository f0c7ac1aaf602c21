namespace Scheduler.Service.Hosting;

/// <summary>The request rate each API key gets (configuration section <c>Scheduler:RateLimit</c>): a token bucket.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Scheduler:RateLimit";

    /// <summary>Requests per second a key may make, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Requests a key may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 200;
}
