using MassTransit;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Lifecycle;

/// <summary>How an endpoint that records jobs' inputs in batches (through <see cref="JobBatchTransition"/>) receives.</summary>
public static class JobBatchEndpoint
{
    /// <summary>Batches recorded at once: they lock their jobs in id order, so they wait for each other on a shared job rather than deadlock.</summary>
    public const int Batches = 2;

    /// <summary>Enough messages in hand to fill the batches being recorded and the next ones.</summary>
    public static int PrefetchCount(int batchSize) => batchSize * Batches * 2;

    /// <summary>Batches of up to <paramref name="batchSize"/> messages, each message under its deadline, the batch replayed on a transient database error.</summary>
    public static void Configure<TConsumer>(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        TimeProvider clock, int batchSize)
        where TConsumer : class
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        ArgumentNullException.ThrowIfNull(clock);
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(batchSize).SetTimeLimit(ms: 2).SetConcurrencyLimit(Batches));

        // Each message's work and answers go out under its deadline, so none waits for ever on a broker that went away.
        endpointConfigurator.UseFilter(new MessageDeadlineFilter(MessageDeadlineFilter.DefaultLimit, clock));

        // The batch is replayed from the start: the decisions taken before are taken again alike (the same seeds), or find their runs recorded.
        endpointConfigurator.UseTransactionReplay();
    }
}
