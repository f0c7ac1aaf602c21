namespace Scheduler.Consumers.Hosting;

/// <summary>
/// One look at the broker on a connection of the guard's own: whether it answered and which of the watched queues had
/// no consumer then.
/// </summary>
public sealed record BrokerSighting(bool Answered, IReadOnlyList<string> Unconsumed)
{
    /// <summary>The broker did not answer (refused, closed, or past the look's deadline).</summary>
    public static BrokerSighting Silent { get; } = new(false, []);
}
