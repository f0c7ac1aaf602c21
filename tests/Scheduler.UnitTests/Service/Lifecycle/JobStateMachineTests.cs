using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using JobStateMachine = Scheduler.Service.Lifecycle.JobStateMachine;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class JobStateMachineTests
{
    static ScheduleJob NoopJob(Guid? id = null) => new() { JobId = id ?? Guid.NewGuid(), Name = "nightly report", Handler = "noop" };

    static async Task<JobState?> StateAfter(JobLifecycleHarness lifecycle, Guid jobId, Func<JobStateMachine, State> state)
    {
        var found = await lifecycle.Saga.Exists(jobId, state);
        Assert.True(found.HasValue, "the job did not reach the expected state in time");
        return await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId));
    }

    [Fact]
    public async Task Accepts_a_valid_job_stores_it_scheduled_and_sends_its_run_to_the_handler_queue()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = NoopJob() with { Payload = JsonDocument.Parse("""{"day": "monday"}""").RootElement, Priority = JobPriority.High };

        await lifecycle.Harness.Bus.Publish(command);

        var job = await StateAfter(lifecycle, command.JobId, m => m.Scheduled);
        Assert.NotNull(job);
        Assert.Equal((int)JobStatus.Scheduled, job.CurrentState);
        Assert.Equal("nightly report", job.Name);
        Assert.Equal(JobPriority.High, job.Priority);
        Assert.Equal("monday", job.Payload?.GetProperty("day").GetString());
        Assert.NotNull(job.CurrentRunId);

        Assert.True(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.JobId == command.JobId));
        var sent = lifecycle.Harness.Consumed.Select<ExecuteJob>(x => x.Context.Message.JobId == command.JobId).Single();
        Assert.Equal(HandlerEndpoint.QueueName("noop"), sent.Context.ReceiveContext.InputAddress.AbsolutePath.Trim('/'));
        Assert.Equal(job.CurrentRunId, sent.Context.Message.RunId);
        Assert.Equal(1, sent.Context.Message.Attempt);

        var run = await lifecycle.QueryAsync(db => db.Runs.SingleAsync(r => r.JobId == command.JobId));
        Assert.Equal(RunStatus.Pending, run.Status);
        Assert.True(await lifecycle.Harness.Published.Any<JobScheduled>(x => x.Context.Message.JobId == command.JobId && x.Context.Message.Created));
    }

    [Theory]
    [InlineData("no-such-handler", "handler")]
    [InlineData("", "handler")]
    public async Task Rejects_an_invalid_job_with_an_event_and_stores_nothing(string handler, string field)
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = NoopJob() with { Handler = handler };

        await lifecycle.Harness.Bus.Publish(command);

        Assert.True(await lifecycle.Harness.Published.Any<JobRejected>(x => x.Context.Message.JobId == command.JobId));
        var rejected = lifecycle.Harness.Published.Select<JobRejected>(x => x.Context.Message.JobId == command.JobId).Single().Context.Message;
        Assert.Contains(rejected.Errors, e => e.Field == field);
        Assert.False(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.JobId == command.JobId));
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.Jobs.CountAsync()));
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.Audit.CountAsync()));
    }

    [Theory]
    [InlineData("5-1 * * * *", "the minute field '5-1'")]
    [InlineData("0 0 * * 7-1", "the day-of-week field '7-1'")]
    public async Task Rejects_a_reversed_cron_range_with_an_event_naming_schedule_cron(string cron, string reason)
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = NoopJob() with { Schedule = new JobSchedule { Cron = cron } };

        await lifecycle.Harness.Bus.Publish(command);

        Assert.True(await lifecycle.Harness.Published.Any<JobRejected>(x => x.Context.Message.JobId == command.JobId));
        var rejected = lifecycle.Harness.Published.Select<JobRejected>(x => x.Context.Message.JobId == command.JobId).Single().Context.Message;
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("schedule.cron", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.Jobs.CountAsync()));
    }

    [Fact]
    public async Task Completes_the_job_when_its_run_succeeds_and_records_each_transition()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = NoopJob();
        await lifecycle.Harness.Bus.Publish(command);
        var job = await StateAfter(lifecycle, command.JobId, m => m.Scheduled);
        var runId = job!.CurrentRunId!.Value;
        var startedAt = DateTimeOffset.UtcNow;

        await lifecycle.Harness.Bus.Publish(new JobRunStarted { JobId = command.JobId, RunId = runId, Attempt = 1, StartedAt = startedAt, Host = "worker-1" });
        await StateAfter(lifecycle, command.JobId, m => m.Running);
        await lifecycle.Harness.Bus.Publish(new JobRunSucceeded
        {
            JobId = command.JobId, RunId = runId, Attempt = 1, StartedAt = startedAt, CompletedAt = startedAt.AddMilliseconds(42),
            DurationMs = 42, Result = JsonDocument.Parse("""{"rows": 7}""").RootElement, Host = "worker-1",
        });

        var completed = await StateAfter(lifecycle, command.JobId, m => m.Completed);
        Assert.Equal(1, completed!.RunCount);
        Assert.Equal(0, completed.FailureCount);
        Assert.Null(completed.CurrentRunId);

        var run = await lifecycle.QueryAsync(db => db.Runs.SingleAsync(r => r.Id == runId));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(42, run.DurationMs);
        Assert.Equal(7, run.Result?.GetProperty("rows").GetInt32());
        Assert.Equal("worker-1", run.Host);

        var trail = await lifecycle.QueryAsync(db => db.Audit.Where(a => a.JobId == command.JobId).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["scheduled", "runStarted", "runSucceeded"], trail.Select(a => a.Event));
        Assert.Equal(["scheduled", "running", "completed"], trail.Select(a => a.ToStatus));
        Assert.Equal("consumer:worker-1", trail[2].Actor);
    }

    [Fact]
    public async Task Faults_the_job_when_its_run_fails_permanently_and_keeps_the_run_as_a_dead_letter()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = NoopJob();
        await lifecycle.Harness.Bus.Publish(command);
        var runId = (await StateAfter(lifecycle, command.JobId, m => m.Scheduled))!.CurrentRunId!.Value;
        var startedAt = DateTimeOffset.UtcNow;

        await lifecycle.Harness.Bus.Publish(new JobRunFailed
        {
            JobId = command.JobId, RunId = runId, Attempt = 1, StartedAt = startedAt, CompletedAt = startedAt, DurationMs = 3,
            Error = new RunError(ErrorCategory.Permanent, "the customer does not exist"),
        });

        var faulted = await StateAfter(lifecycle, command.JobId, m => m.Faulted);
        Assert.Equal(1, faulted!.FailureCount);
        var run = await lifecycle.QueryAsync(db => db.Runs.SingleAsync(r => r.JobId == command.JobId));
        Assert.Equal(runId, run.Id);
        Assert.Equal(RunStatus.Faulted, run.Status);
        Assert.True(await lifecycle.Harness.Published.Any<JobRunFaulted>(x => x.Context.Message.RunId == runId));
        Assert.Equal(ErrorCategory.Permanent, run.ErrorCategory);
        Assert.Equal("the customer does not exist", run.ErrorMessage);
    }

    [Fact]
    public async Task An_outcome_that_overtakes_its_started_event_still_leaves_the_trail_in_order()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = NoopJob();
        await lifecycle.Harness.Bus.Publish(command);
        var runId = (await StateAfter(lifecycle, command.JobId, m => m.Scheduled))!.CurrentRunId!.Value;
        var startedAt = DateTimeOffset.UtcNow;

        await lifecycle.Harness.Bus.Publish(new JobRunSucceeded
        {
            JobId = command.JobId, RunId = runId, Attempt = 1, StartedAt = startedAt, CompletedAt = startedAt, DurationMs = 1,
        });
        await StateAfter(lifecycle, command.JobId, m => m.Completed);
        await lifecycle.Harness.Bus.Publish(new JobRunStarted { JobId = command.JobId, RunId = runId, Attempt = 1, StartedAt = startedAt });
        Assert.True(await lifecycle.Harness.Consumed.Any<JobRunStarted>(x => x.Context.Message.RunId == runId));

        var trail = await lifecycle.QueryAsync(db => db.Audit.Where(a => a.JobId == command.JobId).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["scheduled", "runStarted", "runSucceeded"], trail.Select(a => a.Event));
        Assert.Equal([null, "scheduled", "running"], trail.Select(a => a.FromStatus));
        var job = await lifecycle.QueryAsync(db => db.Jobs.SingleAsync(j => j.CorrelationId == command.JobId));
        Assert.Equal((int)JobStatus.Completed, job.CurrentState);
    }

    [Fact]
    public async Task The_same_job_id_again_answers_with_the_stored_job_and_changes_nothing()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = NoopJob();
        var client = lifecycle.Harness.GetRequestClient<ScheduleJob>();

        var first = await client.GetResponse<JobScheduled>(command);
        var second = await client.GetResponse<JobScheduled>(command with { Name = "renamed" });

        Assert.True(first.Message.Created);
        Assert.False(second.Message.Created);
        var job = await lifecycle.QueryAsync(db => db.Jobs.SingleAsync(j => j.CorrelationId == command.JobId));
        Assert.Equal("nightly report", job.Name);
        Assert.Equal(1, await lifecycle.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == command.JobId)));
        Assert.True(await lifecycle.Harness.Consumed.Any<ExecuteJob>(x => x.Context.Message.JobId == command.JobId));
        Assert.Single(lifecycle.Harness.Consumed.Select<ExecuteJob>(x => x.Context.Message.JobId == command.JobId));
    }

    [Fact]
    public async Task Run_events_for_an_unknown_job_are_discarded()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var jobId = Guid.NewGuid();

        await lifecycle.Harness.Bus.Publish(new JobRunStarted { JobId = jobId, RunId = Guid.NewGuid(), Attempt = 1, StartedAt = DateTimeOffset.UtcNow });

        Assert.True(await lifecycle.Harness.Consumed.Any<JobRunStarted>(x => x.Context.Message.JobId == jobId));
        Assert.False(await lifecycle.Harness.Published.Any<Fault<JobRunStarted>>());
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.Jobs.CountAsync()));
    }
}
