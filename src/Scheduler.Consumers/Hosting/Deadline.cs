namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Bounds work that may never end (a publisher confirm lost with its channel does not end by itself, whatever token it
/// was given). Work past its deadline is left to finish on its own, and its outcome is observed so that a late fault
/// raises no unobserved task exception.
/// </summary>
public static class Deadline
{
    /// <summary>Waits for <paramref name="work"/> at most <paramref name="limit"/> on <paramref name="clock"/>; throws <see cref="TimeoutException"/> past it.</summary>
    public static async Task WithinAsync(this Task work, TimeSpan limit, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work.WaitAsync(limit, clock, cancellationToken);
        }
        catch
        {
            Observe(work);
            throw;
        }
    }

    /// <summary>As <see cref="WithinAsync(Task, TimeSpan, TimeProvider, CancellationToken)"/>, for work with a result.</summary>
    public static async Task<T> WithinAsync<T>(this Task<T> work, TimeSpan limit, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work.WaitAsync(limit, clock, cancellationToken);
        }
        catch
        {
            Observe(work);
            throw;
        }
    }

    static void Observe(Task abandoned) =>
        abandoned.ContinueWith(static task => _ = task.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
