using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Scheduler.Consumers.Http;
using Scheduler.Consumers.Telemetry;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Execution;
using Scheduler.Consumers.Handlers;
using Scheduler.Contracts;

namespace Scheduler.Consumers.Hosting;

/// <summary>Registers job handlers with MassTransit and gives each one its own queue.</summary>
public static class JobHandlerRegistrationExtensions
{
    /// <summary>
    /// Serves handler <paramref name="name"/> with <typeparamref name="THandler"/>, a scoped service
    /// resolved for every run. Call <see cref="ConfigureJobHandlerEndpoints"/> on the bus to create its queue.
    /// </summary>
    /// <param name="configurator">The bus registration.</param>
    /// <param name="name">The handler name jobs refer to (see <see cref="JobHandlerName"/>).</param>
    /// <param name="configure">Sets the handler's options in code; configuration overrides them.</param>
    /// <exception cref="ArgumentException">The name does not follow <see cref="JobHandlerName"/>.</exception>
    /// <exception cref="InvalidOperationException">A handler with the same name is already registered.</exception>
    public static IBusRegistrationConfigurator AddJobHandler<THandler>(this IBusRegistrationConfigurator configurator,
        string name, Action<JobHandlerOptions>? configure = null)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(configurator);
        JobHandlerName.Validate(name, nameof(name));

        var existing = configurator
            .Select(descriptor => descriptor.ImplementationInstance)
            .OfType<JobHandlerRegistration>()
            .FirstOrDefault(registration => registration.Name == name);
        if (existing is not null)
            throw new InvalidOperationException(
                $"A handler named '{name}' is already registered ({existing.HandlerType.Name}); handler names must be unique per host.");

        var payloadType = PayloadTypeOf(typeof(THandler));
        configurator.AddSingleton(new JobHandlerRegistration(name, typeof(THandler), payloadType));
        if (payloadType is null)
        {
            configurator.AddKeyedScoped(typeof(IJobHandler), name, typeof(THandler));
        }
        else
        {
            configurator.TryAddScoped<THandler>();
            configurator.AddKeyedScoped(typeof(IJobHandler), name, typeof(TypedJobHandler<,>).MakeGenericType(typeof(THandler), payloadType));
        }

        var options = configurator.AddOptions<JobHandlerOptions>(name);
        if (configure is not null)
            options.Configure(configure);

        // Resolved lazily because the test harness's container has no IConfiguration, while a host's does.
        options
            .Configure<IServiceProvider>((handlerOptions, services) =>
                services.GetService<IConfiguration>()?.GetSection($"{JobHandlerOptions.SectionName}:{name}").Bind(handlerOptions))
            .Validate(handlerOptions => handlerOptions.Concurrency is >= 1 and <= JobHandlerOptions.MaxConcurrency,
                $"The concurrency of handler '{name}' must be between 1 and {JobHandlerOptions.MaxConcurrency}.");

        // MassTransit keeps one registration per consumer type, so adding it with every handler is harmless;
        // it is excluded from ConfigureEndpoints because it belongs on each handler's own queue instead.
        configurator.AddConsumer<ExecuteJobConsumer>().ExcludeFromConfigureEndpoints();
        configurator.AddConsumer<JobRunAbandonedConsumer>().ExcludeFromConfigureEndpoints();
        configurator.TryAddSingleton(TimeProvider.System);
        configurator.TryAddSingleton(ConsumerHost.FromEnvironment());
        configurator.TryAddSingleton<RunCancellations>();
        configurator.TryAddSingleton<RecentRunOutcomes>();
        configurator.TryAddSingleton<SendStall>();
        configurator.TryAddSingleton<RunReporter>();
        configurator.AddMetrics();
        configurator.TryAddSingleton<RunMetrics>();
        configurator.TryAddSingleton<RunOverdueWatch>();
        configurator.AddOptions<ConsumerHostOptions>();
        configurator.TryAddSingleton<IRunOutcomeLog, UnrecordedRunOutcomes>();

