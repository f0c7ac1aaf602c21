using Scheduler.Contracts.Serialization;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// Occurrences every fixed <see cref="Interval"/> of elapsed time on a grid anchored at <see cref="StartAt"/>:
/// anchor + k·interval for k = 0, 1, 2, … (the anchor itself is the first occurrence). A job scheduled without a
/// start is anchored at the moment it is scheduled, so its first run is one interval later. Elapsed time, not wall
/// time: daylight saving changes do not move the grid, which is why an interval has no time zone.
/// </summary>
public sealed class IntervalTimeRule : TimeRule
{
    /// <summary>The shortest interval accepted: the scheduler works in whole seconds.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    readonly OccurrenceWindow _window;

    /// <summary>An interval rule anchored at <paramref name="anchor"/>, ending before <paramref name="endAt"/> when given.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is shorter than <see cref="MinimumInterval"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endAt"/> is not after <paramref name="anchor"/>.</exception>
    public IntervalTimeRule(TimeSpan interval, DateTimeOffset anchor, DateTimeOffset? endAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, MinimumInterval);
        Interval = interval;
        _window = new OccurrenceWindow(anchor, endAt);
    }

    /// <summary>The elapsed time between two occurrences.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The instant the grid is anchored at, which is also the first occurrence.</summary>
    public DateTimeOffset Anchor => _window.Start!.Value;

    public override string Expression => "every:" + IsoDuration.Format(Interval);

    public override string TimeZoneId => "UTC";

    public override DateTimeOffset? StartAt => _window.Start;

    public override DateTimeOffset? EndAt => _window.End;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        if (instant < Anchor)
            return _window.Admit(Anchor);

        // Whole intervals elapsed since the anchor, plus one: the first grid point strictly after the instant.
        var steps = (instant - Anchor).Ticks / Interval.Ticks + 1;
        var ticks = Anchor.UtcTicks + (decimal)steps * Interval.Ticks;
        return ticks > DateTimeOffset.MaxValue.UtcTicks
            ? null
            : _window.Admit(new DateTimeOffset((long)ticks, TimeSpan.Zero));
    }
}
