using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Lifecycle;

/// <summary>Retries, timeouts, overlap, misfires, dead letters and idempotency on real RabbitMQ and PostgreSQL.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class RunPolicyTests(SchedulerDeployment deployment)
{
    static JsonElement Payload(string json) => JsonDocument.Parse(json).RootElement.Clone();

    async Task<JobState> JobAsync(Guid jobId, JobStatus status)
    {
        await using var db = deployment.OpenDatabase();
        return (await Eventually.Until(
            () => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId),
            j => j?.CurrentState == (int)status,
            $"job {jobId} to be {status}"))!;
    }

    async Task<List<JobRun>> RunsAsync(Guid jobId)
    {
        await using var db = deployment.OpenDatabase();
        return await db.Runs.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Attempt).ToListAsync();
    }

    async Task<List<string>> TrailAsync(Guid jobId)
    {
        await using var db = deployment.OpenDatabase();
        return await db.Audit.AsNoTracking().Where(a => a.JobId == jobId).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync();
    }

    [Fact]
    public async Task A_handler_failing_twice_then_succeeding_gets_three_attempts_spaced_by_the_exponential_backoff()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId, Name = "flaky export", Handler = "fail", Payload = Payload("""{"message": "flaky", "times": 2}"""),
            Retry = new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(1), Backoff = BackoffKind.Exponential },
        });

        var job = await JobAsync(jobId, JobStatus.Completed);

        var runs = await RunsAsync(jobId);
        Assert.Equal([1, 2, 3], runs.Select(r => r.Attempt));
        Assert.Equal([RunStatus.Failed, RunStatus.Failed, RunStatus.Succeeded], runs.Select(r => r.Status));
        Assert.Single(runs.Select(r => r.ScheduledFor).Distinct());

        // Each retry is due its backoff after the failure before it: 1 s, then 2 s — a ratio of 2.
        var first = runs[1].DueAt!.Value - runs[0].CompletedAt!.Value;
        var second = runs[2].DueAt!.Value - runs[1].CompletedAt!.Value;
        Assert.Equal(TimeSpan.FromSeconds(1), first);
        Assert.Equal(TimeSpan.FromSeconds(2), second);
        Assert.Equal(2.0, second / first);
        Assert.All(runs.Skip(1), retry => Assert.True(retry.StartedAt >= retry.DueAt, $"attempt {retry.Attempt} started before its backoff was over"));

        Assert.Equal(3, job.RunCount);
        Assert.Equal(2, job.FailureCount);
        Assert.Equal(["scheduled", "runStarted", "runFailed", "retryScheduled", "runStarted", "runFailed", "retryScheduled", "runStarted", "runSucceeded"],
            await TrailAsync(jobId));
    }

    [Fact]
    public async Task A_permanent_error_is_not_retried_and_the_run_becomes_a_dead_letter()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId, Name = "bad input", Handler = "fail", Payload = Payload("""{"message": "no such customer", "permanent": true}"""),
            Retry = new RetryPolicy { MaxAttempts = 5, InitialDelay = TimeSpan.FromMilliseconds(100) },
        });

        await JobAsync(jobId, JobStatus.Faulted);

        var run = Assert.Single(await RunsAsync(jobId));
        Assert.Equal(RunStatus.Faulted, run.Status);
        Assert.Equal(ErrorCategory.Permanent, run.ErrorCategory);
        var fault = await Eventually.Until(() => Task.FromResult(deployment.Faults.GetValueOrDefault(run.Id)), f => f is not null, "the JobRunFaulted event");
        Assert.Equal(new RunError(ErrorCategory.Permanent, "no such customer"), fault!.Error);
        Assert.Equal(["scheduled", "runStarted", "runFaulted"], await TrailAsync(jobId));
    }

    [Fact]
    public async Task A_run_that_exceeds_its_timeout_ends_timed_out()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId, Name = "slow report", Handler = "sleep", Payload = Payload("""{"duration": "PT30S"}"""), Timeout = TimeSpan.FromSeconds(1),
            Retry = new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(100) },
        });

        await JobAsync(jobId, JobStatus.Faulted);

        var runs = await RunsAsync(jobId);
        Assert.Equal([RunStatus.TimedOut, RunStatus.Faulted], runs.Select(r => r.Status));
        Assert.All(runs, run => Assert.Equal(ErrorCategory.Timeout, run.ErrorCategory));
        Assert.All(runs, run => Assert.True(run.DurationMs < 30_000, "the handler ran to its end instead of being cancelled"));
        Assert.Equal(["scheduled", "runStarted", "runTimedOut", "retryScheduled", "runStarted", "runFaulted"], await TrailAsync(jobId));
    }

    [Fact]
    public async Task With_one_instance_and_overlap_skip_occurrences_that_come_while_it_runs_are_recorded_skipped()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId, Name = "every second, takes longer", Handler = "sleep", Payload = Payload("""{"duration": "PT2.5S"}"""),
            Schedule = new JobSchedule { Every = TimeSpan.FromSeconds(1) },
            Concurrency = new ConcurrencyPolicy { MaxInstances = 1, Overlap = OverlapMode.Skip },
        });

        await using (var db = deployment.OpenDatabase())
        {
            await Eventually.Until(
                () => db.Runs.AsNoTracking().CountAsync(r => r.JobId == jobId && r.Status == RunStatus.Skipped),
                skipped => skipped >= 3,
                "three skipped occurrences");
        }

        using (var cancelled = await deployment.Api.PostAsync($"/api/jobs/{jobId}/cancel", null))
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var runs = await RunsAsync(jobId);
        var ran = runs.Where(r => r.Status != RunStatus.Skipped).ToList();
        Assert.NotEmpty(ran);
        Assert.True(ran.Count(r => r.Status is RunStatus.Running or RunStatus.Pending) <= 1, "more than one run was out at once");
        foreach (var (earlier, later) in ran.Zip(ran.Skip(1)))
            Assert.True(later.StartedAt is null || later.StartedAt >= earlier.CompletedAt, "two runs of the job overlapped");

        var trail = await TrailAsync(jobId);
        Assert.True(trail.Count(e => e == "runSkipped") >= 3);
        Assert.Equal(runs.Count(r => r.Status == RunStatus.Skipped), trail.Count(e => e == "runSkipped"));
    }

    [Fact]
    public async Task A_replayed_dead_letter_runs_again_and_succeeds()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId, Name = "nightly import", Handler = "fail", Payload = Payload("""{"message": "upstream down", "times": 1}"""),
            Retry = new RetryPolicy { MaxAttempts = 1 },
        });
        await JobAsync(jobId, JobStatus.Faulted);
        var dead = Assert.Single(await RunsAsync(jobId));

        using var listed = await deployment.Api.GetAsync($"/api/runs?status=faulted&jobId={jobId}");
        var deadLetters = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
        Assert.Equal(dead.Id, Assert.Single(deadLetters.EnumerateArray()).GetProperty("id").GetGuid());

        using var replayed = await deployment.Api.PostAsync($"/api/runs/{dead.Id}/replay", null);

        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        var replay = JsonDocument.Parse(await replayed.Content.ReadAsStringAsync()).RootElement;
        var replayId = replay.GetProperty("id").GetGuid();
        Assert.Equal(dead.Id, replay.GetProperty("replayOf").GetGuid());
        Assert.Equal($"/api/runs/{replayId}", replayed.Headers.Location?.OriginalString);

        await JobAsync(jobId, JobStatus.Completed);
        var runs = await RunsAsync(jobId);
        Assert.Equal(RunStatus.Succeeded, runs.Single(r => r.Id == replayId).Status);
        Assert.Equal(replayId, runs.Single(r => r.Id == dead.Id).ReplayedBy);

        using var again = await deployment.Api.PostAsync($"/api/runs/{dead.Id}/replay", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["scheduled", "runStarted", "runFaulted", "runReplayed", "runStarted", "runSucceeded"], await TrailAsync(jobId));
    }

    [Fact]
    public async Task A_duplicate_idempotency_key_on_the_bus_creates_no_second_job()
    {
        var key = $"import-{Guid.NewGuid():N}";
        var first = new ScheduleJob { JobId = Guid.NewGuid(), Name = "keyed", Handler = "noop", IdempotencyKey = key };
        var second = first with { JobId = Guid.NewGuid() };

        await deployment.ClientBus.Publish(first);
        await JobAsync(first.JobId, JobStatus.Completed);
        await deployment.ClientBus.Publish(second);
        await deployment.ClientBus.Publish(second with { JobId = Guid.NewGuid() });

        // The duplicates are answered (to nobody: they were published) and dropped; a later job shows they were handled.
        var marker = new ScheduleJob { JobId = Guid.NewGuid(), Name = "after the duplicates", Handler = "noop" };
        await deployment.ClientBus.Publish(marker);
        await JobAsync(marker.JobId, JobStatus.Completed);

        await using var db = deployment.OpenDatabase();
        var keyed = await Eventually.Until(
            () => db.Jobs.AsNoTracking().Where(j => j.IdempotencyKey == key).Select(j => j.CorrelationId).ToListAsync(),
            ids => ids.Count >= 1, "the keyed job");
        Assert.Equal([first.JobId], keyed);
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == second.JobId));
        Assert.Single(await RunsAsync(first.JobId));
    }

    [Fact]
    public async Task A_one_shot_for_later_under_misfire_skip_comes_back_to_the_due_queue_and_runs_once_at_its_instant()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId, Name = "reminder", Handler = "noop", Schedule = new JobSchedule { Delay = TimeSpan.FromSeconds(3) },
            Misfire = new MisfirePolicy { Policy = MisfireAction.Skip },
        });
        var scheduled = await JobAsync(jobId, JobStatus.Scheduled);
        await using (var db = deployment.OpenDatabase())
        {
            var due = await db.DueMessages.AsNoTracking().SingleAsync(m => m.Id == scheduled.DueTokenId);
            Assert.EndsWith("/" + JobDueDefinition.QueueName, due.Destination, StringComparison.Ordinal);
        }

        var job = await JobAsync(jobId, JobStatus.Completed);

        var run = Assert.Single(await RunsAsync(jobId));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(scheduled.NextRunAt, run.ScheduledFor);
        Assert.Equal(job.LastOccurrenceAt, run.ScheduledFor);
        Assert.True(run.StartedAt >= run.ScheduledFor, "the one-shot started before its instant");
    }
}
