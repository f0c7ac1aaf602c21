namespace Scheduler.Contracts;

/// <summary>What became of one job of a <see cref="ScheduleJobs"/>.</summary>
public sealed record JobScheduleResult
{
    /// <summary>
    /// The job: the one the command named, or, for an idempotency key the tenant used before, the job created with it then.
    /// </summary>
    public Guid JobId { get; init; }

    /// <summary>True when the job is stored (created now, or already there); false when it was rejected and nothing was stored.</summary>
    public bool Accepted { get; init; }

    /// <summary>True when this command created the job; false when it existed already (same job id or idempotency key) or was rejected.</summary>
    public bool Created { get; init; }

    /// <summary>Why the job was rejected: one entry per offending field (empty when accepted).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
}
