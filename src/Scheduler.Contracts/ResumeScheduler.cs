namespace Scheduler.Contracts;

/// <summary>
/// Command: send due messages again; what came due during the pause follows each job's misfire policy. Answered
/// with <see cref="SchedulerStateChanged"/>.
/// </summary>
public sealed record ResumeScheduler
{
    /// <summary>Who asks, for the record (defaults to the sender's address).</summary>
    public string? Actor { get; init; }
}
