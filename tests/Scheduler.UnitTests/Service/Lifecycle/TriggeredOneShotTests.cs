using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// A one-shot for later that is triggered now runs twice: the triggered run, and its own occurrence at its instant
/// (issue 14: under misfire <c>skip</c> the job used to complete with the triggered run and ignore its due message).
/// </summary>
public sealed class TriggeredOneShotTests
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_triggered_one_shot_with_misfire_skip_still_runs_its_scheduled_occurrence()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        var command = new ScheduleJob
        {
            JobId = Guid.NewGuid(), Name = "send reminders", Handler = "noop", Schedule = new JobSchedule { Delay = TimeSpan.FromSeconds(2) },
            Misfire = new MisfirePolicy { Policy = MisfireAction.Skip },

            // Should the instant come before the triggered run has ended (a slow machine), its occurrence waits for it
            // rather than being skipped by the default overlap policy.
            Concurrency = new ConcurrencyPolicy { Overlap = OverlapMode.Queue },
        };
        await lifecycle.Harness.Bus.Publish(command);
        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Scheduled)).HasValue);
        var instant = (await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == command.JobId))).NextRunAt;

        await lifecycle.Harness.Bus.Publish(new TriggerJob { JobId = command.JobId, Reason = "now, too" });
        var triggered = await JobLifecycleHarness.UntilAsync("the triggered run is sent", () => Sent(lifecycle, command.JobId, _ => true), deadline.Token);
        await lifecycle.Harness.Bus.Publish(new JobRunSucceeded
        {
            JobId = command.JobId, RunId = triggered.RunId, Attempt = 1, StartedAt = triggered.ScheduledFor,
            CompletedAt = triggered.ScheduledFor.AddMilliseconds(5), DurationMs = 5,
        });

        // The triggered run has ended, and the job is not finished: its own occurrence is still to come (or, late, out).
        var ended = await JobLifecycleHarness.UntilAsync("the triggered run's success is recorded",
            () => lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == command.JobId && j.RunCount == 1)),
            deadline.Token);
        Assert.NotEqual((int)JobStatus.Completed, ended.CurrentState);

        var scheduled = await JobLifecycleHarness.UntilAsync("the one-shot's scheduled occurrence is sent to its handler",
            () => Sent(lifecycle, command.JobId, m => m.RunId != triggered.RunId), deadline.Token);
        Assert.Equal(instant, scheduled.ScheduledFor);
    }

    static Task<ExecuteJob?> Sent(JobLifecycleHarness lifecycle, Guid jobId, Func<ExecuteJob, bool> matching) =>
        Task.FromResult(lifecycle.Harness.Consumed.Select<ExecuteJob>(x => x.Context.Message.JobId == jobId && matching(x.Context.Message))
            .Select(x => x.Context.Message).FirstOrDefault());
}
