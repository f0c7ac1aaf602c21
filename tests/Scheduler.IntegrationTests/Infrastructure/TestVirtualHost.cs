using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Scheduler.Consumers.Hosting;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// A RabbitMQ virtual host of its own, so the queues of one test run start empty and cannot be read by
/// another run or a developer's service on the same broker. Made through the management API; where that is
/// not reachable (a broker someone else runs), the given virtual host is used as it is.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    readonly HttpClient? _management;

    TestVirtualHost(string connectionString, string? name, HttpClient? management)
    {
        ConnectionString = connectionString;
        Name = name;
        _management = management;
    }

    /// <summary>The AMQP URI of the virtual host.</summary>
    public string ConnectionString { get; }

    /// <summary>The virtual host made for this run, or null when the given one is used.</summary>
    public string? Name { get; }

    public static async Task<TestVirtualHost> CreateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var broker = RabbitMqConnection.Parse(connectionString);
        var management = new HttpClient { BaseAddress = new Uri($"http://{broker.Host}:15672/api/"), Timeout = TimeSpan.FromSeconds(10) };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.Username}:{broker.Password}")));

        var name = $"scheduler-test-{Guid.NewGuid():N}";
        try
        {
            using var created = await management.PutAsync($"vhosts/{name}", null, cancellationToken);
            created.EnsureSuccessStatusCode();
            using var granted = await management.PutAsJsonAsync($"permissions/{name}/{Uri.EscapeDataString(broker.Username)}",
                new { configure = ".*", write = ".*", read = ".*" }, cancellationToken);
            granted.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException)
        {
            management.Dispose();
            return new TestVirtualHost(connectionString, null, null);
        }

        var uri = new UriBuilder(connectionString) { Path = "/" + Uri.EscapeDataString(name) };
        return new TestVirtualHost(uri.Uri.ToString(), name, management);
    }

    /// <summary>
    /// The messages waiting in the virtual host's <c>_error</c> queues, by queue, leaving out the empty ones. The queues are
    /// listed by the management API and counted by the broker itself (a passive declare), since the management API's
    /// counts lag by seconds.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, uint>> DeadLettersAsync(CancellationToken cancellationToken = default)
    {
        if (_management is null)
            throw new InvalidOperationException("The broker's management API is not reachable, so its error queues cannot be listed.");

        var queues = await _management.GetFromJsonAsync<JsonElement>($"queues/{Uri.EscapeDataString(Name!)}?columns=name", cancellationToken);
        var errorQueues = queues.EnumerateArray().Select(q => q.GetProperty("name").GetString()!)
            .Where(name => name.EndsWith("_error", StringComparison.Ordinal)).ToList();
        var counts = new Dictionary<string, uint>();
        if (errorQueues.Count == 0)
            return counts;

        await using var connection = await new ConnectionFactory { Uri = new Uri(ConnectionString) }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var queue in errorQueues)
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            if (declared.MessageCount > 0)
                counts[queue] = declared.MessageCount;
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        if (_management is null)
            return;

        using (await _management.DeleteAsync($"vhosts/{Name}"))
        {
        }

        _management.Dispose();
    }
}
