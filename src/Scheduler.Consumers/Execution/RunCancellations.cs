using System.Collections.Concurrent;

namespace Scheduler.Consumers.Execution;

/// <summary>The runs this host is executing, so that one the scheduler abandons can be told to stop.</summary>
public sealed class RunCancellations
{
    readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>Tracks <paramref name="runId"/> until the returned registration is disposed.</summary>
    public IDisposable Track(Guid runId, CancellationTokenSource cancellation)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        _running[runId] = cancellation;
        return new Registration(this, runId, cancellation);
    }

    /// <summary>True while this host runs <paramref name="runId"/>.</summary>
    public bool IsRunning(Guid runId) => _running.ContainsKey(runId);

    /// <summary>Fires the run's cancellation token; returns false when this host is not running it.</summary>
    public async Task<bool> CancelAsync(Guid runId)
    {
        if (!_running.TryGetValue(runId, out var cancellation))
            return false;

        try
        {
            await cancellation.CancelAsync();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    sealed class Registration(RunCancellations owner, Guid runId, CancellationTokenSource cancellation) : IDisposable
    {
        public void Dispose() => owner._running.TryRemove(new KeyValuePair<Guid, CancellationTokenSource>(runId, cancellation));
    }
}
