using System.Text.Json.Serialization;

namespace Scheduler.Contracts;

/// <summary>
/// When a job runs. At most one of <see cref="At"/>, <see cref="Delay"/>, <see cref="Every"/>,
/// <see cref="Cron"/>, <see cref="Rrule"/> is set; none set means "run now".
/// </summary>
public sealed record JobSchedule
{
    /// <summary>A single run at this instant.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? At { get; init; }

    /// <summary>A single run after this delay.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? Delay { get; init; }

    /// <summary>A run every interval.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? Every { get; init; }

    /// <summary>A cron expression (5 or 6 fields, or a macro such as <c>@daily</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cron { get; init; }

    /// <summary>An RFC 5545 recurrence rule such as <c>FREQ=WEEKLY;BYDAY=MO;BYHOUR=9</c>, starting at <see cref="StartAt"/> or when scheduled.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Rrule { get; init; }

    /// <summary>The IANA time zone of <see cref="Cron"/> and <see cref="Rrule"/>; UTC when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; init; }

    /// <summary>No occurrence before this instant (inclusive).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>No occurrence at or after this instant (exclusive).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>What a cron schedule does with local times a daylight saving change skips or repeats; the defaults when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DaylightSavingPolicy? Dst { get; init; }

    /// <summary>The name of the tenant's calendar whose exclusions this schedule's occurrences skip (recorded as excluded).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Calendar { get; init; }

    /// <summary>A random delay of up to this duration added to each occurrence.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? Jitter { get; init; }
}
