using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>The receive endpoint of <see cref="JobDueConsumer"/>: its queue, batches and retries.</summary>
public sealed class JobDueDefinition : ConsumerDefinition<JobDueConsumer>
{
    public const string QueueName = "scheduler-job-due";

    /// <summary>Due messages of one type recorded in one transaction at most.</summary>
    public const int BatchSize = 100;

    readonly TimeProvider _clock;

    public JobDueDefinition(TimeProvider clock)
    {
        _clock = clock;
        EndpointName = QueueName;
        Endpoint(e =>
        {
            e.PrefetchCount = JobBatchEndpoint.PrefetchCount(BatchSize);

            // Due messages are sent to this queue by address, never published: no exchange of their types is bound here.
            e.ConfigureConsumeTopology = false;
        });
    }

    /// <summary>This queue on the same broker and virtual host as the endpoint at <paramref name="inputAddress"/>.</summary>
    public static Uri AddressOn(Uri inputAddress) => new(inputAddress, QueueName);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<JobDueConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        JobBatchEndpoint.Configure(endpointConfigurator, consumerConfigurator, _clock, BatchSize);
}
