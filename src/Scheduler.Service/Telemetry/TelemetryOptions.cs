namespace Scheduler.Service.Telemetry;

/// <summary>How the service samples its gauges (configuration section <c>Scheduler:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Scheduler:Telemetry";

    /// <summary>How often the due backlog, dispatcher lag, dead-letter queues and hosts online are read (a few small queries).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
