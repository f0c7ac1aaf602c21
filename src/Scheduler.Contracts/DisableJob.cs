namespace Scheduler.Contracts;

/// <summary>
/// Command: switch a job off. A disabled job is kept and shown (status <c>disabled</c>) but does not run; its runs
/// already out finish. Unlike a pause it owes nothing: enabled again, it goes on from its next occurrence. Answered
/// with <see cref="JobDisabled"/>, <see cref="JobNotFound"/> or <see cref="JobCommandRejected"/> (a finished job).
/// </summary>
public sealed record DisableJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}
