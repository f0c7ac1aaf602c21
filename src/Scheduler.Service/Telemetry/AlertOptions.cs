namespace Scheduler.Service.Telemetry;

/// <summary>When the service raises alerts on the bus (configuration section <c>Scheduler:Alerts</c>), checked at each telemetry sample.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Scheduler:Alerts";

    /// <summary>A dispatcher lag at or over this raises <c>DispatcherLagging</c>.</summary>
    public TimeSpan DispatcherLagThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>While a condition lasts, its alert is raised again this often.</summary>
    public TimeSpan RepeatEvery { get; set; } = TimeSpan.FromMinutes(5);
}
