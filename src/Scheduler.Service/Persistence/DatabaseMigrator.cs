using Microsoft.EntityFrameworkCore;

namespace Scheduler.Service.Persistence;

/// <summary>
/// Applies pending migrations before the bus starts (it is registered ahead of MassTransit's hosted
/// service). EF Core takes a database lock while migrating, so instances starting together are safe.
/// </summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopeFactory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();

        // SQLite (the embedded default): readers do not wait for the writer, and writers wait for each other.
        if (!db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        // Migrate first: asking for pending migrations before the history table exists makes EF log a failed command.
        await db.Database.MigrateAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Database schema is at {Migration} ({Count} migrations applied)", applied.LastOrDefault(), applied.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
