using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Consumers.Announcements;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers.Hosting;

/// <summary>Turns a .NET host into a consumer of the scheduler's runs with one call.</summary>
public static class JobHandlerHostExtensions
{
    /// <summary>The connection string that names the broker, as an AMQP URI.</summary>
    public const string RabbitMqConnectionStringName = "rabbitmq";

    /// <summary>The connection string of the database where the host remembers finished runs (optional).</summary>
    public const string OutcomeLogConnectionStringName = "postgres";

    /// <summary>
    /// Serves the handlers <paramref name="handlers"/> registers (<c>AddJobHandler&lt;T&gt;("name")</c>,
    /// <c>AddBuiltInJobHandlers()</c>) from RabbitMQ (<c>ConnectionStrings:rabbitmq</c>): one queue per handler, the
    /// scheduler's JSON, announcements with a heartbeat, a drain of runs in flight on shutdown
    /// (<c>Scheduler:Consumer:DrainTime</c>), and, with <c>ConnectionStrings:postgres</c>, no handler run twice for one run.
    /// </summary>
    /// <exception cref="InvalidOperationException">The broker's connection string is missing or not an AMQP URI.</exception>
    public static IServiceCollection AddJobHandlers(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator> handlers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(handlers);

        if (!RabbitMqConnection.TryParse(configuration.GetConnectionString(RabbitMqConnectionStringName), out var broker, out var error))
            throw new InvalidOperationException(
                $"{error} Set ConnectionStrings:{RabbitMqConnectionStringName} (environment variable ConnectionStrings__{RabbitMqConnectionStringName}).");

        if (configuration.GetConnectionString(OutcomeLogConnectionStringName) is { Length: > 0 } outcomeLog)
            services.AddPostgresRunOutcomeLog(outcomeLog);

        var host = configuration.GetSection(ConsumerHostOptions.SectionName).Get<ConsumerHostOptions>() ?? new ConsumerHostOptions();
        if (host.DrainTime < TimeSpan.Zero || host.HeartbeatInterval <= TimeSpan.Zero || host.PublishTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException(
                $"{ConsumerHostOptions.SectionName} needs a positive HeartbeatInterval and PublishTimeout and a DrainTime that is not negative.");

        services.AddOptions<ConsumerHostOptions>().BindConfiguration(ConsumerHostOptions.SectionName);

        // Runs in flight get the drain time to finish; then their tokens fire and their messages return to the queue.
        services.AddDrainTime(host.DrainTime);
        services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);

        services.AddMassTransit(bus =>
        {
            // Consumer hosts run in places with no way out to the internet, and should not try: no usage reports.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            handlers(bus);
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker);
                cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                cfg.ConfigureJobHandlerEndpoints(context);
            });
        });

        // After MassTransit's hosted service: it announces once the bus is up, and says goodbye before the bus stops.
        services.AddHostedService<HandlerAnnouncer>();
        services.AddBusStallGuard(broker, provider => [.. provider.GetServices<JobHandlerRegistration>().Select(r => r.QueueName)]);
        return services;
    }
}
