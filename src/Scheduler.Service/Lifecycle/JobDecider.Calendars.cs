using Scheduler.Contracts;
using Scheduler.Service.Calendars;
using Scheduler.Service.Ledger;

namespace Scheduler.Service.Lifecycle;

// Calendars: a schedule that names one leaves out the occurrences it excludes. The calendar is read for each decision
// (JobFacts.Calendar), so a changed calendar applies to the next occurrence at once.
public static partial class JobDecider
{
    /// <summary>
    /// The calendar errors of a definition being stored: a schedule may only name a calendar the tenant has
    /// (<see cref="JobFacts.Calendar"/> is read for the name the command gives).
    /// </summary>
    static IReadOnlyList<FieldError> CalendarErrors(JobSchedule? schedule, JobFacts facts) =>
        schedule?.Calendar is { } name && facts.Calendar?.Name != name
            ? [new FieldError("schedule.calendar", $"there is no calendar named '{name}' in this tenant: create it with PUT /api/calendars/{name}")]
            : [];

    /// <summary>
    /// When the job's calendar excludes <paramref name="occurrence"/>: records it as excluded (it does not run) and
    /// says so. A calendar deleted since (no longer read) excludes nothing.
    /// </summary>
    static bool ExcludedByCalendar(JobChange change, DateTimeOffset occurrence)
    {
        if (change.Facts.Calendar?.Excludes(occurrence) is not { } exclusion)
            return false;

        change.Audit(AuditEvent.OccurrenceExcluded, SchedulerActor, change.Status, change.Status!.Value,
            detail: $"occurrence {Format(occurrence)} excluded by calendar '{exclusion.Calendar}': {exclusion.Reason}");
        Ledger(change, occurrence, OccurrenceFate.Excluded, detail: $"calendar '{exclusion.Calendar}': {exclusion.Reason}");
        return true;
    }

    /// <summary>The occurrences among <paramref name="missed"/> the job's calendar lets run; the others are recorded as excluded.</summary>
    static IReadOnlyList<DateTimeOffset> NotExcluded(JobChange change, IReadOnlyList<DateTimeOffset> missed) =>
        change.Facts.Calendar is null || missed.Count == 0 ? missed : missed.Where(m => !ExcludedByCalendar(change, m)).ToList();
}
