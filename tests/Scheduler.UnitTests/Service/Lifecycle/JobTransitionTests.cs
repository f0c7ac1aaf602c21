using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.UnitTests.Service.Lifecycle.Differential;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class JobTransitionTests
{
    [Fact]
    public async Task An_update_to_overlap_replace_that_runs_the_job_now_abandons_the_run_still_out()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var store = new LifecycleDatabase(clock);
        await store.StartAsync();
        var direct = new DirectPath(store, clock);
        var jobId = Guid.NewGuid();
        await direct.ApplyAsync(new JobStep(jobId, new ScheduleJob { JobId = jobId, Name = "import", Handler = "noop" }, Guid.NewGuid(), "api"),
            CancellationToken.None);
        var first = await store.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.JobId == jobId));

        clock.Advance(TimeSpan.FromSeconds(5));
        var update = new UpdateJob
        {
            JobId = jobId, Name = "import", Handler = "noop", Concurrency = new ConcurrencyPolicy { MaxInstances = 1, Overlap = OverlapMode.Replace },
        };
        await direct.ApplyAsync(new JobStep(jobId, update, Guid.NewGuid(), "api"), CancellationToken.None);

        var abandoned = await store.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == first.Id));
        Assert.Equal(RunStatus.Failed, abandoned.Status);
        Assert.StartsWith("Abandoned: replaced", abandoned.ErrorMessage, StringComparison.Ordinal);
        var job = (await direct.ViewAsync(jobId)).Job!;
        Assert.Equal(1, job.ActiveRuns);
        Assert.Equal(2, await store.QueryAsync(db => db.Runs.CountAsync(r => r.JobId == jobId)));
    }
}
