using System.Text.Json;

namespace Scheduler.Contracts;

/// <summary>
/// Command: replace a job's definition — its schedule, handler, payload and policies — as <c>PUT /api/jobs/{id}</c>
/// does. The new schedule takes effect at once: pending occurrences of the old one are dropped and the next one is
/// computed from now. Runs already out finish. Answered with <see cref="JobUpdated"/>, <see cref="JobRejected"/> for an
/// invalid definition, <see cref="JobNotFound"/>, or <see cref="JobCommandRejected"/> for a cancelled job.
/// </summary>
public sealed record UpdateJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>A human name for the job; required.</summary>
    public string? Name { get; init; }

    /// <summary>The handler that executes the job; required and known to the scheduler.</summary>
    public string? Handler { get; init; }

    /// <summary>The handler's input: a JSON object, or absent.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>When the job runs; absent or empty means now.</summary>
    public JobSchedule? Schedule { get; init; }

    /// <summary>Delivery priority of the job's runs.</summary>
    public JobPriority? Priority { get; init; }

    /// <summary>How failed runs are retried.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>How long one run may take before it is cancelled.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Optional: a run still going after this long raises <see cref="JobRunOverdue"/> (it goes on running).</summary>
    public TimeSpan? AlertAfter { get; init; }

    /// <summary>How many runs of the job may run at once, and what happens to the rest.</summary>
    public ConcurrencyPolicy? Concurrency { get; init; }

    /// <summary>What happens to occurrences missed while the scheduler was down.</summary>
    public MisfirePolicy? Misfire { get; init; }

    /// <summary>
    /// Free-form labels kept with the job: a JSON object whose values may be any JSON (strings, numbers, booleans, arrays,
    /// objects), at most 16 KiB as compact UTF-8 JSON. Jobs are listed by one of its keys and a string, number or boolean
    /// value (the <c>metadataKey</c> and <c>metadataValue</c> filters of <c>GET /api/jobs</c>).
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>
    /// Jobs scheduled, each as a new job, when an occurrence of this one ends succeeded; each may have its own
    /// schedule (default now), and gets the run's result in its payload as <c>parentResult</c>. Follow-ups may have their
    /// own follow-ups: a chain is at most 128 jobs long (the job and 127 levels of follow-ups under it).
    /// </summary>
    public IReadOnlyList<ScheduleJob>? OnSuccess { get; init; }

    /// <summary>Jobs scheduled, each as a new job, when an occurrence of this one ends faulted (its last attempt failed).</summary>
    public IReadOnlyList<ScheduleJob>? OnFailure { get; init; }
}
