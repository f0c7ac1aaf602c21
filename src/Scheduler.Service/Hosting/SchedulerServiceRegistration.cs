using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Api;
using Scheduler.Service.Declarations;
using Scheduler.Contracts.Serialization;
using Scheduler.Consumers.Announcements;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Service.Handlers;
using Scheduler.Service.Health;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Scheduling.Endpoint;
using Scheduler.Service.Statistics;
using Scheduler.Service.Telemetry;
using Scheduler.Service.Tenancy;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Hosting;

/// <summary>Wires the service: persistence, the bus with the job lifecycle saga, validation, the API's JSON and health checks.</summary>
public static class SchedulerServiceRegistration
{
    public static IServiceCollection AddSchedulerService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSchedulerCore();
        services.AddOptions<DispatcherOptions>().BindConfiguration(DispatcherOptions.SectionName).ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName)
            .Validate(o => o.SucceededFor > TimeSpan.Zero && o.FailedFor > TimeSpan.Zero && o.Interval > TimeSpan.Zero && o.MaxSucceededRunsPerJob >= 1,
                "Scheduler:Retention needs positive SucceededFor, FailedFor and Interval, and MaxSucceededRunsPerJob of at least 1.")
            .ValidateOnStart();

        var mode = DeploymentMode.From(configuration);
        services.AddSingleton(mode);
        services.AddSchedulerPersistence(mode);
        services.AddSchedulerBus(mode);
        services.AddShutdownBound(configuration);

        services.AddApiAccess(configuration);
        services.ConfigureHttpJsonOptions(options => SchedulerJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<OutageExceptionHandler>();
        services.AddOpenApi(options => options.AddSchemaTransformer<JobMetadataSchema>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DispatcherHealthCheck>("dispatcher", tags: [HealthEndpoints.ReadyTag]);
        services.AddDeadLetters(mode);
        services.AddSchedulerTelemetry(configuration);
        return services;
    }

    /// <summary>What the saga, the scheduler endpoint and the dispatcher need besides a database context and a bus.</summary>
    public static IServiceCollection AddSchedulerCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HandlerCatalog>();
        services.TryAddSingleton<ScheduleJobValidator>();
        services.TryAddSingleton<JobInputs>();
        services.TryAddScoped<JobFactsReader>();
        services.TryAddScoped<Calendars.CalendarReader>();
        services.TryAddScoped<JobEffectApplier>();
        services.TryAddScoped<JobTransition>();
        services.TryAddScoped<JobBatchTransition>();
        services.TryAddScoped<KeyedJobAdmission>();
        services.TryAddSingleton<DeclaredJobsReader>();
        services.TryAddScoped<DeclaredJobsApplier>();
        services.TryAddSingleton<JobRowLock>();
        services.TryAddSingleton<DueSignal>();
        services.TryAddScoped<DueMessageWriter>();
        services.TryAddSingleton<DueRowClaim>();
        services.TryAddSingleton<ChangeSetWriter>();
        services.TryAddSingleton<DispatcherPulse>();
        services.TryAddSingleton<SendStall>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DispatcherOptions>, DispatcherOptionsValidation>());
        services.TryAddScoped<RunRetention>();
        services.TryAddScoped<SchedulerSwitchStore>();
        services.TryAddScoped<TenantScope>();
        services.TryAddScoped<StatisticsQuery>();
        services.TryAddScoped<HandlerPresence>();
        services.TryAddScoped<JobViewReader>();
        services.AddMetrics();
        services.TryAddSingleton<SchedulerMetrics>();
        services.AddOptions<DispatcherOptions>();
        services.AddOptions<RetentionOptions>();
        return services;
    }

    static void AddSchedulerPersistence(this IServiceCollection services, DeploymentMode mode)
    {
        // HTTP requests get a pool of their own (DatabasePoolOptions); the options are built per scope, so each scope picks its pool.
        services.TryAddScoped<ApiRequestScope>();
        services.AddTransient<IStartupFilter, ApiRequestScopeStartupFilter>();
        services.AddDbContext<SchedulerDbContext>((provider, options) =>
        {
            if (mode.UsesPostgres)
                options.UseNpgsql(provider.GetRequiredService<ApiRequestScope>().IsApiRequest ? mode.ApiPostgresConnectionString : mode.PostgresConnectionString)
                    .AddInterceptors(new TenantConnectionInterceptor(provider.GetRequiredService<TenantScope>()));
            else
                options.UseSqlite(mode.SqliteConnectionString);

            // Migrations are written by hand without a model snapshot (no EF design package here);
            // the integration tests check that the schema they create is the one the model maps.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        // Registered before MassTransit's hosted service, so the schema exists before the first message is consumed.
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService<HandlerCatalogLoader>();
    }

    /// <summary>Bounds a stop by <see cref="ShutdownOptions.DrainTime"/> (see <see cref="DrainTimeRegistration"/>).</summary>
    static void AddShutdownBound(this IServiceCollection services, IConfiguration configuration)
    {
        var shutdown = configuration.GetSection(ShutdownOptions.SectionName).Get<ShutdownOptions>() ?? new ShutdownOptions();
        if (shutdown.DrainTime < TimeSpan.Zero)
            throw new InvalidOperationException($"{ShutdownOptions.SectionName}:DrainTime must not be negative.");

        services.AddDrainTime(shutdown.DrainTime);
    }

    static void AddSchedulerBus(this IServiceCollection services, DeploymentMode mode)
    {
        // Before MassTransit's hosted service, so that no run is sent to a handler whose queue does not exist yet.
        if (mode.UsesRabbitMq)
        {
            services.AddSingleton(RabbitMqConnection.Parse(mode.RabbitMqConnectionString!));
            services.AddHostedService<HandlerQueueDeclaration>();
        }

        services.AddMassTransit(x =>
        {
            // A scheduler runs in places with no way out to the internet, and should not try: no usage reports.
            x.ConfigureUsageTelemetryOptions(options => options.Enabled = false);

            // What an instance was handling when it stopped goes back to the queue for the others, not to _error.
            x.AddConfigureEndpointsCallback((_, _, endpoint) => ReturnToQueueFilter.Apply(endpoint));
            x.AddJobLifecycle();
            x.AddSchedulerEndpoint();
            x.AddConsumer<HandlerPresenceConsumer>().ExcludeFromConfigureEndpoints();
            x.AddConsumer<RunProgressConsumer>().Endpoint(e => e.Name = RunProgressConsumer.QueueName);

            // The history belongs to this service, so it serves the handler that prunes it.
            x.AddJobHandler<CleanupHistoryJobHandler>(BuiltInHandlers.CleanupHistory);

            if (mode.UsesRabbitMq)
            {
                var connection = RabbitMqConnection.Parse(mode.RabbitMqConnectionString!);
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(connection);
                    cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                    cfg.ConfigureSchedulerEndpoint(context);
                    cfg.ConfigureHandlerPresenceEndpoint(context);
                    cfg.ConfigureJobHandlerEndpoints(context);
                    cfg.ConfigureEndpoints(context);
                });
                return;
            }

            // Without a broker the handlers have to be here: the built-in ones run in this process, on the same bus.
            x.AddBuiltInJobHandlers();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                cfg.ConfigureSchedulerEndpoint(context);
                cfg.ConfigureHandlerPresenceEndpoint(context);
                cfg.ConfigureJobHandlerEndpoints(context);
                cfg.ConfigureEndpoints(context);
            });
        });
        // The in-process handlers announce themselves like a consumer host's, so the API shows them online.
        services.AddOptions<ConsumerHostOptions>().BindConfiguration(ConsumerHostOptions.SectionName);
        services.AddHostedService<HandlerAnnouncer>();
        services.AddHostedService<RetentionJob>();
        services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);

        // After MassTransit's hosted service, so the bus is up before the first due message is sent.
        services.AddHostedService<DueMessageDispatcher>();
        if (mode.UsesRabbitMq)
            services.AddBusStallGuard(RabbitMqConnection.Parse(mode.RabbitMqConnectionString!), _ => ServiceQueues.Consumed);

        // After the dispatcher too: the declared jobs are scheduled through the bus, and their first runs go out through it.
        services.AddHostedService<DeclaredJobsStartup>();
    }

    /// <summary>
    /// The message scheduler on the due table: its endpoint's consumers, and <see cref="IMessageScheduler"/> /
    /// <see cref="IRecurringMessageScheduler"/> pointed at it.
    /// </summary>
    public static IBusRegistrationConfigurator AddSchedulerEndpoint(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddConsumer<ScheduleMessageConsumer>().ExcludeFromConfigureEndpoints();
        configurator.AddConsumer<RecurringScheduleConsumer>().ExcludeFromConfigureEndpoints();
        configurator.AddConsumer<SchedulerSwitchConsumer>().ExcludeFromConfigureEndpoints();
        configurator.AddMessageScheduler(SchedulerEndpoint.Address);
        return configurator;
    }

    /// <summary>The scheduler endpoint's queue, for the scheduling commands of other services.</summary>
    public static void ConfigureSchedulerEndpoint(this IBusFactoryConfigurator configurator, IBusRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.ReceiveEndpoint(SchedulerEndpoint.QueueName, endpoint => SchedulerEndpoint.Configure(endpoint, context));
    }

    /// <summary>A queue of this instance's own for handler announcements, so that every instance learns of each handler.</summary>
    public static void ConfigureHandlerPresenceEndpoint(this IBusFactoryConfigurator configurator, IBusRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.ReceiveEndpoint(new TemporaryEndpointDefinition("scheduler-presence"), endpoint =>
        {
            ReturnToQueueFilter.Apply(endpoint);
            endpoint.UseMessageRetry(r =>
            {
                r.Intervals(20, 50, 100, 250, 500);
                r.Handle<DbUpdateException>();
                r.Handle<Exception>(Outage.IsCauseOf);
            });
            endpoint.ConfigureConsumer<HandlerPresenceConsumer>(context);
        });
    }

    /// <summary>The job lifecycle saga on its EF Core repository, and the request client the API uses to reach it.</summary>
    public static IBusRegistrationConfigurator AddJobLifecycle(this IBusRegistrationConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);

        configurator.AddSagaStateMachine<Lifecycle.JobStateMachine, JobState, JobStateDefinition>()
            .Repository(r => r.AddJobStateRepository());
        configurator.AddConsumer<JobAdmissionConsumer, JobAdmissionDefinition>();
        configurator.AddConsumer<RunReportConsumer, RunReportDefinition>();
        configurator.AddConsumer<JobDueConsumer, JobDueDefinition>();
        configurator.AddConsumer<JobBackfillConsumer, JobBackfillDefinition>();
        configurator.AddConsumer<JobBatchAdmissionConsumer, JobBatchAdmissionDefinition>();
        configurator.AddRequestClient<ScheduleJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<ScheduleJobs>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<CancelJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<PauseJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<ResumeJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<DisableJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<EnableJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<TriggerJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<ReplayRun>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<CancelRun>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<UpdateJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<DeleteJob>(RequestTimeout.After(s: 30));
        configurator.AddRequestClient<BackfillJob>(RequestTimeout.After(s: 60));
        return configurator;
    }
}
