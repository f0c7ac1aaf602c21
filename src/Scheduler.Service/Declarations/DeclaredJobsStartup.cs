using MassTransit;

namespace Scheduler.Service.Declarations;

/// <summary>
/// Applies the declared jobs once the service has started (the bus must be up to answer). A broker or database still
/// coming up is waited for, a few times; what was not applied then is applied by <c>POST /api/init</c>.
/// </summary>
public sealed partial class DeclaredJobsStartup(IServiceScopeFactory scopes, DeclaredJobsReader reader, ILogger<DeclaredJobsStartup> logger)
    : BackgroundService
{
    static readonly TimeSpan[] Waits = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (reader.Read().Count == 0)
            return;

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<DeclaredJobsApplier>().ApplyAsync(stoppingToken);
                LogApplied(logger, report.Created.Count, report.Changed.Count, report.Unchanged.Count, report.Rejected.Count);
                foreach (var (key, errors) in report.Rejected)
                    LogRejected(logger, key, string.Join("; ", errors));
                return;
            }
            catch (Exception e) when (e is RequestTimeoutException || Consumers.Hosting.Outage.IsCauseOf(e))
            {
                if (attempt >= Waits.Length)
                {
                    LogGaveUp(logger, e);
                    return;
                }

                await Task.Delay(Waits[attempt], stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Declared jobs applied: {Created} created, {Changed} changed, {Unchanged} unchanged, {Rejected} rejected")]
    static partial void LogApplied(ILogger logger, int created, int changed, int unchanged, int rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared job {Key} rejected: {Errors}")]
    static partial void LogRejected(ILogger logger, string key, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Declared jobs not applied: the bus or the database did not answer; POST /api/init applies them")]
    static partial void LogGaveUp(ILogger logger, Exception exception);
}
