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
    /// How long the broker may answer while one of this process's queues has no consumer though MassTransit holds its
    /// endpoint ready, before the process stops. MassTransit reports an endpoint faulted within moments of losing its
    /// connection, so an endpoint still held ready without a consumer means MassTransit was never told: it will not
    /// come back by itself.
    /// </summary>
    public TimeSpan UnconsumedAfter { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long the broker may answer, with MassTransit holding every endpoint of this process ready (so not
    /// reconnecting), while this process's sends keep going unconfirmed, before the process stops. A
    /// send already takes its own deadline (the dispatcher's <c>SendTimeout</c>, the host's <c>PublishTimeout</c>) to
    /// count as failed; this is the time after that, so that a round which is merely slow under load is not mistaken for it.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The exit code of a process that stopped because its bus stalled (EX_TEMPFAIL: start it again).</summary>
    public const int ExitCode = 75;
}
