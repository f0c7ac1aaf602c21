using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class JobAdmissionConsumerTests
{
    static ScheduleJob NoopJob(string name) => new() { JobId = Guid.NewGuid(), Name = name, Handler = "noop" };

    [Fact]
    public async Task Admits_a_burst_of_new_jobs_each_with_its_audit_entry_its_run_and_its_answer()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var commands = Enumerable.Range(0, 40).Select(i => NoopJob($"burst {i}")).ToList();

        await Task.WhenAll(commands.Select(c => lifecycle.Harness.Bus.Publish(c)));

        foreach (var command in commands)
            Assert.True((await lifecycle.Saga.Exists(command.JobId, m => m.Scheduled)).HasValue, $"{command.Name} was not stored");
        var ids = commands.Select(c => c.JobId).ToList();
        var audit = await lifecycle.QueryAsync(db => db.Audit.AsNoTracking().Where(a => ids.Contains(a.JobId)).ToListAsync());
        var runs = await lifecycle.QueryAsync(db => db.Runs.AsNoTracking().Where(r => ids.Contains(r.JobId)).ToListAsync());
        Assert.All(commands, c => Assert.Single(audit, a => a.JobId == c.JobId && a.Event == "scheduled"));
        Assert.All(commands, c => Assert.Single(runs, r => r.JobId == c.JobId));
        Assert.True(await lifecycle.Harness.Consumed.Any<ScheduleJob>());
        Assert.All(lifecycle.Harness.Consumed.Select<ScheduleJob>(), x =>
            Assert.Equal(JobAdmissionDefinition.QueueName, x.Context.ReceiveContext.InputAddress.AbsolutePath.Trim('/')));
        foreach (var command in commands)
            Assert.True(await lifecycle.Harness.Published.Any<JobScheduled>(x => x.Context.Message.JobId == command.JobId && x.Context.Message.Created));
    }

    [Fact]
    public async Task A_command_for_a_job_already_stored_goes_on_to_the_saga_which_changes_nothing()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var first = NoopJob("the original");
        await lifecycle.Harness.Bus.Publish(first);
        Assert.True((await lifecycle.Saga.Exists(first.JobId, m => m.Scheduled)).HasValue);

        await lifecycle.Harness.Bus.Publish(first with { Name = "a second definition" });

        Assert.True(await lifecycle.Harness.Published.Any<JobScheduled>(x => x.Context.Message.JobId == first.JobId && !x.Context.Message.Created));
        var job = await lifecycle.QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == first.JobId));
        Assert.Equal("the original", job.Name);
        Assert.Equal(1, await lifecycle.QueryAsync(db => db.Audit.CountAsync(a => a.JobId == first.JobId && a.Event == "scheduled")));
        Assert.Equal(1, await lifecycle.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == first.JobId)));
    }
}
