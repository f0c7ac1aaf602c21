namespace Scheduler.Consumers.Telemetry;

/// <summary>Where a consumer host serves its Prometheus metrics (configuration section <c>Scheduler:Consumer:Metrics</c>).</summary>
public sealed class ConsumerMetricsOptions
{
    public const string SectionName = "Scheduler:Consumer:Metrics";

    /// <summary>The port of <c>/metrics</c>; 0 turns the endpoint off (OTLP, when configured, still exports).</summary>
    public int Port { get; set; } = 9464;

    /// <summary>
    /// The host name the endpoint answers on: <c>+</c> (the default) answers on every interface, as a container that
    /// Prometheus scrapes from outside needs; <c>localhost</c> keeps it on this machine.
    /// </summary>
    public string Host { get; set; } = "+";
}
