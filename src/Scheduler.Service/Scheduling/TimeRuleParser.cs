using Scheduler.Contracts;
using Scheduler.Service.Calendars;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Scheduling.TimeRules;

namespace Scheduler.Service.Scheduling;

/// <summary>
/// Reads a job's <see cref="JobSchedule"/> into a <see cref="ScheduledTiming"/>, or into field errors a person can act
/// on; and rebuilds a stored <see cref="TimeRule"/> from its <see cref="TimeRule.Expression"/>.
/// </summary>
public static class TimeRuleParser
{
    const string Kinds = "at, delay, every, cron, rrule";

    /// <summary>
    /// The latest instant a schedule may start at or run once at: far beyond any real schedule, and far enough from the
    /// end of the calendar (9999-12-31) that occurrences, retries and grace times computed from it stay inside it.
    /// </summary>
    public static readonly DateTimeOffset LatestStart = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The longest cron expression or recurrence rule: the stored form (with its kind and DST choice in front) must fit
    /// the due table's 1,000 characters.
    /// </summary>
    public const int MaxRuleLength = 900;

    /// <summary>The longest jitter: a random delay of up to a week is already more than a schedule means to allow.</summary>
    public static readonly TimeSpan LongestJitter = TimeSpan.FromDays(7);

    /// <summary>
    /// Reads <paramref name="schedule"/> as of <paramref name="now"/>: nothing set (or null) runs now; <c>at</c> and
    /// <c>delay</c> run once; <c>every</c>, <c>cron</c> and <c>rrule</c> recur. Errors name fields such as
    /// <c>schedule.cron</c> or <c>schedule.timeZone</c>. Without a <c>startAt</c>, an interval is anchored at
    /// <paramref name="now"/> and a recurrence rule starts (DTSTART) there, both to the whole second: the first run
    /// of an interval is then (within that second) one interval after <paramref name="now"/>.
    /// </summary>
    public static ScheduleParseResult Parse(JobSchedule? schedule, DateTimeOffset now) => Read(schedule, now, "schedule.", "now");

