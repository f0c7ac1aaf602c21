using Scheduler.Consumers.Hosting;
using Scheduler.Service.DeadLetters;
using Scheduler.Service.Health;

namespace Scheduler.Service.Hosting;

/// <summary>Wires the counting and moving back of the transport's dead letters, and their readiness check.</summary>
public static class DeadLetterRegistration
{
    public static IServiceCollection AddDeadLetters(this IServiceCollection services, DeploymentMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        services.AddSingleton<DeadLetterQueues>();
        if (mode.UsesRabbitMq)
            services.AddSingleton<IDeadLetterStore>(provider => new RabbitMqDeadLetters(RabbitMqConnection.Parse(mode.RabbitMqConnectionString!),
                provider.GetRequiredService<DeadLetterQueues>(), provider.GetRequiredService<ILogger<RabbitMqDeadLetters>>()));
        else
            services.AddSingleton<IDeadLetterStore, InMemoryDeadLetters>();

        services.AddHealthChecks().AddCheck<DeadLettersHealthCheck>("deadLetters", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
