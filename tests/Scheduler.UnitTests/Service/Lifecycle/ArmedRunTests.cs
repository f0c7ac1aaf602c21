using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class ArmedRunTests
{
    static ScheduleJob Later(TimeSpan ahead)
    {
        // Whole milliseconds: what every store keeps of an instant.
        var at = DateTimeOffset.UtcNow + ahead;
        at = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMillisecond));
        return new() { JobId = Guid.NewGuid(), Name = "send reminders", Handler = "noop", Schedule = new JobSchedule { At = at } };
    }

    [Fact]
    public async Task A_one_shot_for_later_waits_as_its_run_and_goes_to_the_handler_from_the_due_table()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Later(TimeSpan.FromSeconds(1));

        await lifecycle.Harness.Bus.Publish(command);

        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Scheduled)).HasValue);
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == command.JobId));
        Assert.NotNull(job.ArmedRunId);
        var due = await lifecycle.QueryAsync(db => db.DueMessages.AsNoTracking().SingleAsync(d => d.Id == job.DueTokenId));
        Assert.Contains(nameof(ExecuteJob), due.MessageType, StringComparison.Ordinal);
        Assert.Equal(command.Schedule!.At, due.DueAt);
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == command.JobId)));

        // Waits for the due instant under a deadline of its own: the harness's inactivity timeout is barely past it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.True(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.RunId == job.ArmedRunId, deadline.Token));
        var sent = lifecycle.Harness.Consumed.Select<ExecuteJob>(x => x.Context.Message.RunId == job.ArmedRunId).Single().Context.Message;
        Assert.Equal(command.Schedule.At, sent.ScheduledFor);
        Assert.Equal(1, sent.Attempt);
    }

    [Fact]
    public async Task The_consumers_report_opens_the_armed_runs_record_and_completes_the_job()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Later(TimeSpan.FromHours(1));
        await lifecycle.Harness.Bus.Publish(command);
        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Scheduled)).HasValue);
        var armed = (await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == command.JobId))).ArmedRunId!.Value;

        var startedAt = DateTimeOffset.UtcNow;
        await lifecycle.Harness.Bus.Publish(new JobRunSucceeded
        {
            JobId = command.JobId, RunId = armed, Attempt = 1, StartedAt = startedAt, CompletedAt = startedAt.AddMilliseconds(5), DurationMs = 5,
        });

        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Completed)).HasValue);
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == command.JobId));
        Assert.Null(job.ArmedRunId);
        Assert.Null(job.NextRunAt);
        Assert.Equal(1, job.RunCount);
        var run = await lifecycle.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.JobId == command.JobId));
        Assert.Equal(armed, run.Id);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(command.Schedule!.At, run.ScheduledFor);
        var events = await lifecycle.QueryAsync(db => db.Audit.AsNoTracking().Where(a => a.JobId == command.JobId).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync());
        Assert.Equal(["scheduled", "runStarted", "runSucceeded"], events);
    }

    [Fact]
    public async Task Cancelling_before_the_instant_takes_the_armed_run_back()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Later(TimeSpan.FromHours(1));
        await lifecycle.Harness.Bus.Publish(command);
        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Scheduled)).HasValue);

        await lifecycle.Harness.Bus.Publish(new CancelJob { JobId = command.JobId });

        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Cancelled)).HasValue);
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == command.JobId));
        Assert.Null(job.ArmedRunId);
        Assert.Null(job.DueTokenId);
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.DueMessages.CountAsync()));
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == command.JobId)));
    }
}
