using System.Runtime.ExceptionServices;
using MassTransit;
using MassTransit.Middleware;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// The error pipe of the scheduler's endpoints. A message that failed for a reason outside itself — its process is
/// shutting down (the consume was cancelled, or the container disposed under it), or the database or the broker stayed
/// unavailable through the endpoint's retries (see <see cref="Outage"/>) — goes back to its queue, to be handled when an
/// instance can, instead of to the <c>_error</c> queue where nothing would ever handle it, and without a <c>Fault</c>
/// (see <see cref="OutageConsumeContext"/>). Any other failure takes MassTransit's usual path: a <c>Fault</c> event and
/// the error queue.
/// </summary>
public sealed class ReturnToQueueFilter : IFilter<ExceptionReceiveContext>
{
    /// <summary>
    /// How long a message that failed for an outage is held before it goes back. RabbitMQ delivers a returned message
    /// again at once, so without the pause every consumer would spin on its queue for as long as the outage lasts.
    /// </summary>
    public static readonly TimeSpan DefaultOutagePause = TimeSpan.FromSeconds(2);

    readonly TimeSpan _outagePause;

    /// <summary>A filter that holds a message <paramref name="outagePause"/> before returning it for an outage.</summary>
    public ReturnToQueueFilter(TimeSpan outagePause)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outagePause, TimeSpan.Zero);
        _outagePause = outagePause;
    }

    /// <summary>
    /// Puts this filter before MassTransit's own error filters on <paramref name="endpoint"/> and keeps outages from sending
    /// faults; a message that failed for an outage waits <paramref name="outagePause"/> (by default
    /// <see cref="DefaultOutagePause"/>) before it goes back.
    /// </summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint, TimeSpan? outagePause = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var filter = new ReturnToQueueFilter(outagePause ?? DefaultOutagePause);
        endpoint.UseFilter(new OutageFaultFilter());
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(filter);
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });
    }

    /// <inheritdoc />
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        if (IsShutdown(context.Exception, context.CancellationToken))
            ExceptionDispatchInfo.Throw(context.Exception);

        if (Outage.IsCauseOf(context.Exception))
        {
            // The message holds its place in the endpoint's concurrency meanwhile, which slows the endpoint down while
            // the outage lasts; a shutdown cuts the pause short.
            try
            {
                await Task.Delay(_outagePause, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: return it now.
            }

            // Throwing from the error pipe makes the transport release the message unacknowledged, so the broker delivers it again.
            ExceptionDispatchInfo.Throw(context.Exception);
        }

        await next.Send(context);
    }

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context?.CreateFilterScope("returnToQueue");

    static bool IsShutdown(Exception exception, CancellationToken cancellationToken)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is ObjectDisposedException || (inner is OperationCanceledException && cancellationToken.IsCancellationRequested))
                return true;
        }

        return false;
    }
}
