using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>The receive endpoint of <see cref="JobStateMachine"/>: its queue, retries and outbox.</summary>
public sealed class JobStateDefinition : SagaDefinition<JobState>
{
    public const string QueueName = "scheduler-jobs";
    const int ConcurrencyLimit = 32;

    readonly TimeProvider _clock;

    public JobStateDefinition(TimeProvider clock)
    {
        _clock = clock;
        Endpoint(e =>
        {
            e.Name = QueueName;
            e.PrefetchCount = 64;
            e.ConcurrentMessageLimit = ConcurrencyLimit;
        });
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<JobState> sagaConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(sagaConfigurator);

        // Two first events for one new job race on its primary key, and a database may drop a connection:
        // replaying the message from the start (a fresh transaction, a fresh load) resolves both.
        endpointConfigurator.UseTransactionReplay();

        // New jobs are admitted in batches by JobAdmissionConsumer, which passes on here what only the machine can answer.
        endpointConfigurator.ConfigureMessageTopology<ScheduleJob>(false);

        // Replies leave only after the transaction has committed, so nobody sees a job that was rolled back. Everything
        // the saga sends on (runs, due messages) is written to the due table in that transaction instead. What does go to
        // the broker (replies, JobRunFaulted, JobRunAbandoned) leaves under the message's deadline, never waiting for ever.
        endpointConfigurator.UseFilter(new MessageDeadlineFilter(MessageDeadlineFilter.DefaultLimit, _clock));
        endpointConfigurator.UseInMemoryOutbox(context);
        endpointConfigurator.UseFilter(new DueTableSchedulerFilter());

        // Messages for one job are handled one at a time, in the order they arrived: a run's started event
        // is applied before its succeeded event, and they do not queue up on the job's row lock.
        var partition = endpointConfigurator.CreatePartitioner(ConcurrencyLimit);
        sagaConfigurator.Message<ScheduleJob>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<JobRunStarted>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<JobRunSucceeded>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<JobRunFailed>(x => x.UsePartitioner(partition, m => m.Message.JobId));
    }
}
