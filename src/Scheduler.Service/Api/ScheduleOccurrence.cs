using System.Globalization;
using System.Text.Json.Serialization;
using Scheduler.Service.Calendars;

namespace Scheduler.Service.Api;

/// <summary>One occurrence of a previewed schedule, as an instant in UTC and as the wall-clock time in the rule's zone.</summary>
/// <param name="Utc">ISO 8601 in UTC with a <c>Z</c>, for example <c>2026-03-29T01:00:00Z</c>.</param>
/// <param name="Local">ISO 8601 with the zone's offset at that instant, for example <c>2026-03-29T03:00:00+02:00</c>.</param>
public sealed record ScheduleOccurrence(string Utc, string Local)
{
    /// <summary><c>moved</c> when a spring-forward change moved this occurrence after its gap, <c>repeated</c> when a fall-back change runs its local time twice.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Dst { get; init; }

    /// <summary>The calendar exclusion that keeps this occurrence from running, when the preview names a calendar.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CalendarExclusion? Excluded { get; init; }

    // Fractions of a second only when there are some: cron and rrule occurrences fall on whole seconds.
    const string Iso = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";

    public static ScheduleOccurrence From(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new(
            instant.UtcDateTime.ToString(Iso + "'Z'", CultureInfo.InvariantCulture),
            local.ToString(Iso + "zzz", CultureInfo.InvariantCulture));
    }
}
