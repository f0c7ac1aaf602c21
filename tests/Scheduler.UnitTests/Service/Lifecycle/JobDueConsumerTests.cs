using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// Occurrences, one-shots and retries fall due through the due table and come back to the due queue
/// (<see cref="JobDueConsumer"/>), which records them in batches; due messages stored for the saga's queue still work there.
/// </summary>
public sealed class JobDueConsumerTests
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    static ScheduleJob Job(JobSchedule? schedule = null) => new() { JobId = Guid.NewGuid(), Name = "stock sync", Handler = "noop", Schedule = schedule };

    static string QueueOf(IReceivedMessage message) => message.Context.ReceiveContext.InputAddress.AbsolutePath.Trim('/');

    static IReadOnlyList<string> QueuesThatConsumed<T>(JobLifecycleHarness lifecycle, Func<T, bool> matching)
        where T : class =>
        [.. lifecycle.Harness.Consumed.Select<T>(x => matching(x.Context.Message)).Select(QueueOf).Distinct()];

    static async Task<List<ExecuteJob>> SentAsync(JobLifecycleHarness lifecycle, Guid jobId, int atLeast)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await JobLifecycleHarness.UntilAsync($"{atLeast} run(s) of job {jobId} are sent", () =>
        {
            var sent = lifecycle.Harness.Consumed.Select<ExecuteJob>(x => x.Context.Message.JobId == jobId).Select(x => x.Context.Message).ToList();
            return Task.FromResult(sent.Count >= atLeast ? sent : null);
        }, deadline.Token);
    }

    static async Task<JobRun> RunAsync(JobLifecycleHarness lifecycle, Guid jobId, Func<JobRun, bool> matching)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await JobLifecycleHarness.UntilAsync($"job {jobId} has a matching run", async () =>
            (await lifecycle.QueryAsync(db => db.Runs.AsNoTracking().Where(r => r.JobId == jobId).ToListAsync())).FirstOrDefault(matching),
            deadline.Token);
    }

    static async Task SendAsync<T>(JobLifecycleHarness lifecycle, string queue, T message, DateTimeOffset? occurrence = null)
        where T : class
    {
        var endpoint = await lifecycle.Harness.Bus.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(message, Pipe.Execute<SendContext<T>>(send =>
        {
            if (occurrence is { } instant)
                send.Headers.Set(DueHeaders.Occurrence, DueHeaders.Format(instant));
        }));
    }

    /// <summary>A job whose first attempt failed for a transient error, its retry due after <paramref name="retryAfter"/>.</summary>
    static async Task<ScheduleJob> FailedOnceAsync(JobLifecycleHarness lifecycle, TimeSpan retryAfter)
    {
        var command = Job() with { Retry = new RetryPolicy { InitialDelay = retryAfter } };
        await lifecycle.Harness.Bus.Publish(command);
        var run = await RunAsync(lifecycle, command.JobId, r => r.Attempt == 1);
        var now = DateTimeOffset.UtcNow;
        await lifecycle.Harness.Bus.Publish(new JobRunFailed
        {
            JobId = run.JobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = now, CompletedAt = now, DurationMs = 1,
            Error = new RunError(ErrorCategory.Transient, "boom"), Host = "worker-1",
        });
        return command;
    }

    [Fact]
    public async Task A_recurring_jobs_occurrences_come_back_to_the_due_queue_and_each_runs()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(new JobSchedule { Every = TimeSpan.FromSeconds(1) }) with { Concurrency = new ConcurrencyPolicy { MaxInstances = 5 } };
        await lifecycle.Harness.Bus.Publish(command);
        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Scheduled)).HasValue);
        var recurrence = await lifecycle.QueryAsync(db => db.DueMessages.AsNoTracking().SingleAsync(m => m.ScheduleId == command.JobId.ToString("N")));

        await RunAsync(lifecycle, command.JobId, r => r.ScheduledFor > (recurrence.OccurrenceAt + TimeSpan.FromMilliseconds(500)));

        // Stopped, so that the bus falls quiet and what it carried can be listed.
        await lifecycle.Harness.GetRequestClient<CancelJob>().GetResponse<JobCancelled>(new CancelJob { JobId = command.JobId });
        var runs = await lifecycle.QueryAsync(db => db.Runs.AsNoTracking().Where(r => r.JobId == command.JobId).ToListAsync());
        var sent = lifecycle.Harness.Consumed.Select<ExecuteJob>(x => x.Context.Message.JobId == command.JobId).Select(x => x.Context.Message.RunId).ToList();
        Assert.True(runs.Count >= 2, "fewer than two occurrences ran");
        Assert.Equal(runs.Count, runs.Select(r => r.ScheduledFor).Distinct().Count());
        Assert.All(runs, run => Assert.Contains(run.Id, sent));
        Assert.EndsWith("/" + JobDueDefinition.QueueName, recurrence.Destination, StringComparison.Ordinal);
        Assert.Equal([JobDueDefinition.QueueName], QueuesThatConsumed<JobOccurrenceDue>(lifecycle, m => m.JobId == command.JobId));
    }

    [Fact]
    public async Task A_one_shot_for_later_under_misfire_skip_comes_back_to_the_due_queue_and_runs_at_its_instant()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(new JobSchedule { Delay = TimeSpan.FromMilliseconds(500) }) with { Misfire = new MisfirePolicy { Policy = MisfireAction.Skip } };
        await lifecycle.Harness.Bus.Publish(command);

        var sent = Assert.Single(await SentAsync(lifecycle, command.JobId, atLeast: 1));

        var run = await RunAsync(lifecycle, command.JobId, r => r.Id == sent.RunId);
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == command.JobId));
        Assert.Equal(RunStatus.Pending, run.Status);
        Assert.Equal(job.LastOccurrenceAt, run.ScheduledFor);
        Assert.Equal([JobDueDefinition.QueueName], QueuesThatConsumed<JobDue>(lifecycle, m => m.JobId == command.JobId));
    }

    [Fact]
    public async Task A_retry_comes_back_to_the_due_queue_and_sends_the_next_attempt()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = await FailedOnceAsync(lifecycle, retryAfter: TimeSpan.FromMilliseconds(200));

        var retry = await RunAsync(lifecycle, command.JobId, r => r.Attempt == 2 && r.SentAt is not null);

        Assert.Contains(await SentAsync(lifecycle, command.JobId, atLeast: 2), m => m.RunId == retry.Id && m.Attempt == 2);
        Assert.Equal([JobDueDefinition.QueueName], QueuesThatConsumed<JobRetryDue>(lifecycle, m => m.JobId == command.JobId));
    }

    [Fact]
    public async Task A_retry_due_stored_for_the_sagas_queue_is_still_handled_there()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = await FailedOnceAsync(lifecycle, retryAfter: TimeSpan.FromHours(1));
        var waiting = await RunAsync(lifecycle, command.JobId, r => r.Attempt == 2);

        await SendAsync(lifecycle, JobStateDefinition.QueueName, new JobRetryDue { JobId = command.JobId, RunId = waiting.Id });

        Assert.Contains(await SentAsync(lifecycle, command.JobId, atLeast: 2), m => m.RunId == waiting.Id && m.Attempt == 2);
        Assert.Equal([JobStateDefinition.QueueName], QueuesThatConsumed<JobRetryDue>(lifecycle, m => m.JobId == command.JobId));
    }

    [Fact]
    public async Task Occurrences_due_together_are_decided_in_order_and_one_for_a_job_that_is_gone_is_dropped()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var command = Job(new JobSchedule { Every = TimeSpan.FromHours(1) }) with { Concurrency = new ConcurrencyPolicy { Overlap = OverlapMode.Replace } };
        await lifecycle.Harness.Bus.Publish(command);
        Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Scheduled)).HasValue);
        var now = DateTimeOffset.UtcNow;
        var first = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(-2);

        // Sent together, so that they are likely recorded in one batch: the second occurrence replaces the run the
        // first opened in the same transaction.
        await Task.WhenAll(
            SendAsync(lifecycle, JobDueDefinition.QueueName, new JobOccurrenceDue { JobId = command.JobId }, first),
            SendAsync(lifecycle, JobDueDefinition.QueueName, new JobOccurrenceDue { JobId = Guid.NewGuid() }, first),
            SendAsync(lifecycle, JobDueDefinition.QueueName, new JobOccurrenceDue { JobId = command.JobId }, first.AddSeconds(1)));

        var replaced = await RunAsync(lifecycle, command.JobId, r => r.ScheduledFor == first && r.Status != RunStatus.Pending);
        Assert.StartsWith("Abandoned: replaced", replaced.ErrorMessage, StringComparison.Ordinal);
        var current = await RunAsync(lifecycle, command.JobId, r => r.ScheduledFor == first.AddSeconds(1));
        Assert.Equal(RunStatus.Pending, current.Status);
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == command.JobId));
        Assert.Equal(1, job.ActiveRuns);
        Assert.Equal(current.Id, job.CurrentRunId);
        Assert.False(await lifecycle.Harness.Published.Any<Fault<JobOccurrenceDue>>());
    }
}
