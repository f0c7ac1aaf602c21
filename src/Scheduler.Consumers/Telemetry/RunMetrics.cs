using System.Diagnostics.Metrics;
using Scheduler.Contracts;

namespace Scheduler.Consumers.Telemetry;

/// <summary>
/// What a consumer host measures of the runs it executes: how many ended and how (<c>scheduler.runs.completed</c>), how
/// long they took (<c>scheduler.run.duration</c>), and how late a first attempt started after its due instant
/// (<c>scheduler.run.lateness</c>). Each is one increment or one recorded value, without allocation.
/// </summary>
public sealed class RunMetrics
{
    readonly Counter<long> _completed;
    readonly Histogram<double> _duration;
    readonly Histogram<double> _lateness;

    public RunMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TelemetryNames.ConsumerMeter);
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = TelemetryNames.SecondsBuckets };
        _completed = meter.CreateCounter<long>("scheduler.runs.completed", "{run}", "Runs that ended on this host, by handler and outcome.");
        _duration = meter.CreateHistogram("scheduler.run.duration", "s", "How long handlers ran, by handler and outcome.", advice: seconds);
        _lateness = meter.CreateHistogram("scheduler.run.lateness", "s",
            "From a run's due instant to its handler's start, for first attempts (a retry's wait is its backoff, not lateness).", advice: seconds);
    }

    /// <summary>A handler is about to run: its lateness, when this is the occurrence's first attempt.</summary>
    public void Started(string handler, int attempt, DateTimeOffset scheduledFor, DateTimeOffset startedAt)
    {
        if (attempt != 1 || scheduledFor == default)
            return;

        var late = startedAt - scheduledFor;
        _lateness.Record(late > TimeSpan.Zero ? late.TotalSeconds : 0, new KeyValuePair<string, object?>(TelemetryNames.HandlerAttribute, handler));
    }

    /// <summary>A run ended: succeeded, or failed with <paramref name="error"/>.</summary>
    public void Completed(string handler, TimeSpan duration, RunError? error)
    {
        var outcome = error is null ? "succeeded" : error.Category == ErrorCategory.Timeout ? "timedOut" : "failed";
        var byHandler = new KeyValuePair<string, object?>(TelemetryNames.HandlerAttribute, handler);
        var byOutcome = new KeyValuePair<string, object?>(TelemetryNames.OutcomeAttribute, outcome);
        _completed.Add(1, byHandler, byOutcome);
        _duration.Record(duration.TotalSeconds, byHandler, byOutcome);
    }
}
