using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Persistence;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// The whole product on the real parts: the scheduler service (in-process, with its REST API), a
/// separate consumer service with the built-in handlers, and a client bus that publishes as another
/// service would — on a fresh PostgreSQL database and a fresh RabbitMQ virtual host.
/// </summary>
public sealed class SchedulerDeployment : IAsyncLifetime, IApiDeployment
{
    TestDatabase? _database;
    TestVirtualHost? _virtualHost;
    ConsumerService? _consumers;

    readonly ConcurrentDictionary<Guid, JobRejected> _rejections = new();
    readonly ConcurrentDictionary<Guid, JobRunFaulted> _faults = new();

    public SchedulerServiceFactory Service { get; private set; } = null!;
    public IBusControl ClientBus { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    /// <summary>The AMQP URI of the deployment's virtual host, for clients that speak to RabbitMQ directly.</summary>
    public string RabbitMqUri => _virtualHost!.ConnectionString;

    public async Task InitializeAsync()
    {
        var infrastructure = RealInfrastructure.FromEnvironment();
        _database = await TestDatabase.CreateAsync(infrastructure.Postgres);
        _virtualHost = await TestVirtualHost.CreateAsync(infrastructure.RabbitMq);

        Service = new SchedulerServiceFactory(_database.ConnectionString, _virtualHost.ConnectionString);
        Api = Service.CreateClient();

        _consumers = await ConsumerService.StartAsync(_virtualHost.ConnectionString);

        var connection = RabbitMqConnection.Parse(_virtualHost.ConnectionString);
        ClientBus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(connection);
            cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));

            // A temporary queue of the client's own, subscribed to the scheduler's rejection events.
            cfg.ReceiveEndpoint(endpoint =>
            {
                endpoint.Handler<JobRejected>(context =>
                {
                    _rejections[context.Message.JobId] = context.Message;
                    return Task.CompletedTask;
                });
                endpoint.Handler<JobRunFaulted>(context =>
                {
                    _faults[context.Message.RunId] = context.Message;
                    return Task.CompletedTask;
                });
            });
        });
        await ClientBus.StartAsync();
    }

    /// <summary>The <see cref="JobRejected"/> events the client has seen, by job id.</summary>
    public IReadOnlyDictionary<Guid, JobRejected> Rejections => _rejections;

    /// <summary>The <see cref="JobRunFaulted"/> events (dead letters) the client has seen, by run id.</summary>
    public IReadOnlyDictionary<Guid, JobRunFaulted> Faults => _faults;

    /// <summary>A context on the service's database, for assertions.</summary>
    public SchedulerDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseNpgsql(_database!.ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    public async Task DisposeAsync()
    {
        if (ClientBus is not null)
            await Teardown.WithinLimitAsync(() => ClientBus.StopAsync(), "The client bus");
        if (_consumers is not null)
            await Teardown.WithinLimitAsync(() => _consumers.DisposeAsync().AsTask(), "The consumer host");
        Api?.Dispose();
        if (Service is not null)
            await Teardown.WithinLimitAsync(() => Service.DisposeAsync().AsTask(), "The service");
        if (_virtualHost is not null)
            await _virtualHost.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
