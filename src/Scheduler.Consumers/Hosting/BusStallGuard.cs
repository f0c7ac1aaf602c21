using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Stops the process when its bus has stalled for good, so that its orchestrator starts it afresh (exit code
/// <see cref="StallGuardOptions.ExitCode"/>, through <see cref="BusStallReport"/>). Seen with RabbitMQ.Client 7.2.2 after a broker restart: the client's
/// reader loop waits for ever in a shutdown handler, so MassTransit is never told that the connection closed — it
/// neither reconnects the receive endpoints nor replaces the send channel, and no token or deadline of ours can
/// release the client. Nothing is lost by stopping: unacknowledged messages return to their queues and due rows stay
/// due. The guard looks at the broker every <see cref="StallGuardOptions.ProbeInterval"/> on a connection of its own,
/// compares the consumers it finds with the endpoints MassTransit holds ready (<see cref="ReceiveEndpointReadiness"/>),
/// and decides with <see cref="BusStallWatch"/>; a stop that itself hangs on the stuck client is cut short.
/// </summary>
public sealed partial class BusStallGuard(
    ConsumerCountProbe probe,
    ReceiveEndpointReadiness endpoints,
    SendStall sends,
    BusStallReport report,
    IReadOnlyList<string> watchedQueues,
    IHostApplicationLifetime lifetime,
    IOptions<StallGuardOptions> options,
    TimeProvider clock,
    ILogger<BusStallGuard> logger) : BackgroundService
{
    /// <summary>
    /// Time the process gets to stop by itself before it is ended. Short, and not the drain time: what is in hand cannot
    /// be acknowledged on a stuck connection anyway, and everything written is safe to cut off (as a SIGKILL is).
    /// </summary>
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || watchedQueues.Count == 0)
            return;

        var watch = new BusStallWatch(settings.UnconsumedAfter, settings.StallAfter);
        using var timer = new PeriodicTimer(settings.ProbeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var sighting = await probe.LookAsync(watchedQueues, stoppingToken);
            if (watch.Observe(clock.GetUtcNow(), sighting, endpoints.IsReady, watchedQueues.All(endpoints.IsReady), sends.FailingSince) is not { } reason)
                continue;

            LogStalled(logger, reason, StallGuardOptions.ExitCode);
            report.Stalled(reason);
            lifetime.StopApplication();
            _ = EndIfStillRunningAsync(StopGrace, lifetime.ApplicationStopped);
            return;
        }
    }

    async Task EndIfStillRunningAsync(TimeSpan grace, CancellationToken stopped)
    {
        try
        {
            await Task.Delay(grace, clock, stopped);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        LogEnded(logger, grace.TotalSeconds);
        ProcessStopDeadline.EndThisProcess();
    }

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "The bus has stalled: {Reason}. Stopping with exit code {ExitCode} so that the process is started afresh; messages in hand return to their queues")]
    static partial void LogStalled(ILogger logger, string reason, int exitCode);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The process did not stop within {Seconds} s of the stall; ending it")]
    static partial void LogEnded(ILogger logger, double seconds);
}
