using Quartz.Impl.Triggers;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// Occurrences on an RFC 5545 recurrence rule (<c>FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=0</c>) read in a time
/// zone, with DTSTART = <see cref="StartAt"/>: parts the rule leaves out (the time of day, say) come from DTSTART,
/// and <c>COUNT</c> counts from it. <c>UNTIL</c> and <c>COUNT</c> end the rule, as <see cref="EndAt"/> does.
/// </summary>
/// <remarks>
/// Wall-clock times follow RFC 5545, not cron: a local time skipped by spring-forward is read with the offset before
/// the gap (02:30 on a 02:00→03:00 day fires at 03:30), and a local time repeated by fall-back fires once, at its
/// first occurrence, even for <c>FREQ=MINUTELY</c>. Quartz ignores rule parts it does not know (<c>FOO=1</c>).
/// </remarks>
public sealed class RecurrenceTimeRule : TimeRule
{
    // Quartz evaluates rules through its trigger type, which is mutable; this one is configured here and only read
    // afterwards (GetFireTimeAfter and FinalFireTimeUtc change nothing once the rule has been parsed, which the
    // constructor forces), so sharing it between threads is safe.
    readonly RecurrenceTriggerImpl _trigger;
    readonly OccurrenceWindow _window;

    // The trigger counts COUNT against the times it has fired, which a stateless rule does not have;
    // the last occurrence COUNT allows is an end we enforce ourselves.
    readonly DateTimeOffset? _lastByCount;

    RecurrenceTimeRule(string rule, TimeZoneInfo zone, DateTimeOffset startAt, DateTimeOffset? endAt)
    {
        Rule = rule;
        TimeZone = zone;
        _window = new OccurrenceWindow(startAt, endAt);
        _trigger = new RecurrenceTriggerImpl { RecurrenceRule = rule, TimeZone = zone, StartTimeUtc = startAt };
        try
        {
            _trigger.GetFireTimeAfter(_window.SearchAfter(DateTimeOffset.MinValue));
            _lastByCount = _trigger.FinalFireTimeUtc;
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{rule}' is not a valid recurrence rule: {e.Message}", e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // Quartz builds the dates a rule names without checking they exist (BYMONTH=4;BYMONTHDAY=31).
            throw new FormatException($"'{rule}' is not a valid recurrence rule: it names a date that does not exist", e);
        }
    }

    /// <summary>Reads <paramref name="rule"/> (the <c>RRULE:</c> prefix is optional) in <paramref name="zone"/>, starting at <paramref name="startAt"/>.</summary>
    /// <exception cref="FormatException">The rule is not valid; the message says why, for a person.</exception>
    /// <exception cref="ArgumentException"><paramref name="endAt"/> is not after <paramref name="startAt"/>.</exception>
    public static RecurrenceTimeRule Parse(string rule, TimeZoneInfo zone, DateTimeOffset startAt, DateTimeOffset? endAt = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(zone);
        var text = rule.Trim();
        if (text.Length == 0)
            throw new FormatException("'' is not a valid recurrence rule: it is empty; give one such as FREQ=WEEKLY;BYDAY=MO;BYHOUR=9");

        return new RecurrenceTimeRule(text, zone, startAt, endAt);
    }

    /// <summary>The rule as the user wrote it, trimmed.</summary>
    public string Rule { get; }

    /// <summary>The zone the rule's wall-clock times are read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    public override string Expression => "rrule:" + Rule;

    public override string TimeZoneId => TimeZone.Id;

    public override DateTimeOffset? StartAt => _window.Start;

    public override DateTimeOffset? EndAt => _window.End;

    public override DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        var after = _window.SearchAfter(instant);
        var next = _trigger.GetFireTimeAfter(after);

        // Quartz keeps the rule's seconds but drops DTSTART's fraction of a second, so the first occurrence can
        // fall just before a start that has one; the start is inclusive, so step past it.
        while (next is { } early && early < _window.Start)
            next = _trigger.GetFireTimeAfter(early);

        return next > _lastByCount ? null : _window.Admit(next);
    }
}
