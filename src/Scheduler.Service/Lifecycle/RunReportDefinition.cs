using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>The receive endpoint of <see cref="RunReportConsumer"/>: its queue, batches and retries.</summary>
public sealed class RunReportDefinition : ConsumerDefinition<RunReportConsumer>
{
    public const string QueueName = "scheduler-run-reports";

    /// <summary>Messages recorded in one transaction at most (each carries a host's reports of a few milliseconds).</summary>
    public const int BatchSize = 50;

    readonly TimeProvider _clock;

    public RunReportDefinition(TimeProvider clock)
    {
        _clock = clock;
        EndpointName = QueueName;
        Endpoint(e => e.PrefetchCount = JobBatchEndpoint.PrefetchCount(BatchSize));
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RunReportConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        JobBatchEndpoint.Configure(endpointConfigurator, consumerConfigurator, _clock, BatchSize);
}
