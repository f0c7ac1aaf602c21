namespace Scheduler.Contracts;

/// <summary>
/// Command: stop sending due messages on every scheduler instance until <see cref="ResumeScheduler"/> (kept across
/// restarts). Runs already out finish. Answered with <see cref="SchedulerStateChanged"/>.
/// </summary>
public sealed record PauseScheduler
{
    /// <summary>Who asks, for the record (defaults to the sender's address).</summary>
    public string? Actor { get; init; }
}
