using System.Collections.Concurrent;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// The runs this host has in hand, one consume of each at a time, so that one the scheduler abandons can be told to stop
/// and a copy of one in hand waits for it instead of being taken for done.
/// </summary>
public sealed class RunCancellations
{
    readonly ConcurrentDictionary<Guid, RunInHand> _running = new();

    /// <summary>
    /// Takes <paramref name="runId"/> in hand until the returned run is disposed. While another consume on this host holds
    /// it, this waits for that one to let go first: the copy may be the only delivery of the run left, since a channel
    /// that closes under a run gives its message back to the broker, which delivers it again while the first consume is
    /// still trying to report.
    /// </summary>
    public async Task<RunInHand> TakeAsync(Guid runId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var taken = new RunInHand(runId, Release);
            var holder = _running.GetOrAdd(runId, taken);
            if (ReferenceEquals(holder, taken))
                return taken;

            taken.Dispose();
            await holder.Released.WaitAsync(cancellationToken);
        }
    }

    /// <summary>True while a consume on this host holds <paramref name="runId"/>.</summary>
    public bool IsRunning(Guid runId) => _running.ContainsKey(runId);

    /// <summary>Fires the run's cancellation token; returns false when this host does not hold it.</summary>
    public async Task<bool> CancelAsync(Guid runId) =>
        _running.TryGetValue(runId, out var hand) && await hand.CancelAsync();

    void Release(RunInHand hand) => _running.TryRemove(new KeyValuePair<Guid, RunInHand>(hand.RunId, hand));
}
