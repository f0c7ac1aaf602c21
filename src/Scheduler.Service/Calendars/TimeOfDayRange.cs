namespace Scheduler.Service.Calendars;

/// <summary>A range of local time of day, <c>HH:mm</c> each: <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public sealed record TimeOfDayRange
{
    public string? From { get; init; }

    public string? To { get; init; }
}
