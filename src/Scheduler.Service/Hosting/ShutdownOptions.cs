namespace Scheduler.Service.Hosting;

/// <summary>How the service stops on SIGTERM (configuration section <c>Scheduler:Shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Scheduler:Shutdown";

    /// <summary>
    /// How long messages in hand get to finish once the service stops taking new ones; what is still running then is
    /// cancelled and goes back to its queue. The process exits within this plus a few seconds for the bus to close.
    /// </summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(10);
}
