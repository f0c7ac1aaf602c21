using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Scheduling.Delivery;

public sealed class DueSignalTests
{
    static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_message_scheduled_while_the_dispatcher_is_awake_ends_its_next_sleep_at_once()
    {
        var signal = new DueSignal();
        signal.Awake();

        // Committed after the round looked at the table, before it went to sleep.
        signal.Wake(Now.AddMilliseconds(1));

        Assert.True(signal.SleepUntilAsync(Now.AddSeconds(1)).IsCompleted);
    }

    [Fact]
    public void A_wake_while_the_dispatcher_is_awake_ends_its_next_sleep_at_once()
    {
        var signal = new DueSignal();
        signal.Awake();

        signal.Wake();

        Assert.True(signal.SleepUntilAsync(Now.AddSeconds(1)).IsCompleted);
    }

    [Fact]
    public void A_message_scheduled_after_the_sleep_ends_does_not_cut_it_short()
    {
        var signal = new DueSignal();
        signal.Awake();
        signal.Wake(Now.AddSeconds(2));

        Assert.False(signal.SleepUntilAsync(Now.AddSeconds(1)).IsCompleted);
    }

    [Fact]
    public void What_was_scheduled_before_the_dispatcher_woke_is_forgotten_once_it_looks()
    {
        var signal = new DueSignal();
        signal.Wake(Now.AddMilliseconds(1));

        signal.Awake();

        Assert.False(signal.SleepUntilAsync(Now.AddSeconds(1)).IsCompleted);
    }

    [Fact]
    public void A_sleeping_dispatcher_is_woken_only_by_a_message_due_before_its_sleep_ends()
    {
        var signal = new DueSignal();
        signal.Awake();
        var sleep = signal.SleepUntilAsync(Now.AddSeconds(1));

        signal.Wake(Now.AddSeconds(2));
        Assert.False(sleep.IsCompleted);

        signal.Wake(Now.AddMilliseconds(500));
        Assert.True(sleep.IsCompleted);
    }
}
