using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Api;

/// <summary>
/// A job as the REST API returns it; <c>deletedAt</c> is set once the job was deleted (its history is kept);
/// <c>handlerOnline</c> is false while no consumer of its handler is online (its runs wait in the queue).
/// </summary>
public sealed record JobResponse(
    Guid Id,
    string TenantId,
    string Name,
    string Handler,
    JsonElement? Payload,
    JobSchedule Schedule,
    string Status,
    JobPriority Priority,
    RetryPolicy? Retry,
    TimeSpan? Timeout,
    ConcurrencyPolicy? Concurrency,
    MisfirePolicy? Misfire,
    string? IdempotencyKey,
    string? Key,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? NextRunAt,
    int RunCount,
    int FailureCount,
    IReadOnlyDictionary<string, JsonElement>? Metadata,
    DateTimeOffset? DeletedAt,
    bool HandlerOnline,
    DateTimeOffset? PausedUntil,
    string? PauseReason,
    IReadOnlyList<ScheduleJob>? OnSuccess,
    IReadOnlyList<ScheduleJob>? OnFailure,
    JobParent? Parent,
    TimeSpan? AlertAfter = null)
{
    /// <param name="job">The stored job.</param>
    /// <param name="onlineHandlers">The handlers with a consumer online now (see <c>HandlerPresence</c>).</param>
    public static JobResponse From(JobState job, IReadOnlySet<string> onlineHandlers)
    {
        ArgumentNullException.ThrowIfNull(onlineHandlers);
        ArgumentNullException.ThrowIfNull(job);
        return From(job, onlineHandlers.Contains(job.Handler));
    }

    /// <param name="job">The stored job.</param>
    /// <param name="handlerOnline">Whether a consumer of the job's handler is online now.</param>
    public static JobResponse From(JobState job, bool handlerOnline)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobResponse(
            job.CorrelationId, job.TenantId, job.Name, job.Handler, job.Payload, job.Schedule ?? new JobSchedule(),
            JobStatusNames.FromState(job.CurrentState)?.ToWireName() ?? JobStatus.Scheduled.ToWireName(),
            job.Priority, job.Retry, job.Timeout, job.Concurrency, job.Misfire, job.IdempotencyKey, job.Key,
            job.CreatedAt, job.UpdatedAt, job.LastRunAt, job.NextRunAt, job.RunCount, job.FailureCount, job.Metadata, job.DeletedAt,
            handlerOnline, job.PausedUntil, job.PauseReason,
            job.OnSuccess, job.OnFailure, job.ParentJobId is { } parent ? new JobParent { JobId = parent, RunId = job.ParentRunId ?? Guid.Empty } : null,
            job.AlertAfter);
    }
}
