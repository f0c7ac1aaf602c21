namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Wakes this instance's dispatcher when a message is scheduled earlier than the instant it sleeps until,
/// so a message due in 50 ms is not held back by a sleep that was planned for one due in an hour — and a
/// burst of messages due later does not wake it at all.
/// </summary>
public sealed class DueSignal
{
    readonly Lock _gate = new();
    TaskCompletionSource _wake = NewSource();
    DateTimeOffset _sleepingUntil = DateTimeOffset.MinValue;

    /// <summary>Completes when something is due before <paramref name="until"/>, or when <see cref="Wake()"/> is called.</summary>
    public Task SleepUntilAsync(DateTimeOffset until)
    {
        lock (_gate)
        {
            _sleepingUntil = until;
            return _wake.Task;
        }
    }

    /// <summary>The dispatcher is awake and will look at the table before it sleeps again.</summary>
    public void Awake()
    {
        lock (_gate)
            _sleepingUntil = DateTimeOffset.MinValue;
    }

    /// <summary>A message was scheduled for <paramref name="dueAt"/>: wake the dispatcher if it would otherwise sleep past it.</summary>
    public void Wake(DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            if (dueAt >= _sleepingUntil)
                return;
        }

        Wake();
    }

    /// <summary>Something changed that the dispatcher must look at now (a resume, a pause lifted).</summary>
    public void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _wake;
            _wake = NewSource();
            _sleepingUntil = DateTimeOffset.MinValue;
        }

        woken.TrySetResult();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
