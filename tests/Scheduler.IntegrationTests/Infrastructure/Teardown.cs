namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// Bounds the stop of a host or bus at the end of a test. MassTransit's stop can wait for ever on a receive transport
/// whose connection RabbitMQ.Client 7.2.2 never finishes closing (after a test cut the broker away); a test has asserted
/// what it came for by then, so the run goes on and leaves that host behind rather than hang until CI's time runs out.
/// </summary>
public static class Teardown
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Waits for <paramref name="stop"/> at most <see cref="Limit"/>; past it, says so on the console and returns.</summary>
    public static async Task WithinLimitAsync(Func<Task> stop, string what)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var stopping = stop();
        try
        {
            await stopping.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            _ = stopping.ContinueWith(t => t.Exception, TaskScheduler.Default);
            await Console.Error.WriteLineAsync($"{what} did not stop within {Limit.TotalSeconds} s; left behind.");
        }
    }
}
