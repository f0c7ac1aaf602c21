using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Scheduling.Endpoint;

/// <summary>Pauses and resumes the whole scheduler on command from the bus.</summary>
public sealed class SchedulerSwitchConsumer(SchedulerSwitchStore switches) : IConsumer<PauseScheduler>, IConsumer<ResumeScheduler>
{
    public Task Consume(ConsumeContext<PauseScheduler> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SwitchAsync(context, paused: true, context.Message.Actor);
    }

    public Task Consume(ConsumeContext<ResumeScheduler> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SwitchAsync(context, paused: false, context.Message.Actor);
    }

    async Task SwitchAsync(ConsumeContext context, bool paused, string? actor)
    {
        var by = actor is { Length: > 0 } ? actor : JobActor.Of(context);
        var state = await switches.SetPausedAsync(paused, by, context.CancellationToken);
        if (context.ResponseAddress is not null)
            await context.RespondAsync(new SchedulerStateChanged { Paused = state.Paused, ChangedAt = state.ChangedAt, ChangedBy = state.ChangedBy });
    }
}
