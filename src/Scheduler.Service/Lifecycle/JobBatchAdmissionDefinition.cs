using MassTransit;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Lifecycle;

/// <summary>The receive endpoint of <see cref="JobBatchAdmissionConsumer"/>: its queue and retries.</summary>
public sealed class JobBatchAdmissionDefinition : ConsumerDefinition<JobBatchAdmissionConsumer>
{
    public const string QueueName = "scheduler-batch-admission";

    /// <summary>Messages (of up to a thousand jobs each) stored at once.</summary>
    const int Concurrency = 2;

    readonly TimeProvider _clock;
    readonly ILogger<UnreadableScheduleJobsFilter> _unreadableLogger;

    public JobBatchAdmissionDefinition(TimeProvider clock, ILogger<UnreadableScheduleJobsFilter> unreadableLogger)
    {
        _clock = clock;
        _unreadableLogger = unreadableLogger;
        EndpointName = QueueName;
        ConcurrentMessageLimit = Concurrency;
        Endpoint(e => e.PrefetchCount = Concurrency * 2);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<JobBatchAdmissionConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);

        // A ScheduleJobs whose message cannot be read is answered with every job rejected here, not faulted into _error.
        endpointConfigurator.ConfigureReceive(receive => receive.UseFilter(new UnreadableScheduleJobsFilter(
            _clock, _unreadableLogger)));

        // Each message's work and answers go out under its deadline, so none waits for ever on a broker that went away.
        endpointConfigurator.UseFilter(new MessageDeadlineFilter(MessageDeadlineFilter.DefaultLimit, _clock));

        // A job id or an idempotency key stored meanwhile by another command fails the message's insert, and a database
        // may drop a connection: the message is decided again from the start, and then finds those jobs stored.
        endpointConfigurator.UseTransactionReplay();
    }
}
