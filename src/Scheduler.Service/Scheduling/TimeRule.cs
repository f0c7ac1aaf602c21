namespace Scheduler.Service.Scheduling;

/// <summary>
/// A recurring rule that yields the instants a job is due: a cron expression or an RFC 5545 recurrence rule
/// in a time zone, or a fixed interval; bounded by an optional window (start inclusive, end exclusive).
/// Immutable and thread-safe.
/// </summary>
public abstract class TimeRule
{
    /// <summary>The first due instant strictly after <paramref name="instant"/>, in UTC; null when the rule has ended.</summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset instant);

    /// <summary>
    /// The rule as it is stored and given back to <see cref="TimeRuleParser.FromStored"/>: <c>cron:{expression}</c>,
    /// <c>every:{ISO 8601 duration}</c> or <c>rrule:{rule}</c>.
    /// </summary>
    public abstract string Expression { get; }

    /// <summary>The IANA id of the zone the rule is read in (<c>UTC</c> for intervals).</summary>
    public abstract string TimeZoneId { get; }

    /// <summary>No occurrence before this instant (inclusive); also the anchor of an interval or a recurrence rule.</summary>
    public abstract DateTimeOffset? StartAt { get; }

    /// <summary>No occurrence at or after this instant (exclusive).</summary>
    public abstract DateTimeOffset? EndAt { get; }
}
