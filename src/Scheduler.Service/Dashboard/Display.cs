using System.Globalization;
using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Service.Dashboard;

/// <summary>How the pages write values for people: instants, durations, schedules in words, JSON as the API spells it.</summary>
public static class Display
{
    static readonly JsonSerializerOptions Indented = new(SchedulerJson.CreateOptions()) { WriteIndented = true };

    /// <summary>An instant in UTC, to the second, as the API's instants are read.</summary>
    public static string Instant(DateTimeOffset? instant) =>
        instant is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    /// <summary>An instant and how far it is from <paramref name="now"/>: "2026-01-01 09:00:00Z (in 3 min)".</summary>
    public static string Relative(DateTimeOffset? instant, DateTimeOffset now) =>
        instant is { } at ? $"{Instant(at)} ({(at >= now ? "in " + Span(at - now) : Span(now - at) + " ago")})" : "—";

    /// <summary>A duration the short human way: "850 ms", "5 s", "2 min 30 s", "1 h 5 min", "3 d".</summary>
    public static string Span(TimeSpan span)
    {
        span = span.Duration();
        if (span < TimeSpan.FromSeconds(1))
            return $"{(int)span.TotalMilliseconds} ms";
        if (span < TimeSpan.FromMinutes(1))
            return $"{(int)span.TotalSeconds} s";
        if (span < TimeSpan.FromHours(1))
            return span.Seconds == 0 ? $"{(int)span.TotalMinutes} min" : $"{(int)span.TotalMinutes} min {span.Seconds} s";
        if (span < TimeSpan.FromDays(1))
            return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        return span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }

    public static string Milliseconds(double? ms) =>
        ms is { } value ? value < 1000 ? $"{value:0} ms" : $"{value / 1000:0.0} s" : "—";

    /// <summary>A schedule in words, for example "every 10 s from …" or "on cron 0 9 * * MON-FRI in Europe/Berlin".</summary>
    public static string ScheduleInWords(JobSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = schedule.TimeZone ?? "UTC";
        var words = schedule switch
        {
            { At: { } at } => $"once, at {Instant(at)}",
            { Delay: { } delay } => $"once, {Span(delay)} after it was scheduled",
            { Every: { } every } => $"every {Span(every)}",
            { Cron: { } cron } => $"{CronInWords(cron)} in {zone}",
            { Rrule: { } rule } => $"by the recurrence rule {rule} in {zone}",
            _ => "once, as soon as it was scheduled",
        };
        if (schedule.StartAt is { } start)
            words += $", from {Instant(start)}";
        if (schedule.EndAt is { } end)
            words += $", until {Instant(end)}";
        if (schedule.Jitter is { } jitter)
            words += $", each up to {Span(jitter)} late at random";
        return words;
    }

    static string CronInWords(string cron) => cron.Trim() switch
    {
        "@yearly" or "@annually" => "every year on 1 January at midnight",
        "@monthly" => "every month on the 1st at midnight",
        "@weekly" => "every week on Sunday at midnight",
        "@daily" or "@midnight" => "every day at midnight",
        "@hourly" => "every hour on the hour",
        "* * * * *" => "every minute",
        "* * * * * *" => "every second",
        var text when text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, "*", "*", "*", "*", "*"] && first.StartsWith("*/", StringComparison.Ordinal)
            => $"every {first[2..]} seconds",
        var text when text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, "*", "*", "*", "*"] && first.StartsWith("*/", StringComparison.Ordinal)
            => $"every {first[2..]} minutes",
        var text when text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var minute, var hour, "*", "*", var days]
                      && int.TryParse(minute, out var m) && int.TryParse(hour, out var h)
            => days == "*" ? $"every day at {h:00}:{m:00}" : $"at {h:00}:{m:00} on days of the week {days}",
        var text => $"on the cron expression {text}",
    };

    /// <summary>A value as the REST API writes it (camelCase, ISO 8601 durations), indented.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, Indented);

    /// <summary>A duration as the API writes it, such as PT30S.</summary>
    public static string Iso(TimeSpan? span) => span is { } value ? IsoDuration.Format(value) : "—";
}
