using System.Text.Json.Serialization;

namespace Scheduler.Contracts;

/// <summary>How a failed run is retried.</summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts per occurrence, the first included (1 to 20).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxAttempts { get; init; }

    /// <summary>Delay before the second attempt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? InitialDelay { get; init; }

    /// <summary>The longest delay between attempts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? MaxDelay { get; init; }

    /// <summary>How the delay grows between attempts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BackoffKind? Backoff { get; init; }

    /// <summary>When true, each delay is drawn uniformly between zero and the computed delay.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Jitter { get; init; }
}
