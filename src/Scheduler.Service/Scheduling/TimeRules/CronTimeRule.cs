using Scheduler.Contracts;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// Occurrences on a cron expression read in a time zone: 5 crontab fields, 6 with a leading seconds field, or a macro
/// (@yearly @annually @monthly @weekly @daily @midnight @hourly). Names (JAN, MON) are case-insensitive; day-of-week
/// is 0-7 with 0 and 7 both Sunday; when both day-of-month and day-of-week are restricted a day matches if either
/// does (Vixie cron). Computed by Cronos, whose day-naming forms work too: <c>L</c>, <c>L-n</c>, <c>LW</c>, <c>nW</c>
/// in day-of-month, <c>nL</c> and <c>n#k</c> in day-of-week.
/// </summary>
/// <remarks>
/// DST by default: a local time skipped by spring-forward fires once at the end of the gap (02:30 on a 02:00→03:00
/// day fires at 03:00); a local time repeated by fall-back fires once, at its first occurrence. Fields that step
/// through minutes or seconds (<c>*/15</c>) are not shifted: nothing fires inside a gap, and a repeated hour fires in
/// both passes. <see cref="Dst"/> may instead skip a skipped time, or run a repeated one in both passes.
/// </remarks>
public sealed class CronTimeRule : TimeRule
{
    // The widest daylight saving change in use (Troll station, Antarctica: two hours), with a margin: how far before
    // an instant a first pass may lie whose second pass comes after it.
    static readonly TimeSpan WidestShift = TimeSpan.FromHours(3);

    readonly CronPattern _pattern;
    readonly OccurrenceWindow _window;

    CronTimeRule(string text, CronPattern pattern, TimeZoneInfo zone, OccurrenceWindow window, DstChoice dst)
    {
        Text = text;
        _pattern = pattern;
        TimeZone = zone;
        _window = window;
        Dst = dst;
    }

    /// <summary>Reads <paramref name="expression"/> in <paramref name="zone"/>, bounded by the window, with the DST choice (default when null).</summary>
    /// <exception cref="FormatException">The expression is not valid; the message says why, for a person.</exception>
    /// <exception cref="ArgumentException"><paramref name="endAt"/> is not after <paramref name="startAt"/>.</exception>
    public static CronTimeRule Parse(string expression, TimeZoneInfo zone, DateTimeOffset? startAt = null, DateTimeOffset? endAt = null,
        DstChoice? dst = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(zone);
        var window = new OccurrenceWindow(startAt, endAt);
        return new CronTimeRule(expression.Trim(), CronDialect.Parse(expression), zone, window, dst ?? DstChoice.Default);
    }

    /// <summary>The expression as the user wrote it, trimmed.</summary>
    public string Text { get; }

    /// <summary>The zone the expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>What the rule does with local times a daylight saving change skips or repeats.</summary>
    public DstChoice Dst { get; }

    public override string Expression => Dst.StoredKind + ":" + Text;

    public override string TimeZoneId => TimeZone.Id;

    public override DateTimeOffset? StartAt => _window.Start;

    public override DateTimeOffset? EndAt => _window.End;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        var cursor = _window.SearchAfter(instant);
        while (true)
        {
            var next = _pattern.NextAfter(cursor, TimeZone);
            if (Dst.Repeated == RepeatedTimePolicy.Both && SecondPassAfter(cursor) is { } second && (next is null || second < next))
                next = second;
            if (next is not { } due)
                return null;
            if (Dst.Skipped == SkippedTimePolicy.Skip && WasMoved(due))
            {
                cursor = due;
                continue;
            }

            return _window.Admit(due);
        }
    }

    /// <summary>
    /// How a daylight saving change shaped <paramref name="occurrence"/> (one of this rule's): <c>moved</c> when its
    /// local time was skipped and it runs after the gap, <c>repeated</c> when its local time comes twice and the rule
    /// runs in both passes; null when no change touched it.
    /// </summary>
    public string? DstShapeOf(DateTimeOffset occurrence)
    {
        if (WasMoved(occurrence))
            return "moved";
        return TwinOf(occurrence) is { } twin && NextAfter(twin.AddTicks(-1)) == twin ? "repeated" : null;
    }

    // An occurrence whose own wall-clock time does not match the fields was moved there from a skipped local time.
    bool WasMoved(DateTimeOffset occurrence) =>
        !_pattern.MatchesWallClock(TimeZoneInfo.ConvertTime(occurrence, TimeZone).DateTime);

    // The other instant with the same wall-clock time, when the zone repeats it.
    DateTimeOffset? TwinOf(DateTimeOffset occurrence)
    {
        if (!TimeZone.IsAmbiguousTime(occurrence))
            return null;
        var own = TimeZone.GetUtcOffset(occurrence);
        var other = TimeZone.GetAmbiguousTimeOffsets(occurrence).First(o => o != own);
        return occurrence + (own - other);
    }

    // Cronos runs a fixed repeated time in the first pass only; with "both", the second pass of each first-pass
    // occurrence up to a shift before the cursor may still be due after it.
    DateTimeOffset? SecondPassAfter(DateTimeOffset cursor)
    {
        var from = cursor - WidestShift;
        if (TimeZone.GetUtcOffset(from - WidestShift) <= TimeZone.GetUtcOffset(cursor + WidestShift))
            return null;

        DateTimeOffset? earliest = null;
        for (var first = _pattern.NextAfter(from, TimeZone); first is { } f && f <= cursor; first = _pattern.NextAfter(f, TimeZone))
        {
            if (TwinOf(f) is { } twin && twin > f && twin > cursor && (earliest is null || twin < earliest))
                earliest = twin;
        }

        return earliest;
    }
}
