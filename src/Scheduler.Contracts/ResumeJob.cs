namespace Scheduler.Contracts;

/// <summary>
/// Command: resume a job. A one-shot whose instant passed while paused runs now, under its misfire policy; a recurring
/// job goes on from its next occurrence. Answered with <see cref="JobResumed"/>, <see cref="JobNotFound"/> or <see cref="JobCommandRejected"/>.
/// </summary>
public sealed record ResumeJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}
