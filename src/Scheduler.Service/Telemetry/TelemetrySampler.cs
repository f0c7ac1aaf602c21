using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scheduler.Service.DeadLetters;
using Scheduler.Service.Handlers;
using Scheduler.Service.History;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Telemetry;

/// <summary>
/// Reads, every <see cref="TelemetryOptions.SampleInterval"/>, the figures that need a query — due backlog, dispatcher
/// lag, dead-letter queues, handler hosts online, runs waiting by handler — and hands them to <see cref="SchedulerMetrics"/>
/// and to <see cref="AlertRaiser"/>. A sample that fails is logged and tried again at the next interval.
/// </summary>
public sealed partial class TelemetrySampler(
    IServiceScopeFactory scopes,
    SchedulerMetrics metrics,
    AlertRaiser alerts,
    IDeadLetterStore deadLetters,
    DispatcherPulse pulse,
    TimeProvider clock,
    IOptions<TelemetryOptions> options,
    ILogger<TelemetrySampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SampleInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sample = await SampleAsync(stoppingToken);
                metrics.Record(sample);
                await alerts.RaiseAsync(sample, clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogSampleFailed(logger, exception);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task<TelemetrySample> SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var now = clock.GetUtcNow();
        var backlog = await db.DueMessages.AsNoTracking().LongCountAsync(m => !m.Paused && m.DueAt <= now, cancellationToken);
        var lag = await DispatcherLag.ReadAsync(db, now, pulse.StartedAt ?? now, cancellationToken);
        var hosts = await scope.ServiceProvider.GetRequiredService<HandlerPresence>().HostsAsync(cancellationToken);
        var online = hosts.GroupBy(h => h.Host.Handler, StringComparer.Ordinal)
            .Select(g => TelemetrySample.ForHandler(g.Key, g.Count(h => h.Online)))
            .ToList();

        IReadOnlyList<Measurement<long>> errorQueues;
        try
        {
            var counts = await deadLetters.CountAsync(cancellationToken);
            errorQueues = counts.Queues.Select(q => TelemetrySample.ForQueue(q.Queue, q.Messages)).ToList();
        }
        catch (DeadLettersUnavailableException)
        {
            // The broker's management API did not answer: keep the last count rather than report none.
            errorQueues = metrics.Sample.ErrorQueues;
        }

        var waiting = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Pending && (r.DueAt == null || r.DueAt <= now))
            .Join(db.Jobs.AsNoTracking(), r => r.JobId, j => j.CorrelationId, (r, j) => j.Handler)
            .GroupBy(handler => handler)
            .Select(g => new { Handler = g.Key, Runs = g.LongCount() })
            .ToDictionaryAsync(g => g.Handler, g => g.Runs, StringComparer.Ordinal, cancellationToken);

        return new TelemetrySample(backlog, lag.Lag, errorQueues, online)
        {
            WaitingRuns = waiting,
            OnlineHandlers = hosts.Where(h => h.Online).Select(h => h.Host.Handler).ToHashSet(StringComparer.Ordinal),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A telemetry sample failed; the gauges keep the previous one")]
    static partial void LogSampleFailed(ILogger logger, Exception exception);
}
