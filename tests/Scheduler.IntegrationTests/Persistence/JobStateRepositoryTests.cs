using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Hosting;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Validation;

namespace Scheduler.IntegrationTests.Persistence;

/// <summary>
/// The EF Core saga repository on a real PostgreSQL, under concurrent messages for one job: the in-memory
/// bus delivers them 16 at a time with no partitioning, so only the repository's locking keeps them apart.
/// </summary>
public sealed class JobStateRepositoryTests : IAsyncLifetime
{
    TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(RealInfrastructure.FromEnvironment().Postgres);
        await using var db = OpenDatabase();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    SchedulerDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseNpgsql(_database.ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    ServiceProvider BuildProvider<TStateMachine>()
        where TStateMachine : class, SagaStateMachine<JobState>
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSchedulerCore();
        services.AddDbContext<SchedulerDbContext>(options => options
            .UseNpgsql(_database.ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));

        services.AddMassTransitTestHarness(x =>
        {
            x.AddSagaStateMachine<TStateMachine, JobState>().Repository(r => r.AddJobStateRepository()).ExcludeFromConfigureEndpoints();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureJsonSerializerOptions(options => Contracts.Serialization.SchedulerJson.Configure(options));
                cfg.ReceiveEndpoint("jobs", e =>
                {
                    e.ConcurrentMessageLimit = 16;
                    e.UseMessageRetry(r => r.Intervals(10, 20, 50, 100, 200, 500, 1000).Handle<DbUpdateException>());
                    e.UseInMemoryOutbox(context);
                    e.ConfigureSaga<JobState>(context);
                });
            });
        });
        return services.BuildServiceProvider(true);
    }

    [Fact]
    public async Task Concurrent_events_for_one_job_all_apply_without_a_lost_update()
    {
        await using var provider = BuildProvider<RunCounterStateMachine>();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var endpoint = await harness.Bus.GetSendEndpoint(new Uri("queue:jobs"));
        var jobId = Guid.NewGuid();

        // The first events race to insert the job; the rest race to update it.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => endpoint.Send(new RunCounted(jobId))));

        await Eventually.Until(
            () => Task.FromResult(harness.Consumed.Select<RunCounted>(m => m.Exception is null).Count()),
            consumed => consumed >= 50,
            "the 50 events to be consumed");

        await using var db = OpenDatabase();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId);
        Assert.Equal(50, job.RunCount);
    }

    [Fact]
    public async Task The_same_ScheduleJob_arriving_twenty_times_at_once_creates_one_job_one_run_and_one_audit_entry()
    {
        await using var provider = BuildProvider<Service.Lifecycle.JobStateMachine>();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var client = harness.GetRequestClient<ScheduleJob>();
        var command = new ScheduleJob { JobId = Guid.NewGuid(), Name = "twenty times", Handler = "noop" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            client.GetResponse<JobScheduled>(command, timeout: RequestTimeout.After(s: 30))));

        Assert.Single(responses, r => r.Message.Created);
        Assert.All(responses, r => Assert.Equal(command.JobId, r.Message.JobId));
        await using var db = OpenDatabase();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.CorrelationId == command.JobId));
        Assert.Equal(1, await db.Runs.CountAsync(r => r.JobId == command.JobId));
        Assert.Equal(["scheduled"], await db.Audit.Where(a => a.JobId == command.JobId).Select(a => a.Event).ToListAsync());
    }
}