        return configurator;
    }

    /// <summary>The payload type of a typed handler; null for an untyped one; an error for a class that is neither.</summary>
    static Type? PayloadTypeOf(Type handler)
    {
        if (typeof(IJobHandler).IsAssignableFrom(handler))
            return null;

        var typed = handler.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IJobHandler<>)).ToList();
        return typed.Count == 1
            ? typed[0].GetGenericArguments()[0]
            : throw new ArgumentException(
                $"{handler.Name} must implement IJobHandler or exactly one IJobHandler<TPayload> to be registered as a job handler.", nameof(handler));
    }

    /// <summary>
    /// Remembers finished runs in PostgreSQL (see <see cref="PostgresRunOutcomeLog"/>), so that a redelivered run does
    /// not run its handler twice. Without it a host remembers nothing. Its pool is small (see
    /// <see cref="PostgresRunOutcomeLog.PoolDefaults"/>) unless the connection string says otherwise.
    /// </summary>
    public static IServiceCollection AddPostgresRunOutcomeLog(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(PostgresConnectionString.WithDefaults(connectionString, PostgresRunOutcomeLog.PoolDefaults)));
        services.Replace(ServiceDescriptor.Singleton<IRunOutcomeLog, PostgresRunOutcomeLog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RunOutcomeLogPreparation>());
        return services;
    }

    /// <summary>
    /// Serves the built-in handlers <c>noop</c>, <c>sleep</c>, <c>fail</c>, <c>http</c> and <c>health-check</c> (see
    /// <see cref="BuiltInHandlers"/>); the last two reach only the hosts in <c>Scheduler:Http:AllowedHosts</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddBuiltInJobHandlers(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);

        // Resolved lazily because the test harness's container has no IConfiguration, while a host's does.
        configurator.AddOptions<OutboundHttpOptions>().Configure<IServiceProvider>((options, services) =>
            services.GetService<IConfiguration>()?.GetSection(OutboundHttpOptions.SectionName).Bind(options));
        configurator.TryAddSingleton<OutboundHttpClient>();

        return configurator
            .AddJobHandler<NoopJobHandler>(BuiltInHandlers.Noop)
            .AddJobHandler<SleepJobHandler>(BuiltInHandlers.Sleep)
            .AddJobHandler<FailJobHandler>(BuiltInHandlers.Fail)
            .AddJobHandler<HttpJobHandler>(BuiltInHandlers.Http)
            .AddJobHandler<HealthCheckJobHandler>(BuiltInHandlers.HealthCheck);
    }

    /// <summary>
    /// Creates one receive endpoint per registered handler, named <see cref="HandlerEndpoint.QueueName"/>,
    /// consuming <see cref="ExecuteJob"/> with the handler's concurrency. Works with any transport.
    /// </summary>
    public static void ConfigureJobHandlerEndpoints(this IBusFactoryConfigurator configurator, IBusRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(context);

        var options = context.GetRequiredService<IOptionsMonitor<JobHandlerOptions>>();
        var registrations = context.GetServices<JobHandlerRegistration>().ToList();
        if (registrations.Count == 0)
            return;

        // Every host hears which runs the scheduler abandons, on a queue of its own that goes away with it.
        var host = new string(context.GetRequiredService<ConsumerHost>().Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        configurator.ReceiveEndpoint(new TemporaryEndpointDefinition($"scheduler-consumer-{host}"), endpoint =>
        {
            ReturnToQueueFilter.Apply(endpoint);
            endpoint.ConfigureConsumer<JobRunAbandonedConsumer>(context);
        });

        foreach (var registration in registrations)
        {
            var concurrency = options.Get(registration.Name).Concurrency;
            configurator.ReceiveEndpoint(registration.QueueName, endpoint =>
            {
                endpoint.ConcurrentMessageLimit = concurrency;
                endpoint.PrefetchCount = concurrency;

                // A run interrupted by shutdown (past the drain time) or by an outage of the broker returns to its queue.
                ReturnToQueueFilter.Apply(endpoint);

                // Runs are sent to one handler's queue; binding every queue to the ExecuteJob exchange would
                // hand a published ExecuteJob to every handler.
                endpoint.ConfigureConsumeTopology = false;

                // A priority queue, declared with the same arguments as the scheduler declares it (see HandlerEndpoint).
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq)
                    rabbitMq.EnablePriority(HandlerEndpoint.MaxPriority);

                endpoint.ConfigureConsumer<ExecuteJobConsumer>(context);
            });
        }
    }
}
