using System.Diagnostics;
using MassTransit;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Usage;

namespace Scheduler.Bench.Workloads;

/// <summary>
/// The raw bus: MassTransit publish to consume of an empty message through the same RabbitMQ, durable and confirmed,
/// at the consumer concurrency of the other workloads — what the broker itself carries on this machine.
/// </summary>
public sealed class BusBaselineWorkload : IWorkload
{
    public string Name => "baseline";
    public string Description => "raw bus: MassTransit publish -> consume of an empty message, messages/s";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var messages = arguments.Number("messages", 20_000);
        var concurrency = arguments.Number("concurrency", 16);
        await using var deployment = await BenchDeployment.StartAsync(settings, concurrency);

        var consumed = 0;
        var endpoint = deployment.Bus.ConnectReceiveEndpoint("bench-baseline", e =>
        {
            e.PrefetchCount = concurrency;
            e.ConcurrentMessageLimit = concurrency;
            e.Handler<BenchPing>(_ =>
            {
                Interlocked.Increment(ref consumed);
                return Task.CompletedTask;
            });
        });
        await endpoint.Ready;

        var pings = Enumerable.Range(0, messages).Select(i => new BenchPing { Sequence = i }).ToList();
        var meter = await UsageMeter.StartAsync(deployment);
        var clock = Stopwatch.StartNew();
        await Publishing.AllAsync(deployment.Bus, pings);
        var published = clock.Elapsed;
        await BenchDeployment.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref consumed) >= messages), "every ping to be consumed",
            TimeSpan.FromMinutes(5));
        var total = clock.Elapsed;
        var usage = await meter.StopAsync();
        await endpoint.StopAsync();

        return new WorkloadResult(Name, Description, arguments.Used, new Dictionary<string, double>
        {
            ["publish msgs/s"] = messages / published.TotalSeconds,
            ["publish-to-consume msgs/s"] = messages / total.TotalSeconds,
        }).With(usage, messages, "msg", sqlPerUnit: false);
    }
}
