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

    /// <summary>Runs not started yet whose due instant has passed, by handler.</summary>
    public IReadOnlyDictionary<string, long> WaitingRuns { get; init; } = new Dictionary<string, long>();

    /// <summary>The handlers with at least one consumer host online.</summary>
    public IReadOnlySet<string> OnlineHandlers { get; init; } = new HashSet<string>();

    public static Measurement<long> ForQueue(string queue, long messages) =>
        new(messages, new KeyValuePair<string, object?>("scheduler.queue", queue));

    public static Measurement<long> ForHandler(string handler, long hosts) =>
        new(hosts, new KeyValuePair<string, object?>(TelemetryNames.HandlerAttribute, handler));
}
