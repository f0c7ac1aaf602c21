using Cronos;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// A parsed cron expression as Cronos computes it: one expression, or two whose occurrences are merged when both day
/// fields are restricted (Vixie cron's OR rule). Immutable and thread-safe, as Cronos's expressions are.
/// </summary>
internal sealed class CronPattern
{
    // Cronos computes up to the end of year 2499 and refuses to start later.
    static readonly DateTime LastComputable = new(2499, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    readonly IReadOnlyList<CronExpression> _expressions;

    public CronPattern(IReadOnlyList<CronExpression> expressions, bool includesSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(expressions.Count);
        _expressions = expressions;
        IncludesSeconds = includesSeconds;
    }

    /// <summary>True when the expression has a seconds field; otherwise it fires on whole minutes.</summary>
    public bool IncludesSeconds { get; }

    /// <summary>
    /// The first occurrence strictly after <paramref name="instant"/> in <paramref name="zone"/>, as Cronos places it
    /// around daylight saving changes (a skipped local time at the end of the gap; a repeated one once, except for
    /// fields that step through seconds, minutes or hours); null when there is none Cronos can compute.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (instant.UtcDateTime >= LastComputable)
            return null;

        DateTimeOffset? earliest = null;
        foreach (var expression in _expressions)
        {
            if (expression.GetNextOccurrence(instant, zone) is { } next && (earliest is null || next < earliest))
                earliest = next;
        }

        return earliest?.ToUniversalTime();
    }

    /// <summary>Whether the wall-clock time <paramref name="local"/> matches the fields, whatever the zone makes of it.</summary>
    public bool MatchesWallClock(DateTime local)
    {
        var asUtc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
        return _expressions.Any(e => e.GetNextOccurrence(asUtc, inclusive: true) == asUtc);
    }
}
