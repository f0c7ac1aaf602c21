using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scheduler.Consumers.Hosting;

/// <summary>Wires <see cref="BusStallGuard"/> for a process on RabbitMQ.</summary>
public static class BusStallGuardRegistration
{
    /// <summary>
    /// Watches <paramref name="broker"/> for the queues that <paramref name="watchedQueues"/> names (those this process
    /// consumes and no other kind of process does). Register it after MassTransit's hosted service.
    /// </summary>
    public static IServiceCollection AddBusStallGuard(this IServiceCollection services, RabbitMqConnection broker,
        Func<IServiceProvider, IReadOnlyList<string>> watchedQueues)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(watchedQueues);

        services.AddOptions<StallGuardOptions>().BindConfiguration(StallGuardOptions.SectionName)
            .Validate(o => o.ProbeInterval > TimeSpan.Zero && o.UnconsumedAfter > TimeSpan.Zero && o.StallAfter > TimeSpan.Zero,
                $"{StallGuardOptions.SectionName} needs a positive ProbeInterval, UnconsumedAfter and StallAfter.")
            .ValidateOnStart();
        services.TryAddSingleton<SendStall>();
        services.AddSingleton<BusStallReport>();
        services.AddSingleton<ReceiveEndpointReadiness>();
        services.AddReceiveEndpointObserver(provider => provider.GetRequiredService<ReceiveEndpointReadiness>());
        services.AddSingleton(provider => new ConsumerCountProbe(broker, provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<ConsumerCountProbe>>()));
        services.AddHostedService(provider => new BusStallGuard(
            provider.GetRequiredService<ConsumerCountProbe>(),
            provider.GetRequiredService<ReceiveEndpointReadiness>(),
            provider.GetRequiredService<SendStall>(),
            provider.GetRequiredService<BusStallReport>(),
            watchedQueues(provider),
            provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<IOptions<StallGuardOptions>>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<BusStallGuard>>()));
        return services;
    }
}
