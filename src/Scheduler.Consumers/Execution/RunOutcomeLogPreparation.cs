using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// Makes the outcome log ready (its table, a first pooled connection) while the host starts, instead of on the first
/// run: every run looks the log up before its handler starts, so the runs arriving first would all wait behind that
/// one-time work. A log that cannot be reached now is made ready by the first run, as before.
/// </summary>
internal sealed partial class RunOutcomeLogPreparation(IRunOutcomeLog outcomes, ILogger<RunOutcomeLogPreparation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outcomes is not PostgresRunOutcomeLog log)
            return;

        try
        {
            await log.PrepareAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogNotPrepared(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run outcome log could not be made ready at start; the first run tries again")]
    static partial void LogNotPrepared(ILogger logger, Exception exception);
}
