using System.Text.Json.Serialization;

namespace Scheduler.Service.Calendars;

/// <summary>The kinds of exclusion a calendar holds; an instant in any of them is excluded.</summary>
public sealed record CalendarExclusions
{
    /// <summary>Whole local days, <c>YYYY-MM-DD</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Dates { get; init; }

    /// <summary>Whole local weekdays, <c>MON</c> to <c>SUN</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Weekdays { get; init; }

    /// <summary>Local times of every day, <c>from</c> inclusive to <c>to</c> exclusive (past midnight when <c>to</c> is earlier).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TimeOfDayRange>? TimesOfDay { get; init; }

    /// <summary>A cron expression whose local times (each minute it names, or second with a seconds field) are excluded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cron { get; init; }
}
