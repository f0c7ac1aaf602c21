namespace Scheduler.Service.Calendars;

/// <summary>A tenant's calendar as stored: its name (unique in the tenant) and definition.</summary>
public sealed class JobCalendar
{
    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";

    public CalendarDefinition Definition { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
