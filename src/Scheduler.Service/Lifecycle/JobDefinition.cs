using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>A job's definition: what a schedule command or an update gives it, and how the audit trail describes it.</summary>
public static class JobDefinition
{
    /// <summary>Gives <paramref name="job"/> the definition <paramref name="definition"/> carries; its next run counts from <paramref name="now"/>.</summary>
    public static void Apply(JobState job, ScheduleJob definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(definition);
        job.Name = definition.Name!;
        job.Handler = definition.Handler!;
        job.Payload = definition.Payload;
        job.Schedule = definition.Schedule;
        job.Priority = definition.Priority ?? JobPriority.Normal;
        job.Retry = definition.Retry;
        job.Timeout = definition.Timeout;
        job.AlertAfter = definition.AlertAfter;
        job.Concurrency = definition.Concurrency;
        job.Misfire = definition.Misfire;
        job.Metadata = definition.Metadata;
        job.OnSuccess = definition.OnSuccess;
        job.OnFailure = definition.OnFailure;
        job.UpdatedAt = now;
        job.NextRunAt = FirstRunAt(job, now);
    }

    /// <summary>The definition an update would give the job, as a <see cref="ScheduleJob"/>, so that it is validated and applied like one.</summary>
    public static ScheduleJob Of(UpdateJob update, JobState job)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(job);
        return new ScheduleJob
        {
            JobId = job.CorrelationId,
            TenantId = job.TenantId,
            Name = update.Name,
            Handler = update.Handler,
            Payload = update.Payload,
            Schedule = update.Schedule,
            Priority = update.Priority,
            Retry = update.Retry,
            Timeout = update.Timeout,
            AlertAfter = update.AlertAfter,
            Concurrency = update.Concurrency,
            Misfire = update.Misfire,
            Metadata = update.Metadata,
            OnSuccess = update.OnSuccess,
            OnFailure = update.OnFailure,
        };
    }

    /// <summary>True when <paramref name="definition"/> would give <paramref name="job"/> the definition it has (its ids and keys aside).</summary>
    public static bool Matches(JobState job, ScheduleJob definition)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(definition);
        var current = new ScheduleJob
        {
            Name = job.Name, Handler = job.Handler, Payload = job.Payload, Schedule = job.Schedule, Priority = job.Priority, Retry = job.Retry,
            Timeout = job.Timeout, Concurrency = job.Concurrency, Misfire = job.Misfire, Metadata = job.Metadata,
            OnSuccess = job.OnSuccess, OnFailure = job.OnFailure,
        };
        var given = definition with
        {
            JobId = default, TenantId = current.TenantId, IdempotencyKey = null, Key = null, Parent = null,
            Priority = definition.Priority ?? JobPriority.Normal,
        };
        // Compared as JSON trees, whose objects are equal whatever the order of their members (jsonb reorders them).
        return JsonNode.DeepEquals(JsonSerializer.SerializeToNode(current, Comparison), JsonSerializer.SerializeToNode(given, Comparison));
    }

    static readonly JsonSerializerOptions Comparison = SchedulerJson.CreateOptions();

    public static string Describe(JobSchedule? schedule) => schedule switch
    {
        { Cron: { } cron } => $"cron '{cron}' in {schedule.TimeZone ?? "UTC"}",
        { Every: { } every } => $"every {IsoDuration.Format(every)}",
        { Rrule: { } rrule } => $"rrule '{rrule}' in {schedule.TimeZone ?? "UTC"}",
        { At: { } at } => $"once at {DueHeaders.Format(at)}",
        { Delay: { } delay } => $"once after {IsoDuration.Format(delay)}",
        _ => "run now",
    };

    static DateTimeOffset FirstRunAt(JobState job, DateTimeOffset now)
    {
        if (job.IsRecurring())
            return job.RecurringRule().NextAfter(now) ?? now;

        return job.Schedule switch
        {
            { At: { } at } => at,
            { Delay: { } delay } => now + delay,
            _ => now,
        };
    }
}
