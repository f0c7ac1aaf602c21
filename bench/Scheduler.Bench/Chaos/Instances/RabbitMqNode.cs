using System.Net.Sockets;

namespace Scheduler.Bench.Chaos.Instances;

/// <summary>
/// The suite's own RabbitMQ node (started by <c>chaos.sh</c>), stopped and started with <c>rabbitmqctl stop_app</c> and
/// <c>start_app</c>: the Erlang node stays up, the broker inside it goes away with every connection and comes back
/// with its durable queues and their persistent messages.
/// </summary>
public sealed class RabbitMqNode(string node, Uri amqp) : IOwnedService
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    public string Name => $"RabbitMQ node {node}";

    public Task StopAsync(CancellationToken cancellationToken) =>
        ShellCommand.RunCheckedAsync("rabbitmqctl", ["-n", node, "stop_app"], CommandTimeout, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) =>
        ShellCommand.RunCheckedAsync("rabbitmqctl", ["-n", node, "start_app"], CommandTimeout, cancellationToken);

    public async Task<bool> IsAnsweringAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(amqp);
        using var client = new TcpClient();
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(amqp.Host, amqp.Port > 0 ? amqp.Port : 5672, attempt.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
