using Microsoft.EntityFrameworkCore;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Lifecycle;

public sealed class PriorityTests
{
    const string Handler = "priority-probe";

    [Fact]
    public async Task A_critical_job_queued_behind_500_normal_ones_starts_before_all_of_them()
    {
        // No consumer serves the handler at first, so every run waits in its (priority) queue.
        await using var deployment = await IsolatedDeployment.StartAsync(settings: new Dictionary<string, string> { ["Scheduler:KnownHandlers:0"] = Handler });
        await deployment.StartInstanceAsync();

        var normal = Enumerable.Range(0, 500).Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = $"normal {i}", Handler = Handler }).ToList();
        await Task.WhenAll(normal.Select(job => deployment.ClientBus.Publish(job)));
        await using var db = deployment.OpenDatabase();
        var normalIds = normal.Select(j => j.JobId).ToList();
        await Eventually.Until(
            () => db.Runs.AsNoTracking().CountAsync(r => normalIds.Contains(r.JobId) && r.SentAt != null),
            sent => sent == normal.Count,
            "the 500 normal runs to be sent to the handler's queue");

        var critical = new ScheduleJob { JobId = Guid.NewGuid(), Name = "critical", Handler = Handler, Priority = JobPriority.Critical };
        await deployment.ClientBus.Publish(critical);
        await Eventually.Until(
            () => db.Runs.AsNoTracking().AnyAsync(r => r.JobId == critical.JobId && r.SentAt != null),
            sent => sent,
            "the critical run to be sent");

        // One run at a time, so the order they start in is the order the queue hands them out.
        await using var consumer = await ConsumerService.StartAsync(deployment.RabbitMqUri,
            bus => bus.AddJobHandler<NoopJobHandler>(Handler, options => options.Concurrency = 1));

        var all = normalIds.Append(critical.JobId).ToList();
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => all.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == all.Count,
            "all 501 jobs to complete", TimeSpan.FromMinutes(3));

        var starts = await db.Runs.AsNoTracking().Where(r => all.Contains(r.JobId)).Select(r => new { r.JobId, r.StartedAt }).ToListAsync();
        var criticalStart = starts.Single(r => r.JobId == critical.JobId).StartedAt;
        var overtaken = starts.Count(r => r.JobId != critical.JobId && r.StartedAt < criticalStart);
        Assert.Equal(0, overtaken);
    }
}
