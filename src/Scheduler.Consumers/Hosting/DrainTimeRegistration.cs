using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Scheduler.Consumers.Hosting;

/// <summary>How a scheduler process stops: the same bound for the service and every consumer host.</summary>
public static class DrainTimeRegistration
{
    /// <summary>
    /// Messages in hand get <paramref name="drainTime"/> to finish, then their tokens fire and they go back to their
    /// queues; the bus gets 5 s more to close and the host 10 s more in all, so the process exits within drain time + 10 s.
    /// </summary>
    public static IServiceCollection AddDrainTime(this IServiceCollection services, TimeSpan drainTime)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(drainTime, TimeSpan.Zero);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = drainTime + TimeSpan.FromSeconds(10));
        services.Configure<MassTransitHostOptions>(options =>
        {
            options.ConsumerStopTimeout = drainTime;
            options.StopTimeout = drainTime + TimeSpan.FromSeconds(5);
        });
        return services;
    }
}
