namespace Scheduler.Bench.Chaos.Instances;

/// <summary>
/// A broker or database the chaos suite started for itself and may stop and start: never the shared one that tests
/// and other benchmarks use.
/// </summary>
public interface IOwnedService
{
    /// <summary>What it is, for the report: <c>RabbitMQ node chaos@localhost</c>.</summary>
    string Name { get; }

    /// <summary>Stops it, as an outage would; clients lose their connections.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Starts it again; nothing happens when it is running.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Whether it answers clients now.</summary>
    Task<bool> IsAnsweringAsync(CancellationToken cancellationToken);
}
