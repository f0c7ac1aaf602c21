namespace Scheduler.Service.DeadLetters;

/// <summary>How many messages wait in the watched dead-letter queues: in all, and per queue that has any.</summary>
public sealed record DeadLetterCounts(long Total, IReadOnlyList<DeadLetterQueueCount> Queues)
{
    /// <summary>No dead letters anywhere.</summary>
    public static DeadLetterCounts None { get; } = new(0, []);
}
