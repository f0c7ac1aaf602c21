namespace Scheduler.Consumers.Execution;

/// <summary>
/// One run held by one consume on this host (see <see cref="RunCancellations.TakeAsync"/>): its token fires when the
/// scheduler abandons it, and disposing it lets a waiting copy of the run go on.
/// </summary>
public sealed class RunInHand : IDisposable
{
    readonly CancellationTokenSource _abandoned = new();
    readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Action<RunInHand> _release;
    int _disposed;

    internal RunInHand(Guid runId, Action<RunInHand> release)
    {
        RunId = runId;
        _release = release;
    }

    /// <summary>The run.</summary>
    public Guid RunId { get; }

    /// <summary>Fires when the scheduler abandons the run.</summary>
    public CancellationToken Abandoned => _abandoned.Token;

    /// <summary>Completes once the consume holding the run has let go of it.</summary>
    internal Task Released => _released.Task;

    internal async Task<bool> CancelAsync()
    {
        try
        {
            await _abandoned.CancelAsync();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;

        _release(this);
        _released.TrySetResult();
        _abandoned.Dispose();
    }
}
