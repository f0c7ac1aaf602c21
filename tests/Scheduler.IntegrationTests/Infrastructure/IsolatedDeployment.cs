using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Persistence;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// A deployment of its own for a test that stops and starts scheduler service instances: a fresh database and
/// virtual host, a consumer service and a client bus that outlive the instances.
/// </summary>
public sealed class IsolatedDeployment : IAsyncDisposable
{
    readonly List<SchedulerServiceFactory> _instances = [];
    TestDatabase _database = null!;
    TestVirtualHost _virtualHost = null!;
    ConsumerService? _consumers;
    IReadOnlyDictionary<string, string>? _settings;

    public IBusControl ClientBus { get; private set; } = null!;

    /// <summary>The AMQP URI of the deployment's virtual host.</summary>
    public string RabbitMqUri => _virtualHost.ConnectionString;

    /// <summary>The connection string of the deployment's database.</summary>
    public string PostgresConnectionString => _database.ConnectionString;

    /// <summary>
    /// Starts the deployment; with <paramref name="withConsumers"/> false, no consumer serves the handlers until the
    /// test starts one. <paramref name="settings"/> configure every scheduler instance.
    /// </summary>
    public static async Task<IsolatedDeployment> StartAsync(bool withConsumers = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var infrastructure = RealInfrastructure.FromEnvironment();
        var deployment = new IsolatedDeployment
        {
            _database = await TestDatabase.CreateAsync(infrastructure.Postgres),
            _settings = settings,
        };
        deployment._virtualHost = await TestVirtualHost.CreateAsync(infrastructure.RabbitMq);
        if (withConsumers)
            deployment._consumers = await ConsumerService.StartAsync(deployment._virtualHost.ConnectionString);

        var connection = RabbitMqConnection.Parse(deployment._virtualHost.ConnectionString);
        deployment.ClientBus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(connection);
            cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
        });
        await deployment.ClientBus.StartAsync();
        return deployment;
    }

    /// <summary>
    /// Starts one more scheduler service instance on the shared database and broker, and waits until it is ready;
    /// <paramref name="rabbitMq"/> and <paramref name="postgres"/> reach them another way (through a <see cref="TcpRelay"/>).
    /// </summary>
    public async Task<SchedulerServiceFactory> StartInstanceAsync(string? rabbitMq = null, string? postgres = null)
    {
        var instance = new SchedulerServiceFactory(postgres ?? _database.ConnectionString, rabbitMq ?? _virtualHost.ConnectionString, settings: _settings);
        _instances.Add(instance);
        using var client = instance.CreateClient();
        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, ready => ready, "the instance to be ready");
        return instance;
    }

    /// <summary>Stops an instance the way a process stops: its bus and dispatcher go away, what it stored stays.</summary>
    public async Task StopInstanceAsync(SchedulerServiceFactory instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instances.Remove(instance);
        await instance.DisposeAsync();
    }

    /// <summary>The messages in the deployment's <c>_error</c> queues, by queue (see <see cref="TestVirtualHost.DeadLettersAsync"/>).</summary>
    public Task<IReadOnlyDictionary<string, uint>> DeadLettersAsync() => _virtualHost.DeadLettersAsync();

    public SchedulerDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseNpgsql(_database.ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    public async ValueTask DisposeAsync()
    {
        await Teardown.WithinLimitAsync(() => ClientBus.StopAsync(), "The client bus");
        if (_consumers is not null)
            await Teardown.WithinLimitAsync(() => _consumers.DisposeAsync().AsTask(), "The consumer host");
        foreach (var instance in _instances)
            await Teardown.WithinLimitAsync(() => instance.DisposeAsync().AsTask(), "A service instance");
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
