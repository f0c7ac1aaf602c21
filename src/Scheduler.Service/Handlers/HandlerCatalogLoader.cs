using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Handlers;

/// <summary>At start, teaches the <see cref="HandlerCatalog"/> every handler announced before: announcements are kept.</summary>
public sealed class HandlerCatalogLoader(IServiceScopeFactory scopes, HandlerCatalog catalog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        foreach (var handler in await db.HandlerHosts.AsNoTracking().Select(h => h.Handler).Distinct().ToListAsync(cancellationToken))
            catalog.Announced(handler);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
