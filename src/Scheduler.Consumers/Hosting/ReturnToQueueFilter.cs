using System.Runtime.ExceptionServices;
using MassTransit;
using MassTransit.Middleware;
using Npgsql;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// The error pipe of the scheduler's endpoints. A message that failed for a reason outside itself — its process is
/// shutting down (the consume was cancelled, or the container disposed under it), or the database stayed unreachable
/// through the endpoint's retries — goes back to its queue, to be handled when an instance can, instead of to the
/// <c>_error</c> queue where nothing would ever handle it. Any other failure takes MassTransit's usual path: a
/// <c>Fault</c> event and the error queue.
/// </summary>
public sealed class ReturnToQueueFilter : IFilter<ExceptionReceiveContext>
{
    /// <summary>Puts this filter before MassTransit's own error filters on <paramref name="endpoint"/>.</summary>
    public static void Apply(IReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new ReturnToQueueFilter());
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });
    }

    public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Throwing from the error pipe makes the transport release the message unacknowledged, so the broker delivers it again.
        if (IsShutdown(context.Exception, context.CancellationToken) || IsOutage(context.Exception))
            ExceptionDispatchInfo.Throw(context.Exception);

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("returnToQueue");

    static bool IsOutage(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true } or TimeoutException)
                return true;
        }

        return false;
    }

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
