namespace Scheduler.Contracts;

/// <summary>
/// Command: switch a disabled job on again. A recurring job goes on from its next occurrence after now (those it
/// missed while disabled are not owed); a one-shot whose instant has not come waits for it, one whose instant passed
/// runs now. Answered with <see cref="JobEnabled"/>, <see cref="JobNotFound"/> or <see cref="JobCommandRejected"/>.
/// </summary>
public sealed record EnableJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}
