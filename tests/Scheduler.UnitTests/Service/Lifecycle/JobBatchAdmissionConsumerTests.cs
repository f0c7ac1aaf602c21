using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class JobBatchAdmissionConsumerTests
{
    static ScheduleJob NoopJob(string name) => new() { JobId = Guid.NewGuid(), Name = name, Handler = "noop" };

    static async Task<IReadOnlyList<JobScheduleResult>> ScheduleAsync(JobLifecycleHarness lifecycle, params ScheduleJob?[] jobs)
    {
        var client = lifecycle.Harness.GetRequestClient<ScheduleJobs>();
        var response = await client.GetResponse<JobsScheduled>(new ScheduleJobs { Jobs = jobs });
        return response.Message.Results;
    }

    [Fact]
    public async Task Answers_mixed_valid_and_invalid_jobs_in_order_storing_only_the_valid_ones_with_their_audit_entry_and_run()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var first = NoopJob("first");
        var badCron = NoopJob("bad cron") with { Schedule = new JobSchedule { Cron = "0 25 * * *" } };
        var unknownHandler = NoopJob("unknown handler") with { Handler = "no-such-handler" };
        var last = NoopJob("last");

        var results = await ScheduleAsync(lifecycle, first, badCron, null, unknownHandler, last);

        Assert.Equal([first.JobId, badCron.JobId, Guid.Empty, unknownHandler.JobId, last.JobId], results.Select(r => r.JobId));
        Assert.Equal([true, false, false, false, true], results.Select(r => r.Accepted));
        Assert.Equal([true, false, false, false, true], results.Select(r => r.Created));
        Assert.Empty(results[0].Errors);
        Assert.Equal("schedule.cron", Assert.Single(results[1].Errors).Field);
        Assert.Equal("job", Assert.Single(results[2].Errors).Field);
        Assert.Contains(results[3].Errors, e => e.Field == "handler");

        var ids = new[] { first.JobId, badCron.JobId, unknownHandler.JobId, last.JobId };
        var stored = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().Where(j => ids.Contains(j.CorrelationId)).Select(j => j.CorrelationId).ToListAsync());
        Assert.Equal(new[] { first.JobId, last.JobId }.Order(), stored.Order());
        foreach (var id in new[] { first.JobId, last.JobId })
        {
            Assert.Equal(1, await lifecycle.QueryAsync(db => db.Audit.CountAsync(a => a.JobId == id && a.Event == "scheduled")));
            Assert.Equal(1, await lifecycle.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == id)));
        }
    }

    [Fact]
    public async Task A_job_id_twice_in_one_message_is_created_by_the_first_and_answered_as_existing_for_the_second()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var original = NoopJob("the original");

        var results = await ScheduleAsync(lifecycle, original, original with { Name = "a second definition" });

        Assert.All(results, r => Assert.Equal(original.JobId, r.JobId));
        Assert.Equal([true, true], results.Select(r => r.Accepted));
        Assert.Equal([true, false], results.Select(r => r.Created));
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == original.JobId));
        Assert.Equal("the original", job.Name);
        Assert.Equal(1, await lifecycle.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == original.JobId)));
    }

    [Fact]
    public async Task A_job_id_already_stored_is_answered_accepted_but_not_created_and_changes_nothing()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var original = NoopJob("stored alone");
        await lifecycle.Harness.Bus.Publish(original);
        Assert.True((await lifecycle.Saga.Exists(original.JobId, m => m.Scheduled)).HasValue);
        var fresh = NoopJob("fresh");

        var results = await ScheduleAsync(lifecycle, original with { Name = "a second definition" }, fresh);

        Assert.Equal([original.JobId, fresh.JobId], results.Select(r => r.JobId));
        Assert.Equal([true, true], results.Select(r => r.Accepted));
        Assert.Equal([false, true], results.Select(r => r.Created));
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == original.JobId));
        Assert.Equal("stored alone", job.Name);
        Assert.Equal(1, await lifecycle.QueryAsync(db => db.Audit.CountAsync(a => a.JobId == original.JobId && a.Event == "scheduled")));
        Assert.Equal(1, await lifecycle.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == original.JobId)));
    }

    [Fact]
    public async Task An_idempotency_key_used_before_or_earlier_in_the_message_is_answered_with_the_job_that_took_it()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var earlier = NoopJob("earlier") with { IdempotencyKey = "invoice-1" };
        Assert.Equal([true], (await ScheduleAsync(lifecycle, earlier)).Select(r => r.Created));
        var again = NoopJob("same key again") with { IdempotencyKey = "invoice-1" };
        var firstOfTwo = NoopJob("first of two") with { IdempotencyKey = "invoice-2" };
        var secondOfTwo = NoopJob("second of two") with { IdempotencyKey = "invoice-2" };

        var results = await ScheduleAsync(lifecycle, again, firstOfTwo, secondOfTwo);

        Assert.Equal([earlier.JobId, firstOfTwo.JobId, firstOfTwo.JobId], results.Select(r => r.JobId));
        Assert.Equal([true, true, true], results.Select(r => r.Accepted));
        Assert.Equal([false, true, false], results.Select(r => r.Created));
        var ids = new[] { again.JobId, secondOfTwo.JobId };
        Assert.False(await lifecycle.QueryAsync(db => db.Jobs.AnyAsync(j => ids.Contains(j.CorrelationId))));
    }

    [Fact]
    public async Task A_message_over_the_limit_has_every_job_rejected_naming_jobs_and_stores_nothing()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var jobs = Enumerable.Range(0, ScheduleJobs.MaxJobs + 1).Select(i => NoopJob($"one too many {i}")).ToArray();

        var results = await ScheduleAsync(lifecycle, jobs);

        Assert.Equal(jobs.Select(j => j.JobId), results.Select(r => r.JobId));
        Assert.All(results, r => Assert.False(r.Accepted));
        Assert.All(results, r => Assert.Equal("jobs", Assert.Single(r.Errors).Field));
        Assert.Equal(0, await lifecycle.QueryAsync(db => db.Jobs.CountAsync()));
    }

    [Fact]
    public async Task A_message_nobody_waits_for_is_answered_by_publishing_its_results()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var job = NoopJob("published");

        await lifecycle.Harness.Bus.Publish(new ScheduleJobs { Jobs = [job] });

        Assert.True(await lifecycle.Harness.Published.Any<JobsScheduled>(x =>
            x.Context.Message.Results.Count == 1 && x.Context.Message.Results[0].JobId == job.JobId && x.Context.Message.Results[0].Created));
        Assert.True((await lifecycle.Saga.Exists(job.JobId, m => m.Scheduled)).HasValue);
        Assert.All(lifecycle.Harness.Consumed.Select<ScheduleJobs>(), x =>
            Assert.Equal(JobBatchAdmissionDefinition.QueueName, x.Context.ReceiveContext.InputAddress.AbsolutePath.Trim('/')));
    }

    [Fact]
    public async Task A_job_without_a_tenant_but_with_an_idempotency_key_is_rejected_naming_the_tenant_and_the_others_are_stored()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var tenantless = NoopJob("no tenant") with { TenantId = null!, IdempotencyKey = "tenantless" };
        var other = NoopJob("other");

        var results = await ScheduleAsync(lifecycle, tenantless, other);

        Assert.Equal("tenantId", Assert.Single(results[0].Errors).Field);
        Assert.True(results[1].Created);
        Assert.False(await lifecycle.QueryAsync(db => db.Jobs.AnyAsync(j => j.CorrelationId == tenantless.JobId)));
    }
}
