using MassTransit.Scheduling;
using Scheduler.Service.Scheduling;

namespace Scheduler.Service.Lifecycle;

/// <summary>A job's recurring schedule as MassTransit's scheduler contracts carry it: one per job, keyed by the job id.</summary>
public sealed record JobRecurrence : RecurringSchedule
{
    public const string Group = "jobs";

    public JobRecurrence(Guid jobId, TimeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ScheduleId = jobId.ToString("N");
        CronExpression = rule.Expression;
        TimeZoneId = rule.TimeZoneId;
        StartTime = rule.StartAt ?? default;
        EndTime = rule.EndAt;
        Description = $"job {jobId}";
    }

    public string TimeZoneId { get; }
    public DateTimeOffset StartTime { get; }
    public DateTimeOffset? EndTime { get; }
    public string ScheduleId { get; }
    public string ScheduleGroup => Group;
    public string CronExpression { get; }
    public string Description { get; }

    // Every occurrence reaches the saga, missed ones coalesced with their list: the job's own misfire policy decides.
    public MissedEventPolicy MisfirePolicy => MissedEventPolicy.Send;
}
