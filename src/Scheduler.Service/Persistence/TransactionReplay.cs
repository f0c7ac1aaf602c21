using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Consumers.Hosting;

namespace Scheduler.Service.Persistence;

/// <summary>
/// Replays a message from the start — a fresh transaction, a fresh read — when its transaction failed on a conflict
/// (two first events for one new job race on its primary key, a job stored meanwhile) or an outage of the database
/// or the broker. Every endpoint that writes the store in one transaction per message or batch uses it.
/// </summary>
public static class TransactionReplay
{
    public static void UseTransactionReplay(this IReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(20, 50, 100, 250, 500, 1000, 2000);
            r.Handle<DbUpdateException>();
            r.Handle<Exception>(Outage.IsCauseOf);
        });
    }
}
