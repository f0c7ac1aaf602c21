using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Scheduler.Consumers.Http;

/// <summary>
/// The HTTP client of the built-in handlers: one connection pool for the host, no redirects followed, and every
/// connection checked against <see cref="OutboundAddressGuard"/> after name resolution, so that a name cannot resolve
/// to a forbidden address between the check and the connect.
/// </summary>
public sealed class OutboundHttpClient : IDisposable
{
    readonly HttpClient _client;

    public OutboundHttpClient(IOptions<OutboundHttpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Guard = new OutboundAddressGuard(Options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public OutboundHttpOptions Options { get; }
    public OutboundAddressGuard Guard { get; }

    /// <summary>Sends <paramref name="request"/> after checking its host; an <see cref="OutboundRequestRefusedException"/> when it may not go.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Guard.RefuseHost(request.RequestUri!) is { } refusal)
            throw new OutboundRequestRefusedException(refusal);

        return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0)
            throw new HttpRequestException($"'{context.DnsEndPoint.Host}' resolves to no address.");
        if (addresses.Select(Guard.RefuseAddress).FirstOrDefault(r => r is not null) is { } refusal)
            throw new OutboundRequestRefusedException(refusal);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
