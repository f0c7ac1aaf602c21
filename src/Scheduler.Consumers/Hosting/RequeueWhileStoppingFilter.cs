using System.Runtime.ExceptionServices;
using MassTransit;
using MassTransit.Middleware;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// The error pipe of the scheduler's endpoints: a message that failed because its process is shutting down (its
/// consume was cancelled, or the container was disposed under it) goes back to its queue for another instance, instead
/// of to the <c>_error</c> queue where nothing would ever handle it. Any other failure takes MassTransit's usual path:
/// a <c>Fault</c> event and the error queue.
/// </summary>
public sealed class RequeueWhileStoppingFilter : IFilter<ExceptionReceiveContext>
{
    /// <summary>Puts this filter before MassTransit's own error filters on <paramref name="endpoint"/>.</summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new RequeueWhileStoppingFilter());
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });
    }

    public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Throwing from the error pipe makes the transport release the message unacknowledged, so the broker delivers it again.
        if (IsShutdown(context.Exception, context.CancellationToken))
            ExceptionDispatchInfo.Throw(context.Exception);

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("requeueWhileStopping");

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
