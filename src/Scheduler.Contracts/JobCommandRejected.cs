namespace Scheduler.Contracts;

/// <summary>Reply: the job exists but the command does not apply to it now (for example pausing a completed job).</summary>
public sealed record JobCommandRejected
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Why, for a person.</summary>
    public required string Reason { get; init; }
}
