using System.Text.Json.Serialization;

namespace Scheduler.Service.Calendars;

/// <summary>
/// A tenant's named calendar as <c>PUT /api/calendars/{name}</c> takes it and stores it: the instants it excludes,
/// read as wall-clock times in <see cref="TimeZone"/>.
/// </summary>
public sealed record CalendarDefinition
{
    /// <summary>The IANA zone the exclusions are read in; UTC when absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; init; }

    /// <summary>What the calendar excludes; nothing when absent.</summary>
    public CalendarExclusions? Exclude { get; init; }
}
