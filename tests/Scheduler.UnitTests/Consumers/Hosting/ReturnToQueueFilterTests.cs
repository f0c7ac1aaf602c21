using System.Net.Sockets;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class ReturnToQueueFilterTests
{
    /// <summary>A message whose consumer throws the exception its <see cref="Fault"/> names.</summary>
    public sealed record Attempt(Guid Id, string Fault);

    sealed class FailingConsumer : IConsumer<Attempt>
    {
        public Task Consume(ConsumeContext<Attempt> context) => throw context.Message.Fault switch
        {
            "refused" => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
            "tooManyClients" => new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections),
            "broker" => new RabbitMqConnectionException("Broker unreachable: guest@127.0.0.1:5672/"),
            _ => new InvalidOperationException("The payload names no customer"),
        };
    }

    /// <summary>Stores its messages in one transaction, as admission does; the database refuses it.</summary>
    sealed class FailingBatchConsumer : IConsumer<Batch<Attempt>>
    {
        public Task Consume(ConsumeContext<Batch<Attempt>> context) =>
            throw new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections);
    }

    static async Task<ITestHarness> StartAsync(ServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return harness;
    }

    static ServiceProvider Bus(bool retries = false) => new ServiceCollection()
        .AddMassTransitTestHarness(bus =>
        {
            bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(10), testInactivityTimeout: TimeSpan.FromSeconds(1));
            bus.AddConsumer<FailingConsumer>().ExcludeFromConfigureEndpoints();
            bus.UsingInMemory((context, cfg) => cfg.ReceiveEndpoint("attempts", endpoint =>
            {
                // The service's endpoints retry before the error pipe has its say: the fault must not come out of the retries either.
                if (retries)
                    endpoint.UseMessageRetry(r => r.Immediate(2).Handle<Exception>(Outage.IsCauseOf));
                ReturnToQueueFilter.Apply(endpoint, TimeSpan.Zero);
                endpoint.ConfigureConsumer<FailingConsumer>(context);
            }));
        })
        .BuildServiceProvider(validateScopes: true);

    [Theory]
    [InlineData("refused", false)]
    [InlineData("tooManyClients", false)]
    [InlineData("broker", false)]
    [InlineData("tooManyClients", true)]
    public async Task A_message_that_failed_for_an_outage_is_returned_with_no_fault(string fault, bool retries)
    {
        await using var provider = Bus(retries);
        var harness = await StartAsync(provider);
        var attempt = new Attempt(Guid.NewGuid(), fault);

        await harness.Bus.Publish(attempt);

        Assert.True(await harness.Consumed.Any<Attempt>(m => m.Context.Message.Id == attempt.Id));
        Assert.False(await harness.Published.Any<Fault<Attempt>>(), "an outage was published as a fault, and the message sent to the error queue");
    }

    [Fact]
    public async Task A_batch_that_failed_for_an_outage_sends_no_fault_for_its_messages()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus =>
            {
                bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(10), testInactivityTimeout: TimeSpan.FromSeconds(1));
                bus.AddConsumer<FailingBatchConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(2).SetTimeLimit(ms: 20)))
                    .ExcludeFromConfigureEndpoints();
                bus.UsingInMemory((context, cfg) => cfg.ReceiveEndpoint("batches", endpoint =>
                {
                    endpoint.UseMessageRetry(r => r.Immediate(1).Handle<Exception>(Outage.IsCauseOf));
                    ReturnToQueueFilter.Apply(endpoint, TimeSpan.Zero);
                    endpoint.ConfigureConsumer<FailingBatchConsumer>(context);
                }));
            })
            .BuildServiceProvider(validateScopes: true);
        var harness = await StartAsync(provider);

        await harness.Bus.Publish(new Attempt(Guid.NewGuid(), "tooManyClients"));
        await harness.Bus.Publish(new Attempt(Guid.NewGuid(), "tooManyClients"));

        Assert.True(await harness.Consumed.Any<Attempt>());
        Assert.False(await harness.Published.Any<Fault<Attempt>>(), "a message of a batch that failed for an outage was published as a fault");
    }

    [Fact]
    public async Task A_message_that_failed_for_itself_takes_the_usual_path_to_a_fault()
    {
        await using var provider = Bus();
        var harness = await StartAsync(provider);
        var attempt = new Attempt(Guid.NewGuid(), "bug");

        await harness.Bus.Publish(attempt);

        Assert.True(await harness.Published.Any<Fault<Attempt>>(m => m.Context.Message.Message.Id == attempt.Id));
    }
}
