namespace Scheduler.Contracts;

/// <summary>Event: the scheduler has stored a job (also the reply to <see cref="ScheduleJob"/>).</summary>
public sealed record JobScheduled
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The tenant that owns the job.</summary>
    public required string TenantId { get; init; }

    /// <summary>False when the job already existed (same job id or idempotency key).</summary>
    public bool Created { get; init; }

    /// <summary>True when a command with a <see cref="ScheduleJob.Key"/> replaced the definition of the job that has the key.</summary>
    public bool Updated { get; init; }

    /// <summary>When the job runs next, if it is due to run.</summary>
    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>When the scheduler stored the job.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
