using Microsoft.EntityFrameworkCore;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.History;

public sealed class RetentionJobTests
{
    [Fact]
    public async Task The_built_in_recurring_job_removes_old_runs_and_keeps_recent_ones()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(settings: new Dictionary<string, string>
        {
            ["Scheduler:Retention:Enabled"] = "true",
            ["Scheduler:Retention:Interval"] = "00:00:02",
        });
        await deployment.StartInstanceAsync();

        var now = DateTimeOffset.UtcNow;
        var jobId = Guid.NewGuid();
        JobRun Run(RunStatus status, TimeSpan age) => new()
        {
            Id = Guid.NewGuid(), JobId = jobId, Status = status, ScheduledFor = now - age, CreatedAt = now - age, CompletedAt = now - age,
        };
        var old = Run(RunStatus.Succeeded, TimeSpan.FromDays(8));
        var oldDeadLetter = Run(RunStatus.Faulted, TimeSpan.FromDays(40));
        var recent = Run(RunStatus.Succeeded, TimeSpan.FromDays(1));
        var recentDeadLetter = Run(RunStatus.Faulted, TimeSpan.FromDays(10));
        await using (var seed = deployment.OpenDatabase())
        {
            seed.Runs.AddRange(old, oldDeadLetter, recent, recentDeadLetter);
            await seed.SaveChangesAsync();
        }

        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Runs.AsNoTracking().Where(r => r.JobId == jobId).Select(r => r.Id).ToListAsync(),
            kept => kept.Count == 2,
            "the retention job to remove the old runs");

        var kept = await db.Runs.AsNoTracking().Where(r => r.JobId == jobId).Select(r => r.Id).ToListAsync();
        Assert.Equal(new[] { recent.Id, recentDeadLetter.Id }.Order(), kept.Order());
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == RetentionJob.JobId);
        Assert.Equal(RetentionJob.Tenant, job.TenantId);
        Assert.Equal("cleanup-history", job.Handler);
        // The rows go before the cleanup's own run is recorded: its outcome reaches the saga after the handler returns.
        var cleaned = await Eventually.Until(
            () => db.Runs.AsNoTracking().Where(r => r.JobId == RetentionJob.JobId && r.Status == RunStatus.Succeeded).ToListAsync(),
            runs => runs.Any(r => r.Result?.GetProperty("removed").GetInt32() >= 2),
            "the cleanup run that removed them to be recorded");
        Assert.Contains(cleaned, r => r.Result?.GetProperty("removed").GetInt32() >= 2);
        Assert.True(job.CurrentState is (int)JobStatus.Scheduled or (int)JobStatus.Running);
    }
}
