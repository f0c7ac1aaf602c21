namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// When this instance's dispatcher started and last completed a round, for its health check: a dispatcher that stops
/// completing rounds is stalled whatever the due table says.
/// </summary>
public sealed class DispatcherPulse
{
    long _startedAt = long.MinValue;
    long _lastRoundAt = long.MinValue;

    /// <summary>When the dispatcher started, or null when it has not (or is disabled on this instance).</summary>
    public DateTimeOffset? StartedAt => Read(ref _startedAt);

    /// <summary>When the dispatcher last completed a round (sent, found nothing due, or found the scheduler paused).</summary>
    public DateTimeOffset? LastRoundAt => Read(ref _lastRoundAt);

    public void Started(DateTimeOffset at) => Interlocked.Exchange(ref _startedAt, at.UtcTicks);

    public void RoundCompleted(DateTimeOffset at) => Interlocked.Exchange(ref _lastRoundAt, at.UtcTicks);

    static DateTimeOffset? Read(ref long ticks)
    {
        var value = Interlocked.Read(ref ticks);
        return value == long.MinValue ? null : new DateTimeOffset(value, TimeSpan.Zero);
    }
}
