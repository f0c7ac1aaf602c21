namespace Scheduler.Contracts;

/// <summary>Reply: the command named a job the scheduler does not have.</summary>
public sealed record JobNotFound
{
    /// <summary>The job id the command carried.</summary>
    public Guid JobId { get; init; }
}
