namespace Scheduler.Service.DeadLetters;

/// <summary>What a requeue moved: in all, and per dead-letter queue it took messages from.</summary>
public sealed record RequeuedDeadLetters(long Moved, IReadOnlyList<RequeuedMessages> Queues)
{
    /// <summary>Nothing moved.</summary>
    public static RequeuedDeadLetters Nothing { get; } = new(0, []);
}
