using MassTransit;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Lifecycle;

/// <summary>The receive endpoint of <see cref="JobAdmissionConsumer"/>: its queue, batches and retries.</summary>
public sealed class JobAdmissionDefinition : ConsumerDefinition<JobAdmissionConsumer>
{
    public const string QueueName = "scheduler-admission";

    /// <summary>Jobs stored in one transaction at most.</summary>
    public const int BatchSize = 100;

    /// <summary>Batches stored at once.</summary>
    const int Batches = 2;

    readonly TimeProvider _clock;
    readonly ILogger<UnreadableScheduleJobFilter> _unreadableLogger;

    public JobAdmissionDefinition(TimeProvider clock, ILogger<UnreadableScheduleJobFilter> unreadableLogger)
    {
        _clock = clock;
        _unreadableLogger = unreadableLogger;
        EndpointName = QueueName;
        Endpoint(e => e.PrefetchCount = BatchSize * Batches * 2);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<JobAdmissionConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);

        // A batch waits at most a couple of milliseconds for company: a lone request is barely delayed, a burst fills batches.
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(BatchSize).SetTimeLimit(ms: 2).SetConcurrencyLimit(Batches));

        // A ScheduleJob whose message cannot be read is answered with JobRejected here, not faulted into _error.
        endpointConfigurator.ConfigureReceive(receive => receive.UseFilter(new UnreadableScheduleJobFilter(
            _clock, _unreadableLogger)));

        // Each command's answer (or its forward to the saga) goes out under the command's deadline: one still waiting on a
        // channel whose connection died holds that channel's confirm lock, and with it every send of the service.
        endpointConfigurator.UseFilter(new MessageDeadlineFilter(MessageDeadlineFilter.DefaultLimit, _clock));

        // A job id stored meanwhile by the saga (a duplicate command) fails the batch's insert, and a database may drop a
        // connection: replaying the batch from the start sorts the stored id out to the saga.
        endpointConfigurator.UseTransactionReplay();
    }
}
