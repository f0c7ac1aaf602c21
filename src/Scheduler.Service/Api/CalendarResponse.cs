using Scheduler.Service.Calendars;

namespace Scheduler.Service.Api;

/// <summary>A calendar as <c>/api/calendars</c> shows it.</summary>
public sealed record CalendarResponse(string Name, string TimeZone, CalendarExclusions Exclude, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CalendarResponse From(JobCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new(calendar.Name, calendar.Definition.TimeZone ?? "UTC", calendar.Definition.Exclude ?? new CalendarExclusions(),
            calendar.CreatedAt, calendar.UpdatedAt);
    }
}
