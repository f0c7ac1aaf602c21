namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition to hold, checking often, and fails once a deadline passes.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(condition);

        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var last = default(T);
        while (true)
        {
            last = await probe();
            if (condition(last))
                return last;

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting for {what}; last value: {last}");
            }
        }
    }
}
