using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Handlers;

/// <summary>
/// Records the handlers consumer hosts announce and the hosts that stop. Every scheduler instance has a queue of its
/// own for these, so each learns of a new handler at once; all of them write the same rows, which is harmless.
/// </summary>
public sealed class HandlerPresenceConsumer(SchedulerDbContext db, HandlerCatalog catalog, TimeProvider clock)
    : IConsumer<HandlersAnnounced>, IConsumer<HostStopped>
{
    public async Task Consume(ConsumeContext<HandlersAnnounced> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var now = clock.GetUtcNow();
        foreach (var handler in message.Handlers)
        {
            catalog.Announced(handler.Name);
            var row = await db.HandlerHosts.FindAsync([handler.Name, message.Host], context.CancellationToken);
            if (row is null)
            {
                row = new HandlerHost { Handler = handler.Name, Host = message.Host, FirstSeenAt = now };
                db.HandlerHosts.Add(row);
            }

            row.Queue = handler.Queue;
            row.Concurrency = handler.Concurrency;
            row.PayloadSchema = handler.PayloadSchema;
            row.HeartbeatInterval = message.HeartbeatInterval;
            row.StartedAt = message.StartedAt;
            row.LastSeenAt = now;
            row.StoppedAt = null;
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<HostStopped> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        var rows = await db.HandlerHosts.Where(h => h.Host == context.Message.Host && h.StoppedAt == null).ToListAsync(context.CancellationToken);
        foreach (var row in rows)
            row.StoppedAt = now;

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
