using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Scheduling.Endpoint;

/// <summary>
/// MassTransit's recurring scheduling contracts on the due table, keyed by schedule group and id. The schedule's
/// <c>CronExpression</c> is read in this scheduler's rule syntax (see <see cref="TimeRule.Expression"/>): a plain
/// cron expression (5 or 6 fields, macros), or <c>every:PT30S</c>, or <c>rrule:FREQ=…</c>.
/// </summary>
public sealed class RecurringScheduleConsumer(SchedulerDbContext db, DueMessageWriter writer, DueSignal signal, TimeProvider clock)
    : IConsumer<ScheduleRecurringMessage>,
        IConsumer<CancelScheduledRecurringMessage>,
        IConsumer<PauseScheduledRecurringMessage>,
        IConsumer<ResumeScheduledRecurringMessage>
{
    public async Task Consume(ConsumeContext<ScheduleRecurringMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Message;
        var schedule = command.Schedule;
        var rule = TimeRuleParser.FromStored(ExpressionOf(schedule.CronExpression), schedule.TimeZoneId,
            schedule.StartTime == default ? null : schedule.StartTime, schedule.EndTime);

        var row = await writer.FindRecurringAsync(schedule.ScheduleGroup, schedule.ScheduleId, context.CancellationToken);
        var now = clock.GetUtcNow();
        if (rule.NextAfter(now) is not { } first)
        {
            // A schedule that has ended (or never starts) sends nothing: drop any earlier version of it.
            if (row is not null)
            {
                db.DueMessages.Remove(row);
                await db.SaveChangesAsync(context.CancellationToken);
            }

            return;
        }

        if (row is null)
        {
            row = new DueMessage { Id = command.CorrelationId, CreatedAt = now };
            db.DueMessages.Add(row);
        }

        var jitter = context.Headers.Get<string>(DueHeaders.Jitter) is { } text && IsoDuration.TryParse(text, out var spread) ? spread : (TimeSpan?)null;
        row.Recur(schedule.ScheduleGroup, schedule.ScheduleId, rule, jitter, first);
        row.Destination = command.Destination.ToString();
        row.SkipMissed = schedule.MisfirePolicy == MissedEventPolicy.Skip;
        DueMessageCapture.Capture(context, command.Payload, command.PayloadType, row);

        await db.SaveChangesAsync(context.CancellationToken);
        signal.Wake(row.DueAt);
    }

    public async Task Consume(ConsumeContext<CancelScheduledRecurringMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await writer.CancelRecurringAsync(context.Message.ScheduleGroup, context.Message.ScheduleId, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<PauseScheduledRecurringMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await writer.PauseRecurringAsync(context.Message.ScheduleGroup, context.Message.ScheduleId, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ResumeScheduledRecurringMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await writer.ResumeRecurringAsync(context.Message.ScheduleGroup, context.Message.ScheduleId, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        writer.NotifyCommitted();
    }

    // MassTransit's field is named for cron; a bare expression is one, the prefixed forms name the other rule kinds.
    static string ExpressionOf(string expression) =>
        expression.StartsWith("cron:", StringComparison.Ordinal) || expression.StartsWith("every:", StringComparison.Ordinal)
        || expression.StartsWith("rrule:", StringComparison.Ordinal)
            ? expression
            : "cron:" + expression;
}
