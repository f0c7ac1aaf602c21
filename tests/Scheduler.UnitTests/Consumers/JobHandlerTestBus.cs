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

    /// <summary>
    /// The first event of type <typeparamref name="T"/> for the run, published on its own or in a batch of reports
    /// (<see cref="JobRunsReported"/>), or null when none came within the test timeout.
    /// </summary>
    public async Task<T?> PublishedAsync<T>(Guid runId, Func<T, Guid> runIdOf)
        where T : class
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (PublishedSoFar(runId, runIdOf).FirstOrDefault() is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                return null;

            await Task.Delay(TimeSpan.FromMilliseconds(10), Harness.CancellationToken);
        }
    }

    /// <summary>
    /// The events of type <typeparamref name="T"/> for the run published so far (on their own or in batches of reports),
    /// without waiting: sound once a later event of the run has been seen, since a run's events are published in order.
    /// </summary>
    public IEnumerable<T> PublishedSoFar<T>(Guid runId, Func<T, Guid> runIdOf)
        where T : class
    {
        var done = new CancellationToken(canceled: true);
        var alone = Harness.Published.Select<T>(message => runIdOf(message.Context.Message) == runId, done).Select(message => message.Context.Message);
        var batched = Harness.Published.Select<JobRunsReported>(done)
            .SelectMany(message => message.Context.Message.Reports)
            .Select(report => (report.Started as object ?? report.Succeeded as object ?? report.Failed) as T)
            .OfType<T>()
            .Where(message => runIdOf(message) == runId);
        return alone.Concat(batched).ToList();
    }

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
