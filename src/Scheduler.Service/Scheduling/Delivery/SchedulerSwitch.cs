namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>The scheduler-wide pause: while paused, no instance sends due messages. One row, kept across restarts.</summary>
public sealed class SchedulerSwitch
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public bool Paused { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}
