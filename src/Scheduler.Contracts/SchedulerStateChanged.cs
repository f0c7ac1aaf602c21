namespace Scheduler.Contracts;

/// <summary>Reply to <see cref="PauseScheduler"/> and <see cref="ResumeScheduler"/>: the scheduler-wide pause as it now stands.</summary>
public sealed record SchedulerStateChanged
{
    /// <summary>True while no instance sends due messages.</summary>
    public bool Paused { get; init; }

    /// <summary>When the pause was last switched.</summary>
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>Who switched it.</summary>
    public string? ChangedBy { get; init; }
}
