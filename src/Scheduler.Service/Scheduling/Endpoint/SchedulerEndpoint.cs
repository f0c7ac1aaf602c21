using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Consumers.Hosting;
using Scheduler.Service.Hosting;

namespace Scheduler.Service.Scheduling.Endpoint;

/// <summary>
/// The scheduler endpoint: the queue other services (and this one) send MassTransit's scheduling commands to,
/// as <c>x.AddMessageScheduler(new Uri("queue:scheduler"))</c>.
/// </summary>
public static class SchedulerEndpoint
{
    public const string QueueName = "scheduler";

    public static Uri Address { get; } = new($"queue:{QueueName}");

    public static void Configure(IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoint);

        // Two commands for one schedule race on its key; replaying the loser against the stored row resolves it.
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(20, 50, 100, 250, 500, 1000, 2000);
            r.Handle<DbUpdateException>();
            r.Handle<Exception>(Outage.IsCauseOf);
        });
        ReturnToQueueFilter.Apply(endpoint);
        endpoint.UseFilter(new MessageDeadlineFilter(MessageDeadlineFilter.DefaultLimit, context.GetRequiredService<TimeProvider>()));
        endpoint.PrefetchCount = 64;
        endpoint.ConcurrentMessageLimit = 16;
        endpoint.ConfigureConsumer<ScheduleMessageConsumer>(context);
        endpoint.ConfigureConsumer<RecurringScheduleConsumer>(context);
        endpoint.ConfigureConsumer<SchedulerSwitchConsumer>(context);
    }
}
