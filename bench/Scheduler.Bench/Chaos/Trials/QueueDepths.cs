using System.Net.Http.Json;
using System.Text.Json;
using RabbitMQ.Client;
using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>
/// The messages in each queue of a deployment's virtual host: among them what MassTransit moved aside, in the
/// <c>_error</c> queues (a fault while consuming) and the <c>_skipped</c> ones (no consumer for the type). The
/// management API lists the queues; each is counted over AMQP, since the API's counts lag by its statistics interval.
/// </summary>
public static class QueueDepths
{
    public static bool IsError(string queue) => queue.EndsWith("_error", StringComparison.Ordinal);

    public static bool IsSkipped(string queue) => queue.EndsWith("_skipped", StringComparison.Ordinal);

    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(BenchSettings settings, BenchDeployment deployment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(deployment);
        var (management, _) = RabbitMqManagement.Connect(settings.RabbitMq, settings.RabbitMqManagement);
        List<string> names;
        using (management)
        {
            var queues = await management.GetFromJsonAsync<JsonElement>(
                $"queues/{Uri.EscapeDataString(deployment.VirtualHost)}?columns=name,exclusive", cancellationToken);
            // An exclusive queue (a bus instance's own) belongs to its connection: no other may even look at it.
            names = queues.EnumerateArray().Where(q => !q.GetProperty("exclusive").GetBoolean()).Select(q => q.GetProperty("name").GetString()!).ToList();
        }

        var counts = new Dictionary<string, long>();
        if (names.Count == 0)
            return counts;
        var factory = new ConnectionFactory { Uri = new Uri(deployment.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var name in names)
            counts[name] = (await channel.QueueDeclarePassiveAsync(name, cancellationToken)).MessageCount;
        return counts;
    }
}
