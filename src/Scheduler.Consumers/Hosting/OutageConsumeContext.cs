using MassTransit;
using MassTransit.Context;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// A consume context that keeps an outage from becoming a <c>Fault</c>: MassTransit sends one to the requester (or
/// publishes it) as soon as a consumer throws, even for a message that then goes back to its queue and succeeds later.
/// A requester would take that fault for the answer. Receive observers still hear of the failure.
/// </summary>
sealed class OutageConsumeContext(ConsumeContext context) : ConsumeContextScope(context)
{
    public override Task NotifyFaulted<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) =>
        Outage.IsCauseOf(exception)
            ? ReceiveContext.NotifyFaulted(context, duration, consumerType, exception)
            : base.NotifyFaulted(context, duration, consumerType, exception);
}
