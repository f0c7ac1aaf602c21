namespace Scheduler.Service.Lifecycle;

/// <summary>
/// A job's status as the API shows it. The numbers are the state indexes MassTransit stores in
/// <see cref="JobState.CurrentState"/>: 0 none, 1 initial, 2 final, then the states in the order
/// <see cref="JobStateMachine"/> declares them. New states are appended, never reordered.
/// </summary>
public enum JobStatus
{
    Scheduled = 3,
    Running = 4,
    Completed = 5,
    Faulted = 6,
    Cancelled = 7,
    Paused = 8,
    Disabled = 9,
}
