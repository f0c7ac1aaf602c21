namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Wakes this instance's dispatcher when a message is scheduled earlier than the instant it sleeps until,
/// so a message due in 50 ms is not held back by a sleep that was planned for one due in an hour.
/// </summary>
public sealed class DueSignal
{
    readonly Lock _gate = new();
    TaskCompletionSource _wake = NewSource();

    /// <summary>Completes when <see cref="Wake"/> is called after this call.</summary>
    public Task WaitAsync()
    {
        lock (_gate)
            return _wake.Task;
    }

    /// <summary>A message was scheduled or changed: let the dispatcher look again.</summary>
    public void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _wake;
            _wake = NewSource();
        }

        woken.TrySetResult();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
