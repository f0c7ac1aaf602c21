using System.Diagnostics.Metrics;
using Scheduler.Consumers.Telemetry;

namespace Scheduler.Service.Telemetry;

/// <summary>
/// What the service measures: jobs admitted and rejected, retries scheduled and runs dead-lettered (counters, one
/// increment each, counted once what they announce is decided), and the figures <see cref="TelemetrySampler"/> reads
/// every interval — due backlog, dispatcher lag, messages in <c>_error</c> queues, handler hosts online — as gauges that
/// report the latest sample, so a scrape costs no query.
/// </summary>
public sealed class SchedulerMetrics
{
    readonly Counter<long> _admitted;
    readonly Counter<long> _rejected;
    readonly Counter<long> _retries;
    readonly Counter<long> _deadLettered;
    volatile TelemetrySample _sample = TelemetrySample.Empty;

    public SchedulerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TelemetryNames.ServiceMeter);
        _admitted = meter.CreateCounter<long>("scheduler.jobs.admitted", "{job}", "New jobs stored (an idempotent repeat is not counted again).");
        _rejected = meter.CreateCounter<long>("scheduler.jobs.rejected", "{job}", "Job definitions refused, by the API's validation or on the bus.");
        _retries = meter.CreateCounter<long>("scheduler.retries.scheduled", "{retry}", "Failed runs given another attempt after their backoff, by handler.");
        _deadLettered = meter.CreateCounter<long>("scheduler.runs.dead_lettered", "{run}", "Runs faulted with their attempts spent, by handler.");
        meter.CreateObservableGauge("scheduler.due.backlog", () => _sample.DueBacklog, "{message}",
            "Due-table rows whose instant has passed and that no dispatcher has sent yet.");
        meter.CreateObservableGauge("scheduler.dispatcher.lag", () => _sample.DispatcherLag.TotalSeconds, "s",
            "How far the dispatchers are behind the oldest due row (0 when nothing is overdue or the scheduler is paused).");
        meter.CreateObservableGauge("scheduler.error_queue.messages", () => _sample.ErrorQueues, "{message}",
            "Messages waiting in each dead-letter (_error) queue.");
        meter.CreateObservableGauge("scheduler.handler.hosts", () => _sample.HostsOnline, "{host}",
            "Consumer hosts online for each handler ever announced.");
    }

    /// <summary>The latest sample the gauges report.</summary>
    public TelemetrySample Sample => _sample;

    public void Admitted() => _admitted.Add(1);

    public void Rejected() => _rejected.Add(1);

    public void RetryScheduled(string handler) => _retries.Add(1, new KeyValuePair<string, object?>(TelemetryNames.HandlerAttribute, handler));

    public void DeadLettered(string handler) => _deadLettered.Add(1, new KeyValuePair<string, object?>(TelemetryNames.HandlerAttribute, handler));

    /// <summary>Replaces the figures the gauges report.</summary>
    public void Record(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _sample = sample;
    }
}
