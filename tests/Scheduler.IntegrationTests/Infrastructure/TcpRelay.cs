using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay on loopback in front of a real server (the broker, the database), so that a test can take that server
/// away from one process while every other test goes on using it: <see cref="Cut"/> resets every open connection and
/// turns new ones away, as a server that went down would; <see cref="Freeze"/> holds every byte where it is while the
/// connections stay open, as a server that hangs or a network that drops packets would; <see cref="Restore"/> lets
/// connections through again (what a freeze held goes on its way).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly string _targetHost;
    readonly int _targetPort;
    readonly ConcurrentDictionary<Socket, byte> _open = new();
    readonly CancellationTokenSource _stopping = new();
    readonly Task _accepting;
    volatile bool _cut;
    volatile TaskCompletionSource _flowing = Flowing();

    TcpRelay(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port to connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A relay to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static TcpRelay To(string host, int port) => new(host, port);

    /// <summary>The server goes away: open connections are reset and new ones are closed as soon as they come.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys)
            Reset(socket);
    }

    /// <summary>Nothing moves either way, yet every connection stays open: nobody learns that the server is gone.</summary>
    public void Freeze()
    {
        if (_flowing.Task.IsCompleted)
            _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The server is back: new connections reach it again, and frozen ones move again.</summary>
    public void Restore()
    {
        _cut = false;
        _flowing.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stopping.Token);
            if (_cut)
            {
                Reset(client);
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stopping.Token);
            if (_cut)
                return;

            // Whichever side ends first ends the other: a relay never holds half a connection open.
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            Reset(client);
            Reset(server);
        }
    }

    async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                await _flowing.Task.WaitAsync(_stopping.Token);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0 || _cut)
                    return;
                await _flowing.Task.WaitAsync(_stopping.Token);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    /// <summary>Closes with a reset (linger 0), as a connection to a process that died is closed, rather than a polite FIN.</summary>
    static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }
}
