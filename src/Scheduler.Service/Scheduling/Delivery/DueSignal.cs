namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Wakes this instance's dispatcher when a message is scheduled earlier than the instant it sleeps until,
/// so a message due in 50 ms is not held back by a sleep that was planned for one due in an hour — and a
/// burst of messages due later does not wake it at all. A message scheduled while the dispatcher is awake is
/// remembered until it goes to sleep: its round may have looked at the table before that message was committed.
/// </summary>
public sealed class DueSignal
{
    readonly Lock _gate = new();
    TaskCompletionSource _wake = NewSource();

    // Null while the dispatcher is awake (from Awake until it sleeps again).
    DateTimeOffset? _sleepingUntil;

    // The earliest message scheduled since the dispatcher last woke, which its round may not have seen.
    DateTimeOffset? _scheduledWhileAwake;

    /// <summary>
    /// Completes when something is due before <paramref name="until"/>, or when <see cref="Wake()"/> is called — at
    /// once when that happened since <see cref="Awake"/>.
    /// </summary>
    public Task SleepUntilAsync(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (_scheduledWhileAwake is { } scheduled && scheduled < until)
            {
                _scheduledWhileAwake = null;
                return Task.CompletedTask;
            }

            _sleepingUntil = until;
            return _wake.Task;
        }
    }

    /// <summary>The dispatcher is awake and will look at the table before it sleeps again.</summary>
    public void Awake()
    {
        lock (_gate)
        {
            _sleepingUntil = null;
            _scheduledWhileAwake = null;
        }
    }

    /// <summary>A message was scheduled for <paramref name="dueAt"/>: wake the dispatcher if it would otherwise sleep past it.</summary>
    public void Wake(DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            if (_sleepingUntil is null)
            {
                if (_scheduledWhileAwake is null || dueAt < _scheduledWhileAwake)
                    _scheduledWhileAwake = dueAt;
                return;
            }

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
            if (_sleepingUntil is null)
                _scheduledWhileAwake = DateTimeOffset.MinValue;
            _sleepingUntil = null;
        }

        woken.TrySetResult();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
