using System.Globalization;
using System.Text.RegularExpressions;
using Scheduler.Contracts;
using Scheduler.Service.Scheduling.TimeRules;

namespace Scheduler.Service.Calendars;

/// <summary>
/// A calendar read and checked: which instants it excludes and why. Pure and immutable; read again from the store for
/// each decision, so a changed calendar applies to the next occurrence of every job that names it.
/// </summary>
public sealed partial class CalendarRules
{
    /// <summary>The most dates a calendar holds.</summary>
    public const int MaxDates = 1000;

    /// <summary>The most time-of-day ranges a calendar holds.</summary>
    public const int MaxTimesOfDay = 100;

    static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CalendarName();

    readonly HashSet<DateOnly> _dates;
    readonly HashSet<DayOfWeek> _weekdays;
    readonly IReadOnlyList<(TimeOnly From, TimeOnly To, string Text)> _times;
    readonly CronPattern? _cron;
    readonly string? _cronText;

    CalendarRules(string name, TimeZoneInfo zone, HashSet<DateOnly> dates, HashSet<DayOfWeek> weekdays,
        IReadOnlyList<(TimeOnly, TimeOnly, string)> times, CronPattern? cron, string? cronText)
    {
        Name = name;
        Zone = zone;
        _dates = dates;
        _weekdays = weekdays;
        _times = times;
        _cron = cron;
        _cronText = cronText;
    }

    /// <summary>True for a valid calendar name: 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit.</summary>
    public static bool IsName(string? name) => name is not null && CalendarName().IsMatch(name);

    /// <summary>The calendar's name.</summary>
    public string Name { get; }

    /// <summary>The zone its exclusions are read in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The exclusion <paramref name="instant"/> falls in (the first that applies), or null when it may run.</summary>
    public CalendarExclusion? Excludes(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (_dates.Contains(day))
            return new(Name, $"date {day:yyyy-MM-dd}");
        if (_weekdays.Contains(local.DayOfWeek))
            return new(Name, $"weekday {DayNames[(int)local.DayOfWeek]}");

        var time = TimeOnly.FromDateTime(local);
        foreach (var (from, to, text) in _times)
        {
            if (from < to ? time >= from && time < to : time >= from || time < to)
                return new(Name, $"time of day {text}");
        }

        if (_cron is not null)
        {
            var unit = _cron.IncludesSeconds ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMinute;
            if (_cron.MatchesWallClock(new DateTime(local.Ticks - local.Ticks % unit, DateTimeKind.Unspecified)))
                return new(Name, $"cron {_cronText}");
        }

        return null;
    }

    /// <summary>Reads a stored calendar; <see cref="FormatException"/> when it no longer reads (it was checked when stored).</summary>
    public static CalendarRules FromStored(JobCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Read(calendar.Name, calendar.Definition, out var errors)
            ?? throw new FormatException($"Calendar '{calendar.Name}' does not read: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Reason}"))}");
    }

    /// <summary>Reads <paramref name="definition"/>; null with <paramref name="errors"/> naming each bad field (<c>exclude.dates[2]</c>).</summary>
    public static CalendarRules? Read(string name, CalendarDefinition definition, out IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var found = new List<FieldError>();
        var zone = IanaTimeZone.Default;
        if (definition.TimeZone is { } zoneId)
        {
            if (IanaTimeZone.TryFind(zoneId, out var known, out var reason))
                zone = known;
            else
                found.Add(new("timeZone", reason));
        }

        var exclude = definition.Exclude ?? new CalendarExclusions();
        var dates = ReadDates(exclude.Dates, found);
        var weekdays = ReadWeekdays(exclude.Weekdays, found);
        var times = ReadTimes(exclude.TimesOfDay, found);
        CronPattern? cron = null;
        if (exclude.Cron is { } cronText)
        {
            try
            {
                cron = CronDialect.Parse(cronText);
            }
            catch (FormatException e)
            {
                found.Add(new("exclude.cron", e.Message));
            }
        }

        errors = found;
        return found.Count > 0 ? null : new CalendarRules(name, zone, dates, weekdays, times, cron, exclude.Cron?.Trim());
    }

    static HashSet<DateOnly> ReadDates(IReadOnlyList<string>? texts, List<FieldError> errors)
    {
        var dates = new HashSet<DateOnly>();
        if (texts is null)
            return dates;
        if (texts.Count > MaxDates)
            errors.Add(new("exclude.dates", $"holds at most {MaxDates} dates"));

        for (var i = 0; i < Math.Min(texts.Count, MaxDates); i++)
        {
            if (texts[i] is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                dates.Add(date);
            else
                errors.Add(new($"exclude.dates[{i}]", $"'{texts[i]}' is not a date YYYY-MM-DD, such as 2026-12-25"));
        }

        return dates;
    }

    static HashSet<DayOfWeek> ReadWeekdays(IReadOnlyList<string>? texts, List<FieldError> errors)
    {
        var days = new HashSet<DayOfWeek>();
        if (texts is null)
            return days;
        if (texts.Count > DayNames.Length)
            errors.Add(new("exclude.weekdays", $"holds at most {DayNames.Length} weekdays"));

        for (var i = 0; i < Math.Min(texts.Count, DayNames.Length); i++)
        {
            var index = texts[i] is { } text ? Array.FindIndex(DayNames, d => d.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) : -1;
            if (index >= 0)
                days.Add((DayOfWeek)index);
            else
                errors.Add(new($"exclude.weekdays[{i}]", $"'{texts[i]}' is not a weekday: use MON, TUE, WED, THU, FRI, SAT or SUN"));
        }

        return days;
    }

    static List<(TimeOnly, TimeOnly, string)> ReadTimes(IReadOnlyList<TimeOfDayRange>? ranges, List<FieldError> errors)
    {
        var times = new List<(TimeOnly, TimeOnly, string)>();
        if (ranges is null)
            return times;
        if (ranges.Count > MaxTimesOfDay)
            errors.Add(new("exclude.timesOfDay", $"holds at most {MaxTimesOfDay} ranges"));

        for (var i = 0; i < Math.Min(ranges.Count, MaxTimesOfDay); i++)
        {
            var from = ReadTime(ranges[i]?.From, $"exclude.timesOfDay[{i}].from", errors);
            var to = ReadTime(ranges[i]?.To, $"exclude.timesOfDay[{i}].to", errors);
            if (from is null || to is null)
                continue;
            if (from == to)
                errors.Add(new($"exclude.timesOfDay[{i}].to", "must differ from from (the range would be empty)"));
            else
                times.Add((from.Value, to.Value, $"{from:HH\\:mm}-{to:HH\\:mm}"));
        }

        return times;
    }

    static TimeOnly? ReadTime(string? text, string field, List<FieldError> errors)
    {
        if (text is not null && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;

        errors.Add(new(field, $"'{text}' is not a time of day HH:mm, such as 12:00"));
        return null;
    }
}
