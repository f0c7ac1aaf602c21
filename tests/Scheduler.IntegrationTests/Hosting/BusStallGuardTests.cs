using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Scheduler.Consumers.Hosting;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Hosting;

public sealed class BusStallGuardTests : IAsyncLifetime
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    TestVirtualHost _virtualHost = null!;

    public async Task InitializeAsync() => _virtualHost = await TestVirtualHost.CreateAsync(RealInfrastructure.FromEnvironment().RabbitMq);

    public async Task DisposeAsync() => await _virtualHost.DisposeAsync();

    [Fact]
    public async Task Stops_the_process_when_a_watched_queue_has_no_consumer_while_the_broker_answers()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:StallGuard:ProbeInterval"] = "00:00:00.200",
            ["Scheduler:StallGuard:UnconsumedAfter"] = "00:00:01",
        });
        builder.Services.AddBusStallGuard(RabbitMqConnection.Parse(_virtualHost.ConnectionString), _ => ["nobody-consumes-this"]);
        using var host = builder.Build();

        // The stuck client's state: MassTransit holds the endpoint ready, and the broker has no consumer on its queue.
        await host.Services.GetRequiredService<ReceiveEndpointReadiness>().Ready(new HeldReady(new Uri("rabbitmq://localhost/test/nobody-consumes-this")));

        // Runs as a process's Main does, until the application is stopped (without disposing, so it can be asked after).
        await host.StartAsync();
        await host.WaitForShutdownAsync().WaitAsync(Deadline);

        var reason = host.Services.GetRequiredService<BusStallReport>().Reason;
        Assert.Contains("nobody-consumes-this", reason, StringComparison.Ordinal);
        Assert.Equal(StallGuardOptions.ExitCode, host.Services.GetRequiredService<BusStallReport>().ExitCode);
    }

    [Fact]
    public async Task Sees_which_watched_queues_have_no_consumer()
    {
        var factory = new ConnectionFactory { Uri = new Uri(_virtualHost.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync("consumed", durable: false, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync("idle", durable: false, exclusive: false, autoDelete: false);
        await channel.BasicConsumeAsync("consumed", autoAck: true, new AsyncEventingBasicConsumer(channel));
        await using var probe = new ConsumerCountProbe(RabbitMqConnection.Parse(_virtualHost.ConnectionString), TimeProvider.System,
            NullLogger<ConsumerCountProbe>.Instance);

        var sighting = await probe.LookAsync(["consumed", "idle", "never-declared"], CancellationToken.None);

        Assert.True(sighting.Answered);
        Assert.Equal(["idle", "never-declared"], sighting.Unconsumed);
    }

    /// <summary>
    /// What tells a stuck client from MassTransit's own reconnect backoff: after a lost connection MassTransit reports the
    /// endpoint faulted until it consumes again, so the guard does not count its empty queue meanwhile.
    /// </summary>
    [Fact]
    public async Task MassTransit_holds_an_endpoint_ready_only_while_it_consumes()
    {
        var broker = new Uri(RealInfrastructure.FromEnvironment().RabbitMq);
        await using var relay = TcpRelay.To(broker.Host, broker.Port);
        var throughRelay = RabbitMqConnection.Parse(new UriBuilder(_virtualHost.ConnectionString) { Port = relay.Port }.Uri.ToString());
        var services = new ServiceCollection()
            .AddSingleton<ReceiveEndpointReadiness>()
            .AddReceiveEndpointObserver(provider => provider.GetRequiredService<ReceiveEndpointReadiness>())
            .AddMassTransit(x => x.UsingRabbitMq((_, cfg) =>
            {
                cfg.Host(throughRelay);
                cfg.ReceiveEndpoint("readiness", endpoint => endpoint.Handler<ReadinessPing>(_ => Task.CompletedTask));
            }));
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        var readiness = provider.GetRequiredService<ReceiveEndpointReadiness>();
        await bus.StartAsync(new CancellationTokenSource(Deadline).Token);
        try
        {
            await Eventually.Until(() => Task.FromResult(readiness.IsReady("readiness")), ready => ready, "the endpoint to be ready", Deadline);

            relay.Cut();
            await Eventually.Until(() => Task.FromResult(readiness.IsReady("readiness")), ready => !ready, "the endpoint to be reported down", Deadline);

            relay.Restore();
            await Eventually.Until(() => Task.FromResult(readiness.IsReady("readiness")), ready => ready, "the endpoint to be ready again",
                TimeSpan.FromSeconds(60));
        }
        finally
        {
            relay.Restore();
            await bus.StopAsync(new CancellationTokenSource(Deadline).Token);
        }
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_is_silent_not_stalled()
    {
        await using var probe = new ConsumerCountProbe(RabbitMqConnection.Parse("amqp://guest:guest@127.0.0.1:1/"), TimeProvider.System,
            NullLogger<ConsumerCountProbe>.Instance);

        var sighting = await probe.LookAsync(["scheduler-jobs"], CancellationToken.None);

        Assert.False(sighting.Answered);
    }
}

/// <summary>A message for the endpoint whose readiness is watched; never sent.</summary>
public sealed record ReadinessPing;

/// <summary>MassTransit's word that an endpoint is consuming, as the guard hears it.</summary>
sealed class HeldReady(Uri inputAddress) : ReceiveEndpointReady
{
    public Uri InputAddress => inputAddress;
    public IReceiveEndpoint ReceiveEndpoint => null!;
    public bool IsStarted => true;
}
