using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;

namespace SchedulerWorker.Tests;

/// <summary>
/// The worker's handlers on MassTransit's in-memory bus, set up as the host sets them up on RabbitMQ (one queue per
/// handler, the scheduler's JSON): a test sends a run, as the scheduler would, and reads what the host reported.
/// </summary>
sealed class HandlerTestBus : IAsyncDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    readonly ServiceProvider _provider;
    readonly ITestHarness _harness;

    HandlerTestBus(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        _harness = harness;
    }

    public static async Task<HandlerTestBus> StartAsync(Action<IBusRegistrationConfigurator> handlers)
    {
        var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus =>
            {
                bus.SetTestTimeouts(testTimeout: Timeout, testInactivityTimeout: Timeout);
                handlers(bus);
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                    cfg.ConfigureJobHandlerEndpoints(context);
                });
            })
            .BuildServiceProvider(validateScopes: true);

        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new HandlerTestBus(provider, harness);
    }

    /// <summary>Sends one run of <paramref name="handler"/> with <paramref name="payload"/> (JSON) and returns its id.</summary>
    public async Task<Guid> RunAsync(string handler, string payload, int attempt = 1)
    {
        var run = new ExecuteJob
        {
            JobId = Guid.NewGuid(),
            RunId = Guid.NewGuid(),
            TenantId = Tenants.Default,
            Handler = handler,
            Payload = JsonDocument.Parse(payload).RootElement.Clone(),
            Attempt = attempt,
            ScheduledFor = DateTimeOffset.UnixEpoch,
        };
        var endpoint = await _harness.Bus.GetSendEndpoint(HandlerEndpoint.Address(handler));
        await endpoint.Send(run, _harness.CancellationToken);
        return run.RunId;
    }

    /// <summary>How the run ended, as the host reported it to the scheduler; null when it did not end within the timeout.</summary>
    public async Task<JobRunReport?> OutcomeAsync(Guid runId)
    {
        var reported = await _harness.Published
            .SelectAsync<JobRunsReported>(message => message.Context.Message.Reports.Any(r => IsOutcomeOf(r, runId)), _harness.CancellationToken)
            .FirstOrDefault();
        return reported?.Context.Message.Reports.First(r => IsOutcomeOf(r, runId));
    }

    static bool IsOutcomeOf(JobRunReport report, Guid runId) => report.Succeeded?.RunId == runId || report.Failed?.RunId == runId;

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
