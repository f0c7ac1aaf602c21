using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Health;

/// <summary>
/// Ready while this instance's dispatcher keeps up: its lag behind the oldest due row that is not paused (none while
/// the scheduler is paused) and the time since it last completed a round are both under
/// <see cref="DispatcherOptions.DegradedAfter"/>; Unhealthy past <see cref="DispatcherOptions.UnhealthyAfter"/>, so that
/// an orchestrator replaces a stalled instance. The lag counts from when this dispatcher could first have sent the row
/// (its start, or the scheduler's resume), so a backlog inherited at start or after a pause is not held against it.
/// One read of the due table's partial index on <c>due_at</c>, and one of the one-row switch table.
/// </summary>
internal sealed class DispatcherHealthCheck(SchedulerDbContext db, DispatcherPulse pulse, TimeProvider clock, IOptions<DispatcherOptions> options)
    : IHealthCheck
{
    static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    readonly DispatcherOptions _options = options.Value;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
            return HealthCheckResult.Healthy("The dispatcher is disabled on this instance.");

        var now = clock.GetUtcNow();
        var startedAt = pulse.StartedAt ?? now;
        var sinceRound = now - (pulse.LastRoundAt ?? startedAt);
        var data = new Dictionary<string, object>
        {
            ["sinceLastRoundSeconds"] = Seconds(sinceRound),
            ["degradedAfterSeconds"] = Seconds(_options.DegradedAfter),
            ["unhealthyAfterSeconds"] = Seconds(_options.UnhealthyAfter),
        };
        if (pulse.LastRoundAt is { } lastRound)
            data["lastRoundAt"] = Instant(lastRound);

        TimeSpan lag;
        string lagText;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(QueryTimeout);
            (lag, lagText) = await LagAsync(now, startedAt, data, timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The database check reports the database; here the rounds alone tell whether the dispatcher moves.
            lag = TimeSpan.Zero;
            lagText = $"its lag is unknown (the due table could not be read: {exception.GetType().Name})";
        }

        var worst = lag > sinceRound ? lag : sinceRound;
        var status = worst >= _options.UnhealthyAfter ? HealthStatus.Unhealthy
            : worst >= _options.DegradedAfter ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"The dispatcher last completed a round {Seconds(sinceRound)} s ago; {lagText}.");
        return new HealthCheckResult(status, description, data: data);
    }

    async Task<(TimeSpan Lag, string Text)> LagAsync(DateTimeOffset now, DateTimeOffset startedAt, Dictionary<string, object> data,
        CancellationToken cancellationToken)
    {
        var reading = await DispatcherLag.ReadAsync(db, now, startedAt, cancellationToken);
        if (reading.OldestDueAt is not { } oldestDue)
        {
            data["lagSeconds"] = 0.0;
            return (TimeSpan.Zero, "nothing is overdue");
        }

        data["oldestDueAt"] = Instant(oldestDue);
        data["overdueSeconds"] = Seconds(now - oldestDue);
        data["schedulerPaused"] = reading.SchedulerPaused;
        data["lagSeconds"] = Seconds(reading.Lag);
        if (reading.SchedulerPaused)
            return (TimeSpan.Zero, "the scheduler is paused");

        return (reading.Lag, string.Create(CultureInfo.InvariantCulture,
            $"it is {Seconds(reading.Lag)} s behind the oldest due row (due at {Instant(oldestDue)})"));
    }

    static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 1);

    static string Instant(DateTimeOffset instant) => DueHeaders.Format(instant);
}
