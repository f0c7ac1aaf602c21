using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Gives a consumer (the job lifecycle saga) a message scheduler that writes to the due table in the consumer's own
/// transaction, instead of sending a command to the scheduler endpoint after it.
/// </summary>
public sealed class DueTableSchedulerFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.AddOrUpdatePayload<MessageSchedulerContext>(
            () => new ConsumeMessageSchedulerContext(context, CreateScheduler),
            _ => new ConsumeMessageSchedulerContext(context, CreateScheduler));
        return next.Send(context);
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("scheduler").Add("type", "due-table");
    }

    // Called with the consume scope's context, so the writer shares the scope's database context and transaction.
    static MessageScheduler CreateScheduler(ConsumeContext context) =>
        new MessageScheduler(new DueTableScheduleMessageProvider(context.GetServiceOrCreateInstance<DueMessageWriter>()),
            context.GetPayload<IBusTopology>());
}
