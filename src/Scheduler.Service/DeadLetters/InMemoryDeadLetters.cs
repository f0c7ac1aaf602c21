namespace Scheduler.Service.DeadLetters;

/// <summary>
/// The embedded deployment's: MassTransit's in-memory transport keeps no dead-letter queue a person could look into or
/// move back, so there are none to count and nothing to move.
/// </summary>
public sealed class InMemoryDeadLetters : IDeadLetterStore
{
    public Task<DeadLetterCounts> CountAsync(CancellationToken cancellationToken) => Task.FromResult(DeadLetterCounts.None);

    public Task<RequeuedDeadLetters> RequeueAsync(IReadOnlyList<string> errorQueues, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(RequeuedDeadLetters.Nothing);
}
