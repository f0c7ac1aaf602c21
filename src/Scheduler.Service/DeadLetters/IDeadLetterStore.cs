namespace Scheduler.Service.DeadLetters;

/// <summary>The transport's dead-letter queues: counted, and moved back to the queues they came from.</summary>
public interface IDeadLetterStore
{
    /// <summary>Counts the messages in every watched dead-letter queue; a queue that does not exist counts none.</summary>
    /// <exception cref="DeadLettersUnavailableException">The broker did not answer within the deadline.</exception>
    Task<DeadLetterCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves up to <paramref name="limit"/> messages (in all) from <paramref name="errorQueues"/> back to their queues,
    /// one at a time: each is published, confirmed by the broker, then removed from the dead-letter queue.
    /// </summary>
    Task<RequeuedDeadLetters> RequeueAsync(IReadOnlyList<string> errorQueues, int limit, CancellationToken cancellationToken);
}
