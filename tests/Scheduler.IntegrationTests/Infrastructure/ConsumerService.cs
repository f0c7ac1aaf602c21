using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Consumers.Hosting;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>A consumer microservice of its own: a separate host that serves the built-in handlers from RabbitMQ.</summary>
public sealed class ConsumerService : IAsyncDisposable
{
    readonly IHost _host;

    ConsumerService(IHost host) => _host = host;

    /// <summary>Starts a consumer service with the built-in handlers, and whatever <paramref name="configure"/> adds.</summary>
    public static async Task<ConsumerService> StartAsync(string rabbitMq, Action<IBusRegistrationConfigurator>? configure = null,
        IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbitMq;

        // Bursts of thousands of noop runs: a consumer service sized for them, as a deployment would be.
        builder.Configuration["Scheduler:Handlers:noop:Concurrency"] = "32";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.Configuration[key] = value;

        builder.Services.AddJobHandlers(builder.Configuration, bus =>
        {
            bus.AddBuiltInJobHandlers();
            configure?.Invoke(bus);
        });

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new ConsumerService(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
