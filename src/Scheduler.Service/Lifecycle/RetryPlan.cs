using Scheduler.Contracts;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// A job's <see cref="RetryPolicy"/> with its defaults filled in: how many attempts an occurrence gets and how long
/// to wait before each retry. Exponential backoff doubles from the initial delay up to the maximum; full jitter draws
/// each delay uniformly between zero and that.
/// </summary>
public sealed record RetryPlan
{
    public const int DefaultMaxAttempts = 3;
    public static readonly TimeSpan DefaultInitialDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromHours(1);

    RetryPlan(int maxAttempts, TimeSpan initialDelay, TimeSpan maxDelay, BackoffKind backoff, bool jitter)
    {
        MaxAttempts = maxAttempts;
        InitialDelay = initialDelay;
        MaxDelay = maxDelay;
        Backoff = backoff;
        Jitter = jitter;
    }

    /// <summary>Attempts per occurrence, the first included.</summary>
    public int MaxAttempts { get; }

    public TimeSpan InitialDelay { get; }

    /// <summary>The longest wait before a retry; never shorter than <see cref="InitialDelay"/>.</summary>
    public TimeSpan MaxDelay { get; }

    public BackoffKind Backoff { get; }
    public bool Jitter { get; }

    public static RetryPlan For(RetryPolicy? policy)
    {
        var initial = policy?.InitialDelay ?? DefaultInitialDelay;
        var max = policy?.MaxDelay ?? (initial > DefaultMaxDelay ? initial : DefaultMaxDelay);
        return new RetryPlan(policy?.MaxAttempts ?? DefaultMaxAttempts, initial, max < initial ? initial : max,
            policy?.Backoff ?? BackoffKind.Exponential, policy?.Jitter ?? false);
    }

    /// <summary>True when an occurrence whose attempt <paramref name="failedAttempt"/> failed with <paramref name="category"/> is tried again.</summary>
    public bool Retries(int failedAttempt, ErrorCategory category) =>
        category != ErrorCategory.Permanent && failedAttempt < MaxAttempts;

    /// <summary>
    /// The wait before the attempt after <paramref name="failedAttempt"/>. <paramref name="unitRandom"/>, in [0, 1),
    /// scales it when the plan has jitter.
    /// </summary>
    public TimeSpan DelayAfter(int failedAttempt, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(unitRandom, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unitRandom, 1d);

        var delay = Backoff == BackoffKind.Fixed ? InitialDelay : Doubled(failedAttempt - 1);
        return Jitter ? TimeSpan.FromTicks((long)(delay.Ticks * unitRandom)) : delay;
    }

    TimeSpan Doubled(int times)
    {
        // Past 2^40 any initial delay of a tick or more is beyond every maximum; stop before the multiplication overflows.
        if (times >= 40 || InitialDelay.Ticks > MaxDelay.Ticks >> times)
            return MaxDelay;

        return TimeSpan.FromTicks(InitialDelay.Ticks << times);
    }
}
