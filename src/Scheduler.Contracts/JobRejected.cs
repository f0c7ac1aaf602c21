namespace Scheduler.Contracts;

/// <summary>Event: a <see cref="ScheduleJob"/> was invalid and nothing was stored.</summary>
public sealed record JobRejected
{
    /// <summary>The job id the command carried.</summary>
    public Guid JobId { get; init; }

    /// <summary>The tenant the command named.</summary>
    public required string TenantId { get; init; }

    /// <summary>Why: one entry per offending field.</summary>
    public required IReadOnlyList<FieldError> Errors { get; init; }

    /// <summary>When the scheduler rejected it.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
