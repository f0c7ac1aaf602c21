namespace Scheduler.Consumers.Hosting;

/// <summary>
/// When a process gives up on a bus that no longer moves (configuration section <c>Scheduler:StallGuard</c>); see
/// <see cref="BusStallGuard"/>.
/// </summary>
public sealed class StallGuardOptions
{
    public const string SectionName = "Scheduler:StallGuard";

    /// <summary>False leaves a stalled bus as it is (for a host whose orchestrator does not restart it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the guard looks at the broker on a connection of its own.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the broker may answer while this process's queues have no consumer, or while its sends keep going
    /// unconfirmed, before the process stops so that it is started afresh. MassTransit reconnects within seconds of
    /// the broker's return; a bus still away after this will not come back.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The exit code of a process that stopped because its bus stalled (EX_TEMPFAIL: start it again).</summary>
    public const int ExitCode = 75;
}
