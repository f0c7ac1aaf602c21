using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// A private SQLite database (a file, so each scope opens its own connection as in production) and the scheduler's
/// core services on it, on the clock given: what either path of the differential test runs on.
/// </summary>
public sealed class LifecycleDatabase : IAsyncDisposable
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"scheduler-diff-{Guid.NewGuid():N}.db");

    public LifecycleDatabase(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = _path, DefaultTimeout = 30 }.ToString();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(clock);
        Services.AddSchedulerCore();
        Services.AddLogging();
        Services.AddDbContext<SchedulerDbContext>(options => options
            .UseSqlite(connectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
    }

    public ServiceCollection Services { get; } = new();

    public ServiceProvider Provider { get; private set; } = null!;

    public async Task StartAsync()
    {
        Provider = Services.BuildServiceProvider(validateScopes: true);
        await using var scope = Provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SchedulerDbContext>().Database.MigrateAsync();
    }

    public async Task<T> QueryAsync<T>(Func<SchedulerDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SchedulerDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider is not null)
            await Provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }
}
