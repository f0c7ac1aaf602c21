using MassTransit;

namespace Scheduler.Bench.Workloads;

/// <summary>Publishes many messages from one bus, a bounded number at a time, as a busy client service would.</summary>
public static class Publishing
{
    public static async Task AllAsync<T>(IPublishEndpoint bus, IReadOnlyList<T> messages, int inFlight = 256,
        CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(messages);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (message, cancellationToken) => await bus.Publish(message, cancellationToken));
    }
}
