using System.Collections.Concurrent;
using MassTransit;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Which receive endpoints MassTransit believes are consuming: ready since its last <c>Ready</c>, until it reports the
/// endpoint faulted, stopping or completed. After a lost connection MassTransit reports the endpoint faulted and retries
/// with a backoff of up to 30 s, so a queue without a consumer then is expected; a queue without a consumer whose
/// endpoint MassTransit still holds ready means MassTransit was never told the connection closed (see
/// <see cref="BusStallGuard"/>).
/// </summary>
public sealed class ReceiveEndpointReadiness : IReceiveEndpointObserver
{
    readonly ConcurrentDictionary<string, bool> _ready = new(StringComparer.Ordinal);

    /// <summary>Whether MassTransit holds the endpoint of <paramref name="queue"/> ready (consuming).</summary>
    public bool IsReady(string queue) => _ready.TryGetValue(queue, out var ready) && ready;

    public Task Ready(ReceiveEndpointReady ready) => Mark(ready, true);

    public Task Stopping(ReceiveEndpointStopping stopping) => Mark(stopping, false);

    public Task Completed(ReceiveEndpointCompleted completed) => Mark(completed, false);

    public Task Faulted(ReceiveEndpointFaulted faulted) => Mark(faulted, false);

    Task Mark(ReceiveEndpointEvent endpointEvent, bool ready)
    {
        ArgumentNullException.ThrowIfNull(endpointEvent);
        _ready[QueueOf(endpointEvent.InputAddress)] = ready;
        return Task.CompletedTask;
    }

    // rabbitmq://host/vhost/queue?arguments, loopback://localhost/queue: the queue is the last segment of the path.
    static string QueueOf(Uri inputAddress) => inputAddress.AbsolutePath[(inputAddress.AbsolutePath.LastIndexOf('/') + 1)..];
}
