using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Handlers;

/// <summary>Which handlers have a consumer online now, and on which hosts.</summary>
public sealed class HandlerPresence(SchedulerDbContext db, TimeProvider clock)
{
    /// <summary>Every handler on every host ever announced, with whether each is online now.</summary>
    public async Task<IReadOnlyList<(HandlerHost Host, bool Online)>> HostsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hosts = await db.HandlerHosts.AsNoTracking().ToListAsync(cancellationToken);
        return hosts.Select(h => (h, h.IsOnline(now))).ToList();
    }

    /// <summary>The handlers with at least one host online.</summary>
    public async Task<IReadOnlySet<string>> OnlineAsync(CancellationToken cancellationToken) =>
        (await HostsAsync(cancellationToken)).Where(h => h.Online).Select(h => h.Host.Handler).ToHashSet(StringComparer.Ordinal);
}
