using MassTransit;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Lifecycle;

/// <summary>The receive endpoint of <see cref="RunReportConsumer"/>: its queue, batches and retries.</summary>
public sealed class RunReportDefinition : ConsumerDefinition<RunReportConsumer>
{
    public const string QueueName = "scheduler-run-reports";

    /// <summary>Messages recorded in one transaction at most (each carries a host's reports of a few milliseconds).</summary>
    public const int BatchSize = 50;

    /// <summary>Batches recorded at once: they lock their jobs in id order, so they wait for each other on a shared job rather than deadlock.</summary>
    const int Batches = 2;

    readonly TimeProvider _clock;

    public RunReportDefinition(TimeProvider clock)
    {
        _clock = clock;
        EndpointName = QueueName;
        Endpoint(e => e.PrefetchCount = BatchSize * Batches * 2);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RunReportConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(BatchSize).SetTimeLimit(ms: 2).SetConcurrencyLimit(Batches));

        // Each message's work and answers go out under its deadline, so none waits for ever on a broker that went away.
        endpointConfigurator.UseFilter(new MessageDeadlineFilter(MessageDeadlineFilter.DefaultLimit, _clock));

        // The batch is replayed from the start: the decisions taken before are taken again alike (the same seeds), or find their runs recorded.
        endpointConfigurator.UseTransactionReplay();
    }
}
