using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scheduler.Service.History;
using Scheduler.UnitTests.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.History;

public sealed class RunRetentionTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    static JobRun Run(Guid jobId, RunStatus status, TimeSpan age) => new()
    {
        Id = Guid.NewGuid(), JobId = jobId, Status = status, ScheduledFor = Now - age, CreatedAt = Now - age,
        CompletedAt = status is RunStatus.Pending or RunStatus.Running ? null : Now - age,
    };

    static async Task<IReadOnlyList<Guid>> PruneAsync(JobLifecycleHarness lifecycle, IEnumerable<JobRun> runs, RetentionOptions options)
    {
        var all = runs.ToList();
        await lifecycle.QueryAsync(async db =>
        {
            db.Runs.AddRange(all);
            return await db.SaveChangesAsync();
        });
        await lifecycle.QueryAsync(db => new RunRetention(db, Options.Create(options), TimeProvider.System).PruneAsync(CancellationToken.None));
        return await lifecycle.QueryAsync(db => db.Runs.Select(r => r.Id).ToListAsync());
    }

    [Fact]
    public async Task Removes_successes_after_a_week_and_failures_after_a_month_but_never_an_unfinished_run()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var job = Guid.NewGuid();
        var recentSuccess = Run(job, RunStatus.Succeeded, TimeSpan.FromDays(6));
        var oldSuccess = Run(job, RunStatus.Succeeded, TimeSpan.FromDays(8));
        var oldSkip = Run(job, RunStatus.Skipped, TimeSpan.FromDays(8));
        var weekOldDeadLetter = Run(job, RunStatus.Faulted, TimeSpan.FromDays(8));
        var ancientDeadLetter = Run(job, RunStatus.Faulted, TimeSpan.FromDays(31));
        var ancientTimeout = Run(job, RunStatus.TimedOut, TimeSpan.FromDays(31));
        var stuck = Run(job, RunStatus.Running, TimeSpan.FromDays(60));

        var kept = await PruneAsync(lifecycle, [recentSuccess, oldSuccess, oldSkip, weekOldDeadLetter, ancientDeadLetter, ancientTimeout, stuck],
            new RetentionOptions());

        Assert.Equal(new[] { recentSuccess.Id, weekOldDeadLetter.Id, stuck.Id }.Order(), kept.Order());
    }

    [Fact]
    public async Task Keeps_only_the_newest_successes_of_a_job_beyond_its_cap()
    {
        await using var lifecycle = await JobLifecycleHarness.StartAsync();
        var busy = Guid.NewGuid();
        var quiet = Guid.NewGuid();
        var successes = Enumerable.Range(1, 5).Select(minutes => Run(busy, RunStatus.Succeeded, TimeSpan.FromMinutes(minutes))).ToList();
        var failure = Run(busy, RunStatus.Failed, TimeSpan.FromMinutes(10));
        var other = Run(quiet, RunStatus.Succeeded, TimeSpan.FromMinutes(10));

        var kept = await PruneAsync(lifecycle, [.. successes, failure, other], new RetentionOptions { MaxSucceededRunsPerJob = 2 });

        Assert.Equal(new[] { successes[0].Id, successes[1].Id, failure.Id, other.Id }.Order(), kept.Order());
    }
}
