using Scheduler.Service.Calendars;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Scheduling.TimeRules;

namespace Scheduler.Service.Api;

/// <summary>The next occurrences of a schedule: <c>GET /api/schedules/preview</c>.</summary>
/// <param name="Expression">The rule as it would be stored: <c>cron:…</c>, <c>every:…</c> or <c>rrule:…</c>.</param>
/// <param name="TimeZone">The IANA zone the rule is read in (<c>UTC</c> for intervals).</param>
/// <param name="Occurrences">Oldest first; fewer than asked for when the rule ends.</param>
public sealed record SchedulePreviewResponse(string Expression, string TimeZone, IReadOnlyList<ScheduleOccurrence> Occurrences)
{
    /// <summary>The response for <paramref name="occurrences"/> of <paramref name="rule"/>, each marked with what <paramref name="calendar"/> excludes.</summary>
    public static SchedulePreviewResponse From(TimeRule rule, IEnumerable<DateTimeOffset> occurrences, CalendarRules? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(rule.TimeZoneId);
        var cron = rule as CronTimeRule;
        return new(rule.Expression, rule.TimeZoneId,
            occurrences.Select(o => ScheduleOccurrence.From(o, zone) with { Dst = cron?.DstShapeOf(o), Excluded = calendar?.Excludes(o) }).ToList());
    }
}
