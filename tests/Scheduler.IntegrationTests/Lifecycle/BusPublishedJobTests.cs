using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Lifecycle;

[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class BusPublishedJobTests(SchedulerDeployment deployment)
{
    [Fact]
    public async Task Two_hundred_jobs_published_on_the_bus_all_complete_with_one_succeeded_run_and_an_ordered_audit_trail()
    {
        var jobIds = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(jobIds.Select((id, i) => deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = id,
            Name = $"bus job {i}",
            Handler = "noop",
        })));

        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => jobIds.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == jobIds.Count,
            "all 200 jobs to complete");

        var runs = await db.Runs.AsNoTracking().Where(r => jobIds.Contains(r.JobId)).ToListAsync();
        var audit = await db.Audit.AsNoTracking().Where(a => jobIds.Contains(a.JobId)).OrderBy(a => a.Id).ToListAsync();

        foreach (var jobId in jobIds)
        {
            var run = Assert.Single(runs, r => r.JobId == jobId);
            Assert.Equal(RunStatus.Succeeded, run.Status);
            Assert.NotNull(run.StartedAt);
            Assert.NotNull(run.CompletedAt);
            Assert.NotNull(run.DurationMs);

            var trail = audit.Where(a => a.JobId == jobId).ToList();
            Assert.Equal(["scheduled", "runStarted", "runSucceeded"], trail.Select(a => a.Event));
            Assert.Equal([null, "scheduled", "running"], trail.Select(a => a.FromStatus));
            Assert.Equal(["scheduled", "running", "completed"], trail.Select(a => a.ToStatus));
            Assert.True(trail.Zip(trail.Skip(1)).All(pair => pair.First.At <= pair.Second.At), "audit entries are in time order");
        }
    }

    [Fact]
    public async Task A_handler_that_always_fails_is_tried_three_times_and_its_last_run_kept_as_a_dead_letter()
    {
        var jobId = Guid.NewGuid();
        var payload = System.Text.Json.JsonDocument.Parse("""{"message": "boom: the disk is full"}""").RootElement.Clone();

        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId, Name = "always fails", Handler = "fail", Payload = payload,
            Retry = new RetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(200) },
        });

        await using var db = deployment.OpenDatabase();
        var job = await Eventually.Until(
            () => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId),
            j => j?.CurrentState == (int)JobStatus.Faulted,
            "the job to fault");

        var runs = await db.Runs.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.Attempt).ToListAsync();
        Assert.Equal([1, 2, 3], runs.Select(r => r.Attempt));
        Assert.Equal([RunStatus.Failed, RunStatus.Failed, RunStatus.Faulted], runs.Select(r => r.Status));
        Assert.All(runs, run => Assert.Equal("boom: the disk is full", run.ErrorMessage));
        Assert.All(runs, run => Assert.Equal(ErrorCategory.Transient, run.ErrorCategory));
        Assert.Equal(3, job!.FailureCount);

        var trail = await db.Audit.AsNoTracking().Where(a => a.JobId == jobId).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync();
        Assert.Equal(["scheduled", "runStarted", "runFailed", "retryScheduled", "runStarted", "runFailed", "retryScheduled", "runStarted", "runFaulted"], trail);
    }

    [Fact]
    public async Task A_job_for_an_unknown_handler_is_rejected_with_an_event_and_nothing_is_stored()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob { JobId = jobId, Name = "nobody runs this", Handler = "no-such-handler" });

        var rejection = await Eventually.Until(
            () => Task.FromResult(deployment.Rejections.GetValueOrDefault(jobId)),
            r => r is not null,
            "the rejection event");
        Assert.Contains(rejection!.Errors, e => e.Field == "handler");

        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == jobId));
        Assert.False(await db.Audit.AnyAsync(a => a.JobId == jobId));
    }
}
