using MassTransit;
using MassTransit.Scheduling;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>MassTransit's message scheduler API (<c>ScheduleSend</c>, a saga's <c>Schedule</c>) writing straight to the due table.</summary>
internal sealed class DueTableScheduleMessageProvider(DueMessageWriter writer) : IScheduleMessageProvider
{
    public async Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe,
        CancellationToken cancellationToken)
        where T : class
    {
        var dueAt = new DateTimeOffset(DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc));
        var token = await writer.ScheduleOnceAsync(destinationAddress, dueAt, message, pipe, cancellationToken: cancellationToken);
        return new ScheduledMessageHandle<T>(token, dueAt.UtcDateTime, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => writer.CancelAsync(tokenId, cancellationToken);

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        writer.CancelAsync(tokenId, cancellationToken);
}
