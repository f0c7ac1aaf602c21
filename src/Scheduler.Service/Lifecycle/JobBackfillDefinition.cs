using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>The receive endpoint of <see cref="JobBackfillConsumer"/>: its queue and retries.</summary>
public sealed class JobBackfillDefinition : ConsumerDefinition<JobBackfillConsumer>
{
    public const string QueueName = "scheduler-job-backfill";

    public JobBackfillDefinition()
    {
        EndpointName = QueueName;

        // A backfill may open up to 10,000 runs in one transaction: a few at a time.
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<JobBackfillConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);

        // A lost connection or a serialization conflict with the saga on the job's row is retried; the decision is
        // the same each time (its seed is the message id), so a retry opens no second set of runs.
        endpointConfigurator.UseMessageRetry(r => r.Intervals(200, 1000, 5000));
    }
}
