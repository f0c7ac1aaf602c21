using MassTransit;
using Scheduler.Service.Telemetry;

namespace Scheduler.Service.Lifecycle;

/// <summary>Sends what a decision answers and announces, through the context of the message that brought its input.</summary>
public static class JobMessages
{
    public static async Task SendAsync(ConsumeContext context, JobDecision decision, SchedulerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decision);
        DecisionCounts.Count(metrics, decision);
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case JobEffect.Reply reply:
                    await context.RespondAsync(reply.Message, reply.Message.GetType());
                    break;
                case JobEffect.Publish publish:
                    await context.Publish(publish.Message, publish.Message.GetType(), context.CancellationToken);
                    break;
            }
        }
    }
}
