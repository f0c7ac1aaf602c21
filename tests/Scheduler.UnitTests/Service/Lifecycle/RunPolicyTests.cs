using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>Retries, dead letters, replays, triggers, overlap and idempotency, on the saga with the in-memory harness.</summary>
public sealed class RunPolicyTests
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    static ScheduleJob Job(RetryPolicy? retry = null, ConcurrencyPolicy? concurrency = null) => new()
    {
        JobId = Guid.NewGuid(), Name = "invoice export", Handler = "noop", Retry = retry, Concurrency = concurrency,
    };

    static async Task<JobRun> RunAsync(JobLifecycleHarness lifecycle, Guid jobId, int attempt, Func<JobRun, bool>? matching = null)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            var runs = await lifecycle.QueryAsync(db => db.Runs.AsNoTracking().Where(r => r.JobId == jobId && r.Attempt == attempt).ToListAsync());
            if (runs.FirstOrDefault(r => matching?.Invoke(r) ?? true) is { } run)
                return run;
            await Task.Delay(20);
        }

        throw new TimeoutException($"Job {jobId} has no matching run of attempt {attempt}.");
    }

    static async Task<JobState> JobAsync(JobLifecycleHarness lifecycle, Guid jobId, JobStatus status)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId));
            if (job?.CurrentState == (int)status)
                return job;
            await Task.Delay(20);
        }

        throw new TimeoutException($"Job {jobId} did not become {status}.");
    }

    static async Task<IReadOnlyList<string>> TrailAsync(JobLifecycleHarness lifecycle, Guid jobId) =>
        await lifecycle.QueryAsync(db => db.Audit.AsNoTracking().Where(a => a.JobId == jobId).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync());

    static JobRunFailed Failure(JobRun run, ErrorCategory category, string message = "boom")
    {
        var now = DateTimeOffset.UtcNow;
        return new JobRunFailed
        {
            JobId = run.JobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = now, CompletedAt = now, DurationMs = 1,
            Error = new RunError(category, message), Host = "worker-1",
        };
    }

    static JobRunSucceeded Success(JobRun run)
    {
        var now = DateTimeOffset.UtcNow;
        return new JobRunSucceeded { JobId = run.JobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = now, CompletedAt = now, DurationMs = 1, Host = "worker-1" };
    }

    [Fact]
    public async Task Retries_a_transient_failure_as_the_next_attempt_of_the_same_occurrence_after_the_backoff()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(new RetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(300) });
        await lifecycle.Harness.Bus.Publish(command);
        var first = await RunAsync(lifecycle, command.JobId, 1);

        var failure = Failure(first, ErrorCategory.Transient);
        await lifecycle.Harness.Bus.Publish(failure);

        var second = await RunAsync(lifecycle, command.JobId, 2, r => r.SentAt is not null);
        Assert.Equal(first.ScheduledFor, second.ScheduledFor);
        // The embedded database keeps instants to a tenth of a millisecond.
        Assert.InRange((second.DueAt!.Value - failure.CompletedAt).TotalMilliseconds, 299.9, 300.1);
        Assert.True(second.SentAt >= second.DueAt, "the retry was sent before its backoff was over");
        Assert.True(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.RunId == second.Id && x.Context.Message.Attempt == 2));
        Assert.Equal(RunStatus.Failed, (await RunAsync(lifecycle, command.JobId, 1)).Status);
        Assert.Equal((int)JobStatus.Running, (await lifecycle.QueryAsync(db => db.Jobs.SingleAsync(j => j.CorrelationId == command.JobId))).CurrentState);

        await lifecycle.Harness.Bus.Publish(Success(second));

        var job = await JobAsync(lifecycle, command.JobId, JobStatus.Completed);
        Assert.Equal(2, job.RunCount);
        Assert.Equal(1, job.FailureCount);
        Assert.Equal(["scheduled", "runStarted", "runFailed", "retryScheduled", "runStarted", "runSucceeded"], await TrailAsync(lifecycle, command.JobId));
    }

    [Fact]
    public async Task Faults_the_occurrence_when_its_attempts_are_spent_and_publishes_the_dead_letter()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.Zero });
        await lifecycle.Harness.Bus.Publish(command);

        await lifecycle.Harness.Bus.Publish(Failure(await RunAsync(lifecycle, command.JobId, 1), ErrorCategory.Timeout, "too slow"));
        var last = await RunAsync(lifecycle, command.JobId, 2, r => r.SentAt is not null);
        await lifecycle.Harness.Bus.Publish(Failure(last, ErrorCategory.Transient));

        await JobAsync(lifecycle, command.JobId, JobStatus.Faulted);
        Assert.Equal(RunStatus.TimedOut, (await RunAsync(lifecycle, command.JobId, 1)).Status);
        Assert.Equal(RunStatus.Faulted, (await RunAsync(lifecycle, command.JobId, 2)).Status);
        Assert.True(await lifecycle.Harness.Published.Any<JobRunFaulted>(x => x.Context.Message.RunId == last.Id && x.Context.Message.Attempt == 2));
        Assert.Equal(["scheduled", "runStarted", "runTimedOut", "retryScheduled", "runStarted", "runFaulted"], await TrailAsync(lifecycle, command.JobId));
    }

    [Fact]
    public async Task Replays_a_dead_letter_once_as_a_new_run_of_its_occurrence()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job();
        await lifecycle.Harness.Bus.Publish(command);
        var dead = await RunAsync(lifecycle, command.JobId, 1);
        await lifecycle.Harness.Bus.Publish(Failure(dead, ErrorCategory.Permanent));
        await JobAsync(lifecycle, command.JobId, JobStatus.Faulted);
        var client = lifecycle.Harness.GetRequestClient<ReplayRun>();

        var replayed = await client.GetResponse<RunReplayed>(new ReplayRun { JobId = command.JobId, RunId = dead.Id });

        var replay = await RunAsync(lifecycle, command.JobId, 2, r => r.Id == replayed.Message.RunId);
        Assert.Equal(dead.Id, replay.ReplayOf);
        Assert.Equal(dead.ScheduledFor, replay.ScheduledFor);
        Assert.Equal(replay.Id, (await RunAsync(lifecycle, command.JobId, 1, r => r.Id == dead.Id)).ReplayedBy);
        Assert.True(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.RunId == replay.Id));

        var again = await client.GetResponse<RunReplayed, JobCommandRejected>(new ReplayRun { JobId = command.JobId, RunId = dead.Id });
        Assert.True(again.Is(out Response<JobCommandRejected>? rejected));
        Assert.Contains("replayed already", rejected!.Message.Reason, StringComparison.Ordinal);

        await lifecycle.Harness.Bus.Publish(Success(replay));
        await JobAsync(lifecycle, command.JobId, JobStatus.Completed);
        Assert.Equal(["scheduled", "runStarted", "runFaulted", "runReplayed", "runStarted", "runSucceeded"], await TrailAsync(lifecycle, command.JobId));
    }

    [Fact]
    public async Task Skips_an_occurrence_that_comes_while_the_job_runs_at_its_limit()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job();
        await lifecycle.Harness.Bus.Publish(command);
        await RunAsync(lifecycle, command.JobId, 1);

        var triggered = await lifecycle.Harness.GetRequestClient<TriggerJob>().GetResponse<JobTriggered>(new TriggerJob { JobId = command.JobId });

        Assert.Equal("skipped", triggered.Message.Outcome);
        Assert.Null(triggered.Message.RunId);
        var runs = await lifecycle.QueryAsync(db => db.Runs.Where(r => r.JobId == command.JobId).ToListAsync());
        Assert.Equal([RunStatus.Pending, RunStatus.Skipped], runs.Select(r => r.Status).Order());
        Assert.Equal(["scheduled", "triggered", "runSkipped"], await TrailAsync(lifecycle, command.JobId));
    }

    [Fact]
    public async Task Queues_one_occurrence_while_the_job_is_busy_and_starts_it_when_the_run_ends()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(concurrency: new ConcurrencyPolicy { MaxInstances = 1, Overlap = OverlapMode.Queue });
        await lifecycle.Harness.Bus.Publish(command);
        var first = await RunAsync(lifecycle, command.JobId, 1);
        var trigger = lifecycle.Harness.GetRequestClient<TriggerJob>();

        Assert.Equal("queued", (await trigger.GetResponse<JobTriggered>(new TriggerJob { JobId = command.JobId })).Message.Outcome);
        Assert.Equal("skipped", (await trigger.GetResponse<JobTriggered>(new TriggerJob { JobId = command.JobId })).Message.Outcome);
        await lifecycle.Harness.Bus.Publish(Success(first));

        var queued = await RunAsync(lifecycle, command.JobId, 1, r => r.Id != first.Id && r.Status == RunStatus.Pending);
        Assert.True(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.RunId == queued.Id));
        var job = await JobAsync(lifecycle, command.JobId, JobStatus.Running);
        Assert.Null(job.QueuedOccurrences);
        Assert.Equal(1, job.ActiveRuns);
    }

    [Fact]
    public async Task Allows_overlapping_runs_when_the_policy_says_so()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(concurrency: new ConcurrencyPolicy { MaxInstances = 1, Overlap = OverlapMode.Allow });
        await lifecycle.Harness.Bus.Publish(command);
        await RunAsync(lifecycle, command.JobId, 1);

        var triggered = await lifecycle.Harness.GetRequestClient<TriggerJob>().GetResponse<JobTriggered>(new TriggerJob { JobId = command.JobId });

        Assert.Equal("started", triggered.Message.Outcome);
        Assert.True(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.RunId == triggered.Message.RunId));
        Assert.Equal(2, (await lifecycle.QueryAsync(db => db.Jobs.SingleAsync(j => j.CorrelationId == command.JobId))).ActiveRuns);
    }

    [Fact]
    public async Task Replaces_the_running_run_and_tells_its_consumer_to_stop()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(concurrency: new ConcurrencyPolicy { Overlap = OverlapMode.Replace });
        await lifecycle.Harness.Bus.Publish(command);
        var first = await RunAsync(lifecycle, command.JobId, 1);

        var triggered = await lifecycle.Harness.GetRequestClient<TriggerJob>().GetResponse<JobTriggered>(new TriggerJob { JobId = command.JobId });

        Assert.Equal("started", triggered.Message.Outcome);
        Assert.True(await lifecycle.Harness.Published.Any<JobRunAbandoned>(x => x.Context.Message.RunId == first.Id));
        var replaced = await RunAsync(lifecycle, command.JobId, 1, r => r.Id == first.Id);
        Assert.Equal(RunStatus.Failed, replaced.Status);
        Assert.StartsWith("Abandoned: replaced", replaced.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, (await lifecycle.QueryAsync(db => db.Jobs.SingleAsync(j => j.CorrelationId == command.JobId))).ActiveRuns);
    }

    [Fact]
    public async Task A_late_outcome_of_an_ended_run_is_recorded_and_changes_nothing()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(new RetryPolicy { MaxAttempts = 1 });
        await lifecycle.Harness.Bus.Publish(command);
        var run = await RunAsync(lifecycle, command.JobId, 1);
        await lifecycle.Harness.Bus.Publish(Failure(run, ErrorCategory.Timeout, "The run exceeded its timeout of PT1S"));
        await JobAsync(lifecycle, command.JobId, JobStatus.Faulted);

        await lifecycle.Harness.Bus.Publish(Success(run));

        var until = DateTime.UtcNow + Deadline;
        while ((await TrailAsync(lifecycle, command.JobId)).Count < 4 && DateTime.UtcNow < until)
            await Task.Delay(20);
        Assert.Equal(["scheduled", "runStarted", "runFaulted", "lateOutcome"], await TrailAsync(lifecycle, command.JobId));
        Assert.Equal(RunStatus.Faulted, (await RunAsync(lifecycle, command.JobId, 1)).Status);
        Assert.Equal((int)JobStatus.Faulted, (await lifecycle.QueryAsync(db => db.Jobs.SingleAsync(j => j.CorrelationId == command.JobId))).CurrentState);
    }

    [Fact]
    public async Task A_second_job_with_a_used_idempotency_key_answers_with_the_first_and_creates_nothing()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var client = lifecycle.Harness.GetRequestClient<ScheduleJob>();
        var first = Job() with { IdempotencyKey = "invoice-2026-11" };
        var second = Job() with { IdempotencyKey = "invoice-2026-11" };

        var created = await client.GetResponse<JobScheduled>(first);
        var answered = await client.GetResponse<JobScheduled>(second);

        Assert.True(created.Message.Created);
        Assert.False(answered.Message.Created);
        Assert.Equal(first.JobId, answered.Message.JobId);
        Assert.Equal([first.JobId], await lifecycle.QueryAsync(db => db.Jobs.Select(j => j.CorrelationId).ToListAsync()));
        Assert.Equal(1, await lifecycle.QueryAsync(db => db.Runs.CountAsync()));
    }

    [Fact]
    public async Task A_cancelled_job_does_not_send_its_pending_retry()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(new RetryPolicy { InitialDelay = TimeSpan.FromMilliseconds(500) });
        await lifecycle.Harness.Bus.Publish(command);
        await lifecycle.Harness.Bus.Publish(Failure(await RunAsync(lifecycle, command.JobId, 1), ErrorCategory.Transient));
        var retry = await RunAsync(lifecycle, command.JobId, 2);

        await lifecycle.Harness.GetRequestClient<CancelJob>().GetResponse<JobCancelled>(new CancelJob { JobId = command.JobId });

        var skipped = await RunAsync(lifecycle, command.JobId, 2, r => r.Status == RunStatus.Skipped);
        Assert.Null(skipped.SentAt);
        Assert.False(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.RunId == retry.Id));
    }
}
