using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
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
    /// The <c>_error</c> queues of the virtual host with the messages in each (as the management API counts them, a few
    /// seconds behind). MassTransit makes such a queue the first time it moves a message there.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> ErrorQueuesAsync(CancellationToken cancellationToken = default)
    {
        if (_management is null)
            throw new InvalidOperationException("The management API is not reachable, so the error queues cannot be read.");

        var queues = await _management.GetFromJsonAsync<List<QueueFigures>>($"queues/{Uri.EscapeDataString(Name!)}?columns=name,messages",
            cancellationToken) ?? [];
        return queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)).ToDictionary(q => q.Name, q => q.Messages ?? 0);
    }

    sealed record QueueFigures(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("messages")] long? Messages);

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
