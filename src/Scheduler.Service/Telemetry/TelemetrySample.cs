using System.Diagnostics.Metrics;
using Scheduler.Consumers.Telemetry;

namespace Scheduler.Service.Telemetry;

/// <summary>One reading of the figures that cost a query: taken by <see cref="TelemetrySampler"/>, reported by the gauges.</summary>
public sealed record TelemetrySample(
    long DueBacklog,
    TimeSpan DispatcherLag,
    IReadOnlyList<Measurement<long>> ErrorQueues,
    IReadOnlyList<Measurement<long>> HostsOnline)
{
    public static TelemetrySample Empty { get; } = new(0, TimeSpan.Zero, [], []);

    public static Measurement<long> ForQueue(string queue, long messages) =>
        new(messages, new KeyValuePair<string, object?>("scheduler.queue", queue));

    public static Measurement<long> ForHandler(string handler, long hosts) =>
        new(hosts, new KeyValuePair<string, object?>(TelemetryNames.HandlerAttribute, handler));
}
