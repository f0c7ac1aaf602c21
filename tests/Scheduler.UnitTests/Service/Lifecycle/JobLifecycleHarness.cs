using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Hosting;
using Scheduler.Service.Lifecycle;
using JobStateMachine = Scheduler.Service.Lifecycle.JobStateMachine;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// The job lifecycle saga on MassTransit's in-memory test harness, with its own EF Core repository and the due-table
/// dispatcher on a private SQLite database (a file, so each scope opens its own connection as in production).
/// </summary>
public sealed class JobLifecycleHarness : IAsyncDisposable
{
    readonly string _databasePath;
    DueMessageDispatcher? _dispatcher;

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
        services.AddSchedulerCore();
        services.AddLogging();
        services.AddDbContext<SchedulerDbContext>(options => options
            .UseSqlite(connectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));

        services.AddMassTransitTestHarness(x =>
        {
            x.AddJobLifecycle();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                cfg.ConfigureEndpoints(context);

                // Stands in for a consumer service: the runs the saga sends arrive here.
                cfg.ReceiveEndpoint(HandlerEndpoint.QueueName("noop"), e => e.Handler<ExecuteJob>(_ => Task.CompletedTask));
            });
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SchedulerDbContext>().Database.MigrateAsync();

        var harness = new JobLifecycleHarness(provider, path);
        await harness.Harness.Start();

        // The saga writes what it sends to the due table; the dispatcher sends it, here as in the service.
        harness._dispatcher = ActivatorUtilities.CreateInstance<DueMessageDispatcher>(provider);
        await harness._dispatcher.StartAsync(CancellationToken.None);
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

    /// <summary>
    /// Polls <paramref name="probe"/> until it finds something, rather than waiting on the harness, whose inactivity
    /// timeout is shorter than a due message's delay.
    /// </summary>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T?>> probe, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        try
        {
            while (true)
            {
                if (await probe() is { } found)
                    return found;
                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting until {what}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dispatcher is not null)
            await _dispatcher.StopAsync(CancellationToken.None);
        await Provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
            File.Delete(file);
    }
}
