using MassTransit;

namespace Scheduler.UnitTests.Service.Scheduling.Delivery;

/// <summary>
/// Stands in for a publisher confirm lost with its channel: the first send through it never completes, whatever its
/// cancellation token says, until the test releases it; later sends go through.
/// </summary>
internal sealed class LostConfirm : IFilter<SendContext>
{
    readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _toLose = 1;

    /// <summary>Completes once a send is being held.</summary>
    public Task Holding => _entered.Task;

    public async Task Send(SendContext context, IPipe<SendContext> next)
    {
        if (Interlocked.Decrement(ref _toLose) >= 0)
        {
            _entered.TrySetResult();
            await _released.Task;
            return;
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context)
    {
    }

    /// <summary>Lets the held send end, so that nothing outlives the test.</summary>
    public void Release() => _released.TrySetResult();
}
