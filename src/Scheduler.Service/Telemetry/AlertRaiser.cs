using MassTransit;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Execution;
using Scheduler.Contracts;

namespace Scheduler.Service.Telemetry;

/// <summary>
/// Turns a telemetry sample into alerts on the bus: <see cref="DispatcherLagging"/> while the lag is over its threshold,
/// <see cref="HandlerUnavailable"/> for each handler with runs waiting and no host online. Each is published when its
/// condition starts and again every <see cref="AlertOptions.RepeatEvery"/> while it lasts; this instance remembers when.
/// </summary>
public sealed class AlertRaiser(IBus bus, ConsumerHost instance, IOptions<AlertOptions> options)
{
    readonly Dictionary<string, DateTimeOffset> _raised = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    public async Task RaiseAsync(TelemetrySample sample, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var threshold = options.Value.DispatcherLagThreshold;
        if (Due("dispatcher", sample.DispatcherLag >= threshold, now))
        {
            await bus.Publish(new DispatcherLagging
            {
                Lag = sample.DispatcherLag, Threshold = threshold, Backlog = sample.DueBacklog, Instance = instance.Name, Timestamp = now,
            }, cancellationToken);
        }

        foreach (var (handler, waiting) in sample.WaitingRuns)
        {
            var offline = waiting > 0 && !sample.OnlineHandlers.Contains(handler);
            if (Due($"handler:{handler}", offline, now))
                await bus.Publish(new HandlerUnavailable { Handler = handler, WaitingRuns = waiting, Instance = instance.Name, Timestamp = now }, cancellationToken);
        }

        foreach (var handler in HandlersRaised().Where(h => !sample.WaitingRuns.ContainsKey(h)))
            Due($"handler:{handler}", holds: false, now);
    }

    List<string> HandlersRaised()
    {
        lock (_gate)
            return [.. _raised.Keys.Where(k => k.StartsWith("handler:", StringComparison.Ordinal)).Select(k => k["handler:".Length..])];
    }

    /// <summary>Whether to publish now: the condition holds and was not raised within the repeat interval; forgets it when it ends.</summary>
    bool Due(string condition, bool holds, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!holds)
            {
                _raised.Remove(condition);
                return false;
            }

            if (_raised.TryGetValue(condition, out var last) && now - last < options.Value.RepeatEvery)
                return false;
            _raised[condition] = now;
            return true;
        }
    }
}