    /// <summary>
    /// Rebuilds a rule from what was stored: its <see cref="TimeRule.Expression"/>, <see cref="TimeRule.TimeZoneId"/>
    /// (ignored for intervals), <see cref="TimeRule.StartAt"/> (required for intervals and recurrence rules, whose
    /// anchor it is) and <see cref="TimeRule.EndAt"/>.
    /// </summary>
    /// <exception cref="FormatException">What was stored is not a valid rule.</exception>
    public static TimeRule FromStored(string expression, string? timeZoneId, DateTimeOffset? startAt, DateTimeOffset? endAt)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var colon = expression.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : expression[..colon];
        var body = expression[(colon + 1)..];
        try
        {
            if (DstChoice.FromStoredKind(kind) is { } dst)
                return CronTimeRule.Parse(body, IanaTimeZone.Find(timeZoneId), startAt, endAt, dst);

            return kind switch
            {
                "every" => new IntervalTimeRule(IsoDuration.Parse(body), startAt ?? throw MissingStart(expression), endAt),
                "rrule" => RecurrenceTimeRule.Parse(body, IanaTimeZone.Find(timeZoneId), startAt ?? throw MissingStart(expression), endAt),
                _ => throw new FormatException($"'{expression}' is not a stored time rule: it must start with cron:, every: or rrule:."),
            };
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{expression}' is not a valid stored time rule: {e.Message}", e);
        }
    }

    static FormatException MissingStart(string expression) =>
        new($"'{expression}' is stored without its startAt, which anchors interval and recurrence rules.");

    /// <summary>
    /// The rules behind <see cref="Parse(JobSchedule?, DateTimeOffset)"/>, with the field names prefixed by
    /// <paramref name="fieldPrefix"/> and the instant the schedule is read at called <paramref name="nowName"/> in reasons.
    /// </summary>
    internal static ScheduleParseResult Read(JobSchedule? schedule, DateTimeOffset now, string fieldPrefix, string nowName)
    {
        if (schedule is null)
            return ScheduleParseResult.Valid(new ScheduledTiming.Immediate());

        var errors = new List<FieldError>();
        string Field(string name) => fieldPrefix + name;

        var given = new List<string>(5);
        if (schedule.At is not null)
            given.Add("at");
        if (schedule.Delay is not null)
            given.Add("delay");
        if (schedule.Every is not null)
            given.Add("every");
        if (schedule.Cron is not null)
            given.Add("cron");
        if (schedule.Rrule is not null)
            given.Add("rrule");

        if (given.Count > 1)
            errors.Add(new(fieldPrefix.TrimEnd('.') is { Length: > 0 } whole ? whole : "schedule",
                $"give only one of {Kinds} (got {string.Join(" and ", given)})"));

        var recurring = schedule.Every is not null || schedule.Cron is not null || schedule.Rrule is not null;
        CheckJitter(schedule, given.Count > 0, Field, errors);
        var zone = CheckTimeZone(schedule, Field, errors);
        CheckWindow(schedule, recurring, now, nowName, Field, errors);
        if (schedule.Cron?.Length > MaxRuleLength)
            errors.Add(new(Field("cron"), $"is too long: at most {MaxRuleLength} characters"));
        if (schedule.Rrule?.Length > MaxRuleLength)
            errors.Add(new(Field("rrule"), $"is too long: at most {MaxRuleLength} characters"));
        if (schedule.Calendar is not null && !recurring)
            errors.Add(new(Field("calendar"), "applies only to recurring schedules: every, cron or rrule"));
        else if (schedule.Calendar is not null && !CalendarRules.IsName(schedule.Calendar))
            errors.Add(new(Field("calendar"), "must be a calendar's name: 1 to 64 letters, digits, '.', '-' or '_'"));
        if (schedule.Dst is not null && schedule.Cron is null)
            errors.Add(new(Field("dst"), "applies only to cron schedules (intervals count elapsed time; rrule follows RFC 5545)"));

        if (schedule.At is { } at && at <= now)
            errors.Add(new(Field("at"), $"must be in the future (after {nowName})"));
        else if (schedule.At > LatestStart)
            errors.Add(new(Field("at"), $"must be before {LatestStart:yyyy-MM-dd}"));
        if (schedule.Delay is { } delay && delay <= TimeSpan.Zero)
            errors.Add(new(Field("delay"), "must be a positive duration such as PT5M"));
        else if (schedule.Delay is { } tooLong && tooLong > DateTimeOffset.MaxValue - now)
            errors.Add(new(Field("delay"), "is too long: the job would be due after the end of the calendar"));
        if (schedule.Every is { } every && every < IntervalTimeRule.MinimumInterval)
            errors.Add(new(Field("every"), $"must be at least {IsoDuration.Format(IntervalTimeRule.MinimumInterval)}"));

        if (errors.Count > 0)
            return ScheduleParseResult.Invalid(errors);

        ScheduledTiming timing;
        if (schedule.At is { } dueAt)
            timing = new ScheduledTiming.OneTime(dueAt.ToUniversalTime());
        else if (schedule.Delay is { } after)
            timing = new ScheduledTiming.OneTime((now + after).ToUniversalTime());
        else if (given.Count == 0)
            timing = new ScheduledTiming.Immediate();
        else if (ReadRule(schedule, zone, now, nowName, Field, errors) is { } rule)
            timing = new ScheduledTiming.Recurring(rule);
        else
            return ScheduleParseResult.Invalid(errors);

        return ScheduleParseResult.Valid(timing with { Jitter = schedule.Jitter });
    }

    static void CheckJitter(JobSchedule schedule, bool timed, Func<string, string> field, List<FieldError> errors)
    {
        if (schedule.Jitter is not { } jitter)
            return;

        if (jitter < TimeSpan.Zero)
            errors.Add(new(field("jitter"), "must not be negative"));
        else if (jitter > LongestJitter)
            errors.Add(new(field("jitter"), $"must be at most {IsoDuration.Format(LongestJitter)}"));
        else if (!timed)
            errors.Add(new(field("jitter"), $"applies only to a timed schedule: give one of {Kinds}"));
    }

    static TimeZoneInfo CheckTimeZone(JobSchedule schedule, Func<string, string> field, List<FieldError> errors)
    {
        if (schedule.TimeZone is not { } id)
            return IanaTimeZone.Default;

        if (schedule.Cron is null && schedule.Rrule is null)
        {
            errors.Add(new(field("timeZone"), "applies only to cron and rrule schedules (an interval counts elapsed time)"));
            return IanaTimeZone.Default;
        }

        if (IanaTimeZone.TryFind(id, out var zone, out var reason))
            return zone;

        errors.Add(new(field("timeZone"), reason));
        return IanaTimeZone.Default;
    }

    static void CheckWindow(JobSchedule schedule, bool recurring, DateTimeOffset now, string nowName, Func<string, string> field, List<FieldError> errors)
    {
        if (!recurring)
        {
            if (schedule.StartAt is not null)
                errors.Add(new(field("startAt"), "applies only to recurring schedules: every, cron or rrule"));
            if (schedule.EndAt is not null)
                errors.Add(new(field("endAt"), "applies only to recurring schedules: every, cron or rrule"));
            return;
        }

        if (schedule.StartAt > LatestStart)
            errors.Add(new(field("startAt"), $"must be before {LatestStart:yyyy-MM-dd}"));
        else if (schedule is { StartAt: { } start, EndAt: { } end } && end <= start)
            errors.Add(new(field("endAt"), $"must be after {field("startAt")}"));
        else if (schedule.EndAt is { } endAt && endAt <= now)
            errors.Add(new(field("endAt"), $"must be after {nowName}, or the schedule would never run"));
    }

    static TimeRule? ReadRule(JobSchedule schedule, TimeZoneInfo zone, DateTimeOffset now, string nowName, Func<string, string> field,
        List<FieldError> errors)
    {
        var (name, text) = schedule switch
        {
            { Every: { } every } => ("every", IsoDuration.Format(every)),
            { Cron: { } cron } => ("cron", cron.Trim()),
            _ => ("rrule", schedule.Rrule!.Trim()),
        };

        TimeRule rule;
        try
        {
            rule = name switch
            {
                "every" => new IntervalTimeRule(schedule.Every!.Value, schedule.StartAt ?? ToWholeSecond(now), schedule.EndAt),
                "cron" => CronTimeRule.Parse(schedule.Cron!, zone, schedule.StartAt, schedule.EndAt, DstChoice.From(schedule.Dst)),
                _ => RecurrenceTimeRule.Parse(schedule.Rrule!, zone, schedule.StartAt ?? ToWholeSecond(now), schedule.EndAt),
            };
        }
        catch (FormatException e)
        {
            errors.Add(new(field(name), e.Message));
            return null;
        }
        catch (ArgumentException e)
        {
            // Quartz refuses some anchors outright (a recurrence rule starting at the first instant of the calendar).
            errors.Add(new(field(name), $"'{text}' cannot start at {field("startAt")}: {e.Message}"));
            return null;
        }

        DateTimeOffset? first;
        try
        {
            first = rule.NextAfter(now);
        }
        catch (ArgumentException e)
        {
            // Quartz steps past the end (or the start) of the calendar from an anchor near it.
            errors.Add(new(field(name), $"'{text}' has no occurrence that the calendar can hold from {field("startAt")}: {e.Message}"));
            return null;
        }

        if (first is null)
        {
            var limit = rule.EndAt is null ? "" : $" and before {field("endAt")}";
            errors.Add(new(field(name), $"'{text}' has no occurrence after {nowName}{limit}"));
            return null;
        }

        return rule;
    }

    // The scheduler's defaults fall on whole seconds: RFC 5545 has no fractions (Quartz drops a DTSTART's),
    // and an interval anchored at a whole second lists readable instants.
    internal static DateTimeOffset ToWholeSecond(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
