namespace Scheduler.Contracts;

/// <summary>How a failed run is retried.</summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts per occurrence, the first included (1 to 20).</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Delay before the second attempt.</summary>
    public TimeSpan? InitialDelay { get; init; }

    /// <summary>The longest delay between attempts.</summary>
    public TimeSpan? MaxDelay { get; init; }

    /// <summary>How the delay grows between attempts.</summary>
    public BackoffKind? Backoff { get; init; }

    /// <summary>When true, each delay is drawn uniformly between zero and the computed delay.</summary>
    public bool? Jitter { get; init; }
}
