namespace Scheduler.Service.Calendars;

/// <summary>Why an instant does not run: the calendar that excluded it and the exclusion, in words (<c>date 2026-12-25</c>).</summary>
public sealed record CalendarExclusion(string Calendar, string Reason);
