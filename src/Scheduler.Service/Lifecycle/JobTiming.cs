using Scheduler.Contracts;
using Scheduler.Service.Scheduling;

namespace Scheduler.Service.Lifecycle;

/// <summary>What a job's stored schedule means in time: the same answer for the saga and for every dispatcher.</summary>
public static class JobTiming
{
    /// <summary>How late an occurrence may run before the job's misfire policy applies, when the job does not say.</summary>
    public static readonly TimeSpan DefaultGraceTime = TimeSpan.FromMinutes(1);

    public static bool IsRecurring(this JobSchedule? schedule) =>
        schedule is not null && (schedule.Every is not null || schedule.Cron is not null || schedule.Rrule is not null);

    public static bool IsRecurring(this JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Schedule.IsRecurring();
    }

    /// <summary>The job's recurring rule; an interval without a start is anchored at the job's creation.</summary>
    public static TimeRule RecurringRule(this JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var schedule = job.Schedule ?? throw new InvalidOperationException($"Job {job.CorrelationId} has no schedule.");
        var parsed = TimeRuleParser.Parse(schedule with { StartAt = schedule.StartAt ?? job.CreatedAt }, job.CreatedAt);
        return parsed.Timing is ScheduledTiming.Recurring recurring ? recurring.Rule : throw new InvalidOperationException(
            $"Job {job.CorrelationId} has an invalid recurring schedule: {string.Join("; ", parsed.Errors.Select(e => e.Reason))}");
    }
}
