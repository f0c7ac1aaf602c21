using System.Text.Json;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Writes due messages in the caller's transaction: the job lifecycle saga schedules its own messages (and sends its
/// runs, as messages due now) through this, so they exist exactly when the change that produced them is committed —
/// a crash can lose neither. The dispatcher sends them; <see cref="NotifyCommitted"/> wakes it once they are visible.
/// </summary>
public sealed class DueMessageWriter(SchedulerDbContext db, DueSignal signal, TimeProvider clock)
{
    DateTimeOffset? _earliestAdded;

    /// <summary>
    /// Schedules <paramref name="message"/> for <paramref name="dueAt"/> under <paramref name="token"/> (a new one when
    /// not given); returns the scheduling token.
    /// </summary>
    public async Task<Guid> ScheduleOnceAsync<T>(Uri destination, DateTimeOffset dueAt, T message, IPipe<SendContext<T>>? pipe = null,
        Guid? token = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(destination);
        var row = await CaptureAsync(destination, message, pipe, token ?? NewId.NextGuid(), cancellationToken);
        row.DueAt = dueAt;
        row.OccurrenceAt = dueAt;
        db.DueMessages.Add(row);
        Added(dueAt);
        return row.Id;
    }

    /// <summary>
    /// Schedules <paramref name="message"/> on <paramref name="rule"/>, replacing the schedule's earlier version; stored
    /// <paramref name="paused"/>, it waits for <see cref="ResumeRecurringAsync"/>.
    /// </summary>
    public async Task ScheduleRecurringAsync<T>(Uri destination, string group, string scheduleId, TimeRule rule, TimeSpan? jitter, T message,
        bool paused = false, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rule);
        await CancelRecurringAsync(group, scheduleId, cancellationToken);
        if (rule.NextAfter(clock.GetUtcNow()) is not { } first)
            return;

        var row = await CaptureAsync(destination, message, null, NewId.NextGuid(), cancellationToken);
        row.Recur(group, scheduleId, rule, jitter, first);
        row.Paused = paused;
        db.DueMessages.Add(row);
        if (!paused)
            Added(first);
    }

    /// <summary>Removes a pending one-shot; one already sent or never stored is no error. True when it was still pending.</summary>
    public async Task<bool> CancelAsync(Guid token, CancellationToken cancellationToken = default)
    {
        var row = await db.DueMessages.FindAsync([token], cancellationToken);
        if (row is not { IsRecurring: false })
            return false;

        db.DueMessages.Remove(row);
        return true;
    }

    public async Task CancelRecurringAsync(string? group, string? scheduleId, CancellationToken cancellationToken = default)
    {
        if (await FindRecurringAsync(group, scheduleId, cancellationToken) is { } row)
            db.DueMessages.Remove(row);
    }

    public async Task PauseRecurringAsync(string? group, string? scheduleId, CancellationToken cancellationToken = default)
    {
        if (await FindRecurringAsync(group, scheduleId, cancellationToken) is { } row)
            row.Paused = true;
    }

    /// <summary>The recurring schedule's row, or null when there is none.</summary>
    public Task<DueMessage?> FindRecurringAsync(string? group, string? scheduleId, CancellationToken cancellationToken = default) =>
        db.DueMessages.SingleOrDefaultAsync(m => m.ScheduleGroup == group && m.ScheduleId == scheduleId, cancellationToken);

    /// <summary>
    /// Unpauses a recurring schedule at its next occurrence after now (occurrences inside the pause are not owed);
    /// returns the occurrence it is due at next, or null when it has ended. A schedule that is not paused is left as it is.
    /// </summary>
    public async Task<DateTimeOffset?> ResumeRecurringAsync(string? group, string? scheduleId, CancellationToken cancellationToken = default)
    {
        var row = await FindRecurringAsync(group, scheduleId, cancellationToken);
        if (row is null)
            return null;

        return row.Paused ? Resume(row, row.Rule().NextAfter(clock.GetUtcNow())) : row.OccurrenceAt;
    }

    /// <summary>Unpauses a recurring schedule at <paramref name="next"/>, or removes it when that is null (it has ended).</summary>
    public async Task ResumeRecurringAtAsync(string? group, string? scheduleId, DateTimeOffset? next, CancellationToken cancellationToken = default)
    {
        if (await FindRecurringAsync(group, scheduleId, cancellationToken) is { } row)
            Resume(row, next);
    }

    DateTimeOffset? Resume(DueMessage row, DateTimeOffset? next)
    {
        if (next is null)
        {
            db.DueMessages.Remove(row);
            return null;
        }

        row.Paused = false;
        row.OccurrenceAt = next.Value;
        row.DueAt = next.Value;
        Added(next.Value);
        return next;
    }

    /// <summary>The transaction committed: what it scheduled is visible, so the dispatcher may look now.</summary>
    public void NotifyCommitted()
    {
        if (_earliestAdded is { } earliest)
            signal.Wake(earliest);
        _earliestAdded = null;
    }

    void Added(DateTimeOffset dueAt)
    {
        if (_earliestAdded is null || dueAt < _earliestAdded)
            _earliestAdded = dueAt;
    }

    async Task<DueMessage> CaptureAsync<T>(Uri destination, T message, IPipe<SendContext<T>>? pipe, Guid token, CancellationToken cancellationToken)
        where T : class
    {
        var context = new MessageSendContext<T>(message, cancellationToken) { DestinationAddress = destination };
        if (pipe is not null)
            await pipe.Send(context);
        context.ScheduledMessageId = token;
        context.Headers.Set(MessageHeaders.SchedulingTokenId, token.ToString("D"));
        DueTraceContext.Stamp(context.Headers);

        var headers = context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value);
        return new DueMessage
        {
            Id = token,
            Destination = destination.ToString(),
            MessageType = string.Join(";", MessageTypeCache<T>.MessageTypeNames),
            ContentType = SystemTextJsonMessageSerializer.JsonContentType.ToString(),
            Body = SystemTextJsonMessageSerializer.Instance.GetMessageBody(context).GetString(),
            Headers = headers.Count == 0 ? null : JsonSerializer.Serialize(headers, SystemTextJsonMessageSerializer.Options),
            CreatedAt = clock.GetUtcNow(),
        };
    }
}
