using Quartz;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// Occurrences on a cron expression read in a time zone: 5 crontab fields, 6 with a leading seconds field, or a macro
/// (@yearly @annually @monthly @weekly @daily @midnight @hourly). Names (JAN, MON) are case-insensitive; day-of-week
/// is 0-7 with 0 and 7 both Sunday; when both day-of-month and day-of-week are restricted a day matches if either
/// does (Vixie cron). Quartz's extensions that its crontab reader accepts (<c>L</c>, <c>W</c>, <c>#</c>) work too.
/// </summary>
/// <remarks>
/// DST: a local time skipped by spring-forward fires once at the end of the gap (02:30 on a 02:00→03:00 day fires
/// at 03:00); a local time repeated by fall-back fires once, at its first occurrence. Fields that step through
/// minutes or seconds (<c>*/15</c>) are not shifted: nothing fires inside a gap, and a repeated hour fires in both passes.
/// </remarks>
public sealed class CronTimeRule : TimeRule
{
    readonly CronExpression _cron;
    readonly OccurrenceWindow _window;

    CronTimeRule(string text, CronExpression cron, OccurrenceWindow window)
    {
        Text = text;
        _cron = cron;
        _window = window;
    }

    /// <summary>Reads <paramref name="expression"/> in <paramref name="zone"/>, bounded by the window.</summary>
    /// <exception cref="FormatException">The expression is not valid; the message says why, for a person.</exception>
    /// <exception cref="ArgumentException"><paramref name="endAt"/> is not after <paramref name="startAt"/>.</exception>
    public static CronTimeRule Parse(string expression, TimeZoneInfo zone, DateTimeOffset? startAt = null, DateTimeOffset? endAt = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(zone);
        var window = new OccurrenceWindow(startAt, endAt);
        return new CronTimeRule(expression.Trim(), CronDialect.Parse(expression, zone), window);
    }

    /// <summary>The expression as the user wrote it, trimmed.</summary>
    public string Text { get; }

    /// <summary>The zone the expression is read in.</summary>
    public TimeZoneInfo TimeZone => _cron.TimeZone;

    /// <summary>The same schedule in Quartz's own spelling, seconds first (for example <c>0 30 4 ? * MON</c>).</summary>
    public string QuartzExpression => _cron.CronExpressionString;

    public override string Expression => "cron:" + Text;

    public override string TimeZoneId => _cron.TimeZone.Id;

    public override DateTimeOffset? StartAt => _window.Start;

    public override DateTimeOffset? EndAt => _window.End;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant) =>
        _window.Admit(_cron.GetNextValidTimeAfter(_window.SearchAfter(instant)));
}
