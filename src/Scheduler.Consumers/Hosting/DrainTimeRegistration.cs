using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Scheduler.Consumers.Hosting;

/// <summary>How a scheduler process stops: the same bound for the service and every consumer host.</summary>
public static class DrainTimeRegistration
{
    /// <summary>How long past the drain time the bus may take to close.</summary>
    public static readonly TimeSpan BusStopMargin = TimeSpan.FromSeconds(3);

    /// <summary>How long past the drain time the host may take to stop, bus included.</summary>
    public static readonly TimeSpan HostStopMargin = TimeSpan.FromSeconds(4);

    /// <summary>How long past the host's shutdown timeout <see cref="ProcessStopDeadline"/> lets the process run.</summary>
    public static readonly TimeSpan ProcessExitMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Messages in hand get <paramref name="drainTime"/> to finish, then their tokens fire and they go back to their
    /// queues; the bus gets 3 s more to close and the host 4 s more in all. The entry points add
    /// <see cref="ProcessStopDeadline"/> one second after that, so the process exits within drain time + 5 s.
    /// </summary>
    public static IServiceCollection AddDrainTime(this IServiceCollection services, TimeSpan drainTime)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(drainTime, TimeSpan.Zero);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = drainTime + HostStopMargin);
        services.Configure<MassTransitHostOptions>(options =>
        {
            options.ConsumerStopTimeout = drainTime;
            options.StopTimeout = drainTime + BusStopMargin;
        });
        return services;
    }
}
