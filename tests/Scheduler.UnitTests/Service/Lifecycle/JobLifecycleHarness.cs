using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Hosting;
using Scheduler.Service.Lifecycle;
using JobStateMachine = Scheduler.Service.Lifecycle.JobStateMachine;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// The job lifecycle saga on MassTransit's in-memory test harness, with its own EF Core repository on a
/// private SQLite database (a file, so each scope opens its own connection as in production).
/// </summary>
public sealed class JobLifecycleHarness : IAsyncDisposable
{
    readonly string _databasePath;

    JobLifecycleHarness(ServiceProvider provider, string databasePath)
    {
        Provider = provider;
        _databasePath = databasePath;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ServiceProvider Provider { get; }
    public ITestHarness Harness { get; }

    public static async Task<JobLifecycleHarness> StartAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scheduler-unit-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HandlerCatalog>();
        services.AddSingleton<ScheduleJobValidator>();
        services.AddSingleton<JobRowLock>();
        services.AddScoped<JobLedger>();
        services.AddDbContext<SchedulerDbContext>(options => options
            .UseSqlite(connectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));

        services.AddMassTransitTestHarness(x =>
        {
            x.AddJobLifecycle();

            // The in-memory transport delays messages itself; the due table is exercised by the integration tests.
            x.AddDelayedMessageScheduler();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                cfg.ConfigureEndpoints(context);
            });
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SchedulerDbContext>().Database.MigrateAsync();

        var harness = new JobLifecycleHarness(provider, path);
        await harness.Harness.Start();
        return harness;
    }

    public ISagaStateMachineTestHarness<JobStateMachine, JobState> Saga =>
        Harness.GetSagaStateMachineHarness<JobStateMachine, JobState>();

    public async Task<T> QueryAsync<T>(Func<SchedulerDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SchedulerDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
            File.Delete(file);
    }
}
