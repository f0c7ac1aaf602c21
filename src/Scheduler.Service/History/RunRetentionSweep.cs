using Microsoft.Extensions.Options;

namespace Scheduler.Service.History;

/// <summary>The built-in recurring job that applies <see cref="RunRetention"/> every <see cref="RetentionOptions.Interval"/>.</summary>
public sealed partial class RunRetentionSweep(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock,
    ILogger<RunRetentionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<RunRetention>().PruneAsync(stoppingToken);
                if (removed > 0)
                    LogPruned(logger, removed);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next round tries again; history kept a little longer is no harm.
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Count} old run(s)")]
    static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; it runs again at the next interval")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
