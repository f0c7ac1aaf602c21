using MassTransit;

namespace Scheduler.Consumers.Hosting;

/// <summary>Hands each message on in an <see cref="OutageConsumeContext"/>, so an outage sends no <c>Fault</c>.</summary>
sealed class OutageFaultFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.Send(new OutageConsumeContext(context));
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("outageFaults");
}
