namespace Scheduler.Consumers.Telemetry;

/// <summary>
/// The names the scheduler's telemetry goes by: its meters and the sources of spans it listens to. Instruments follow
/// OpenTelemetry's conventions (dotted lower-case names, UCUM units, seconds for time), which the Prometheus exporter
/// turns into <c>scheduler_…</c> families with <c>_total</c> and <c>_seconds</c> suffixes.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The meter of a consumer host: runs, their duration and their lateness.</summary>
    public const string ConsumerMeter = "Scheduler.Consumers";

    /// <summary>The meter of the scheduler service: admissions, retries, dead letters, backlog, lag, hosts online.</summary>
    public const string ServiceMeter = "Scheduler.Service";

    /// <summary>The service's own spans (the dispatcher's send of a due message, continuing the trace that scheduled it).</summary>
    public const string ServiceActivitySource = "Scheduler.Service";

    /// <summary>MassTransit's own activity source and meter (sends, receives, consumes, sagas).</summary>
    public const string MassTransit = "MassTransit";

    /// <summary>Npgsql's activity source and meter (what <c>Npgsql.OpenTelemetry</c>'s <c>AddNpgsql()</c> listens to).</summary>
    public const string Npgsql = "Npgsql";

    /// <summary>Set, the process exports its traces and metrics over OTLP too (the standard OpenTelemetry variable).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// True: record traces even without OTLP (for an exporter added in code, as tests do). Without it and without
    /// <see cref="OtlpEndpointVariable"/> no span is made at all, so tracing costs nothing when nobody collects it.
    /// </summary>
    public const string TracesSetting = "Scheduler:Telemetry:Traces";

    /// <summary>Whether this process records traces: OTLP is configured, or <see cref="TracesSetting"/> asks for them.</summary>
    public static bool TracesWanted(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable])
               || string.Equals(configuration[TracesSetting], "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The attribute naming a run's handler.</summary>
    public const string HandlerAttribute = "scheduler.handler";

    /// <summary>The attribute naming how a run ended: <c>succeeded</c>, <c>failed</c> or <c>timedOut</c>.</summary>
    public const string OutcomeAttribute = "scheduler.run.outcome";

    /// <summary>Bucket bounds, in seconds, for durations and lateness: from 5 ms to an hour.</summary>
    public static IReadOnlyList<double> SecondsBuckets { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
}
