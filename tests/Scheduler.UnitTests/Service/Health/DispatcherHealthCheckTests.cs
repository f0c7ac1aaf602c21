using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Service.Health;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.UnitTests.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Health;

public sealed class DispatcherHealthCheckTests : IAsyncLifetime
{
    static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    readonly FakeTimeProvider _clock = new(Start);
    readonly DispatcherPulse _pulse = new();
    DueTableDatabase _database = null!;

    public async Task InitializeAsync() => _database = await DueTableDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(10, HealthStatus.Healthy)]
    [InlineData(31, HealthStatus.Degraded)]
    [InlineData(121, HealthStatus.Unhealthy)]
    public async Task Grades_the_time_since_the_last_completed_round(int secondsSinceRound, HealthStatus expected)
    {
        _pulse.Started(Start);
        _pulse.RoundCompleted(Start);
        _clock.Advance(TimeSpan.FromSeconds(secondsSinceRound));

        var result = await CheckAsync();

        Assert.Equal(expected, result.Status);
        Assert.Equal((double)secondsSinceRound, result.Data["sinceLastRoundSeconds"]);
    }

    [Fact]
    public async Task Is_unhealthy_when_rounds_complete_yet_the_oldest_due_row_stays_overdue_past_the_threshold()
    {
        _pulse.Started(Start);
        _clock.Advance(TimeSpan.FromSeconds(200));
        _pulse.RoundCompleted(_clock.GetUtcNow());
        await _database.AddDueAsync(Start.AddSeconds(50));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(150.0, result.Data["lagSeconds"]);
        Assert.Contains("150 s behind the oldest due row", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_hold_a_backlog_from_before_its_start_against_a_dispatcher_that_has_just_started()
    {
        await _database.AddDueAsync(Start.AddMinutes(-10));
        _pulse.Started(Start);
        _clock.Advance(TimeSpan.FromSeconds(5));
        _pulse.RoundCompleted(_clock.GetUtcNow());

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(5.0, result.Data["lagSeconds"]);
        Assert.Equal(605.0, result.Data["overdueSeconds"]);
    }

    [Fact]
    public async Task Counts_no_lag_while_the_scheduler_is_paused_or_for_paused_rows()
    {
        _pulse.Started(Start);
        await _database.AddDueAsync(Start.AddSeconds(1), paused: true);
        _clock.Advance(TimeSpan.FromMinutes(10));
        _pulse.RoundCompleted(_clock.GetUtcNow());
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);

        await _database.AddDueAsync(Start.AddSeconds(1));
        await _database.PauseSchedulerAsync(Start);

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(true, result.Data["schedulerPaused"]);
        Assert.Equal(0.0, result.Data["lagSeconds"]);
    }

    [Fact]
    public async Task Is_healthy_on_an_instance_whose_dispatcher_is_disabled()
    {
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await CheckAsync(new DispatcherOptions { Enabled = false });

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    async Task<HealthCheckResult> CheckAsync(DispatcherOptions? options = null)
    {
        await using var db = _database.Open();
        var check = new DispatcherHealthCheck(db, _pulse, _clock, Options.Create(options ?? new DispatcherOptions()));
        return await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("dispatcher", check, null, null) });
    }
}
