using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Xunit.Abstractions;

namespace Scheduler.IntegrationTests.Scheduling;

/// <summary>Scheduler service instances stopping, starting and sharing the due table, each test on a deployment of its own.</summary>
public sealed class InstanceFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Jobs_that_come_due_while_the_service_is_down_each_run_once_after_it_restarts()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var first = await deployment.StartInstanceAsync();
        var due = DateTimeOffset.UtcNow.AddSeconds(10);
        var jobIds = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(jobIds.Select((id, i) => deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = id,
            Name = $"due while down {i}",
            Handler = "noop",
            Schedule = new JobSchedule { At = due },
        })));
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.DueMessages.CountAsync(), stored => stored == jobIds.Count, "all 300 due messages to be stored");
        Assert.True(DateTimeOffset.UtcNow < due, "the jobs were stored before they were due");

        await deployment.StopInstanceAsync(first);
        await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > due.AddSeconds(2), "the due instant to pass while down");
        Assert.Equal(0, await db.Runs.CountAsync());

        await deployment.StartInstanceAsync();

        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => j.CurrentState == (int)JobStatus.Completed),
            completed => completed == jobIds.Count, "all 300 jobs to complete after the restart");
        var runs = await db.Runs.AsNoTracking().ToListAsync();
        Assert.Equal(jobIds.Count, runs.Count);
        Assert.Equal(jobIds.Count, runs.Select(r => r.JobId).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(due.UtcTicks / 10, r.ScheduledFor.UtcTicks / 10));
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        output.WriteLine($"after the restart: {Lateness.Of(runs, due)}");
    }

    [Fact]
    public async Task Two_instances_share_the_due_table_and_each_occurrence_runs_once_when_one_stops_midway()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var first = await deployment.StartInstanceAsync();
        await deployment.StartInstanceAsync();

        var recurringId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = recurringId,
            Name = "every second, on whichever instance",
            Handler = "noop",
            Schedule = new JobSchedule { Every = TimeSpan.FromSeconds(1) },
        });

        // One-shot jobs due over the next 20 s, so the stop below falls in the middle of them.
        var start = DateTimeOffset.UtcNow.AddSeconds(15);
        var jobIds = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(jobIds.Select((id, i) => deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = id,
            Name = $"shared {i}",
            Handler = "noop",
            Schedule = new JobSchedule { At = start.AddMilliseconds(i * 20) },
        })));

        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Runs.AsNoTracking().CountAsync(r => jobIds.Contains(r.JobId) && r.Status == RunStatus.Succeeded),
            done => done >= 300, "a third of the one-shot jobs to run", TimeSpan.FromSeconds(90));
        await deployment.StopInstanceAsync(first);
        var stoppedAt = DateTimeOffset.UtcNow;

        try
        {
            await Eventually.Until(
                () => db.Jobs.AsNoTracking().CountAsync(j => jobIds.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
                completed => completed == jobIds.Count, "every one-shot job to complete on the remaining instance", TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            foreach (var stuck in await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.CorrelationId) && j.CurrentState != (int)JobStatus.Completed).ToListAsync())
            {
                var runs = await db.Runs.AsNoTracking().Where(r => r.JobId == stuck.CorrelationId).Select(r => r.Status).ToListAsync();
                var dueRows = await db.DueMessages.CountAsync(m => m.Body.Contains(stuck.CorrelationId.ToString()));
                output.WriteLine($"stuck {stuck.CorrelationId}: state {stuck.CurrentState}, token {stuck.DueTokenId}, last occurrence {stuck.LastOccurrenceAt:O}, " +
                                 $"runs [{string.Join(",", runs)}], due rows {dueRows}");
            }

            throw;
        }
        await Eventually.Until(
            () => db.Runs.AsNoTracking().CountAsync(r => r.JobId == recurringId && r.ScheduledFor > stoppedAt.AddSeconds(3)),
            after => after >= 3, "the recurring job to go on after the stop");

        var oneShotRuns = await db.Runs.AsNoTracking().Where(r => jobIds.Contains(r.JobId)).ToListAsync();
        Assert.Equal(jobIds.Count, oneShotRuns.Count);
        Assert.Equal(jobIds.Count, oneShotRuns.Select(r => r.JobId).Distinct().Count());

        var recurringRuns = await db.Runs.AsNoTracking().Where(r => r.JobId == recurringId).OrderBy(r => r.ScheduledFor).ToListAsync();
        Assert.Equal(recurringRuns.Count, recurringRuns.Select(r => r.ScheduledFor).Distinct().Count());
        Assert.All(recurringRuns.Zip(recurringRuns.Skip(1)), pair =>
            Assert.Equal(0, (pair.Second.ScheduledFor - pair.First.ScheduledFor).Ticks % TimeSpan.TicksPerSecond));
        output.WriteLine($"one-shot: {Lateness.Of(oneShotRuns, start.AddSeconds(20))}; recurring: {recurringRuns.Count} runs, none twice");
    }
}
