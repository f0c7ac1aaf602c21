using MassTransit;
using MassTransit.Scheduling;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Scheduling.Endpoint;

/// <summary>
/// MassTransit's one-shot scheduling contracts on the due table: <see cref="ScheduleMessage"/> stores the message to
/// send at its instant (replacing an earlier one with the same token), <see cref="CancelScheduledMessage"/> removes it.
/// </summary>
public sealed class ScheduleMessageConsumer(SchedulerDbContext db, DueMessageWriter writer, DueSignal signal, TimeProvider clock)
    : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Message;
        var dueAt = new DateTimeOffset(DateTime.SpecifyKind(command.ScheduledTime, DateTimeKind.Utc));

        var row = await db.DueMessages.FindAsync([command.CorrelationId], context.CancellationToken);
        if (row is null)
        {
            row = new DueMessage { Id = command.CorrelationId, CreatedAt = clock.GetUtcNow() };
            db.DueMessages.Add(row);
        }

        row.Destination = command.Destination.ToString();
        row.DueAt = dueAt;
        row.OccurrenceAt = dueAt;
        row.Paused = false;
        DueMessageCapture.Capture(context, command.Payload, command.PayloadType, row);

        await db.SaveChangesAsync(context.CancellationToken);
        signal.Wake(row.DueAt);
    }

    public async Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await writer.CancelAsync(context.Message.TokenId, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
