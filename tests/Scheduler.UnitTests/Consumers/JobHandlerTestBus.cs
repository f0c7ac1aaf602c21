using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;

namespace Scheduler.UnitTests.Consumers;

/// <summary>
/// A fresh in-memory bus per test with the built-in handlers on their own queues, configured the way
/// the worker host configures RabbitMQ.
/// </summary>
sealed class JobHandlerTestBus : IAsyncDisposable
{
    static TimeSpan Timeout => TimeSpan.FromSeconds(10);

    readonly ServiceProvider _provider;

    JobHandlerTestBus(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        Harness = harness;
    }

    public ITestHarness Harness { get; }

    public static async Task<JobHandlerTestBus> StartAsync(Action<IBusRegistrationConfigurator>? configure = null,
        Action<IInMemoryBusFactoryConfigurator>? configureBus = null)
    {
        var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus =>
            {
                bus.SetTestTimeouts(testTimeout: Timeout, testInactivityTimeout: Timeout);
                bus.AddBuiltInJobHandlers();
                configure?.Invoke(bus);
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                    configureBus?.Invoke(cfg);
                    cfg.ConfigureJobHandlerEndpoints(context);
                });
            })
            .BuildServiceProvider(validateScopes: true);

        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new JobHandlerTestBus(provider, harness);
    }

    public static ExecuteJob Run(string handler, string? payload = null, int attempt = 1, TimeSpan? timeout = null) => new()
    {
        JobId = Guid.NewGuid(),
        RunId = Guid.NewGuid(),
        TenantId = Tenants.Default,
        Handler = handler,
        Name = $"{handler} test",
        Payload = payload is null ? null : JsonDocument.Parse(payload).RootElement.Clone(),
        Attempt = attempt,
        ScheduledFor = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero),
        Timeout = timeout,
    };

    public async Task SendAsync(ExecuteJob run)
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(HandlerEndpoint.Address(run.Handler));
        await endpoint.Send(run, Harness.CancellationToken);
    }

    /// <summary>The first event of type <typeparamref name="T"/> for the run, or null when none came within the test timeout.</summary>
    public async Task<T?> PublishedAsync<T>(Guid runId, Func<T, Guid> runIdOf)
        where T : class
    {
        var published = await Harness.Published
            .SelectAsync<T>(message => runIdOf(message.Context.Message) == runId, Harness.CancellationToken)
            .FirstOrDefault();
        return published?.Context.Message;
    }

    /// <summary>
    /// The events of type <typeparamref name="T"/> for the run published so far, without waiting: sound once
    /// a later event of the run has been seen, since a run's events are published in order.
    /// </summary>
    public IEnumerable<T> PublishedSoFar<T>(Guid runId, Func<T, Guid> runIdOf)
        where T : class =>
        Harness.Published
            .Select<T>(message => runIdOf(message.Context.Message) == runId, new CancellationToken(canceled: true))
            .Select(message => message.Context.Message)
            .ToList();

    /// <summary>How the consumer ended for the run, once it has ended; null when it did not within the test timeout.</summary>
    public async Task<IReceivedMessage<ExecuteJob>?> ConsumedAsync(Guid runId) =>
        await Harness.Consumed
            .SelectAsync<ExecuteJob>(message => message.Context.Message.RunId == runId, Harness.CancellationToken)
            .FirstOrDefault();

    public Task<JobRunSucceeded?> SucceededAsync(Guid runId) => PublishedAsync<JobRunSucceeded>(runId, message => message.RunId);

    public Task<JobRunFailed?> FailedAsync(Guid runId) => PublishedAsync<JobRunFailed>(runId, message => message.RunId);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
    }
}
