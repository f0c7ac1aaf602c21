using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Xunit.Abstractions;

namespace Scheduler.IntegrationTests.Scheduling;

[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class DueDeliveryTests(SchedulerDeployment deployment, ITestOutputHelper output)
{
    static readonly JsonSerializerOptions Json = Contracts.Serialization.SchedulerJson.CreateOptions();

    /// <summary>
    /// Jobs in a burst; SCHEDULER_TEST_BURST sets another number. The correctness suite keeps a thousand: the benchmark's W2
    /// and W3 run ten thousand and measure how late they are.
    /// </summary>
    static readonly int Burst = int.Parse(Environment.GetEnvironmentVariable("SCHEDULER_TEST_BURST") ?? "1000", CultureInfo.InvariantCulture);

    // Admission (publish, saga, due table) runs at roughly 130 jobs/s on a 2-core machine with everything on it:
    // the burst must be stored before it is due, so that lateness measures delivery and not admission.
    static readonly TimeSpan AdmissionTime = TimeSpan.FromSeconds(30 + Burst / 100);

    [Fact]
    public async Task A_delayed_job_runs_once_at_its_instant_and_never_before()
    {
        using var created = await deployment.Api.PostAsJsonAsync("/api/jobs",
            new { name = "in two seconds", handler = "noop", schedule = new { delay = "PT2S" } }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await created.Content.ReadFromJsonAsync<JsonElement>(Json);
        var id = job.GetProperty("id").GetGuid();
        var nextRunAt = job.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal("scheduled", job.GetProperty("status").GetString());

        await using var db = deployment.OpenDatabase();
        var dueToken = (await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == id)).DueTokenId;
        Assert.NotNull(dueToken);
        await Eventually.Until(() => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == id),
            j => j.CurrentState == (int)JobStatus.Completed, "the delayed job to complete");

        var run = Assert.Single(await db.Runs.AsNoTracking().Where(r => r.JobId == id).ToListAsync());
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(nextRunAt, run.ScheduledFor);
        Assert.True(run.StartedAt >= run.ScheduledFor, $"started {run.StartedAt:O} before it was due {run.ScheduledFor:O}");
        // The run can finish before the dispatcher's round that sent it commits the deletion of its row.
        await Eventually.Until(() => db.DueMessages.AnyAsync(m => m.Id == dueToken), any => !any, "the one-shot due message to be gone once sent");
        var trail = await db.Audit.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync();
        Assert.Equal(["scheduled", "runStarted", "runSucceeded"], trail);
    }

    [Fact]
    public async Task A_cron_job_with_seconds_runs_on_each_occurrence_for_thirty_seconds_and_stops_after_cancel()
    {
        var jobId = Guid.NewGuid();
        await deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = jobId,
            Name = "every two seconds",
            Handler = "noop",
            Schedule = new JobSchedule { Cron = "*/2 * * * * *" },
        });

        await using var db = deployment.OpenDatabase();
        var runs = await Eventually.Until(
            () => db.Runs.AsNoTracking().Where(r => r.JobId == jobId && r.Status == RunStatus.Succeeded).OrderBy(r => r.ScheduledFor).ToListAsync(),
            r => r.Count >= 2 && r[^1].ScheduledFor - r[0].ScheduledFor >= TimeSpan.FromSeconds(30),
            "30 seconds of occurrences", TimeSpan.FromSeconds(60));

        using (var cancelled = await deployment.Api.PostAsync($"/api/jobs/{jobId}/cancel", null))
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var cancelledAt = (await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId)).UpdatedAt;

        // Nothing should happen from here on, and absence has no condition to wait for: watch for three occurrences' worth.
        await Task.Delay(TimeSpan.FromSeconds(6));

        var all = await db.Runs.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.ScheduledFor).ToListAsync();
        Assert.All(all, r => Assert.Equal(0, r.ScheduledFor.Second % 2));
        Assert.All(all, r => Assert.Equal(0, r.ScheduledFor.Millisecond));
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(2), pair.Second.ScheduledFor - pair.First.ScheduledFor));
        Assert.All(all, r => Assert.True(r.StartedAt is null || r.StartedAt >= r.ScheduledFor, "no run starts before its occurrence"));
        Assert.DoesNotContain(all, r => r.ScheduledFor > cancelledAt + TimeSpan.FromSeconds(1));
        Assert.Equal((int)JobStatus.Cancelled, (await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId)).CurrentState);
        Assert.False(await db.DueMessages.AnyAsync(m => m.ScheduleId == jobId.ToString("N")));
        output.WriteLine($"cron */2 s: {all.Count} runs over {(all[^1].ScheduledFor - all[0].ScheduledFor).TotalSeconds} s; " +
                         Lateness.Of(all.Where(r => r.Status == RunStatus.Succeeded).ToList(), all[0].ScheduledFor));
        Assert.True(runs.Count >= 16);
    }

    [Fact]
    public async Task A_burst_of_jobs_due_at_the_same_instant_each_run_exactly_once()
    {
        var due = DateTimeOffset.UtcNow + AdmissionTime;
        var jobIds = await PublishAsync(Burst, _ => due);

        var runs = await WaitForRunsAsync(jobIds, TimeSpan.FromMinutes(6));

        AssertEachRanOnceNotBeforeItsInstant(jobIds, runs);
        output.WriteLine($"{Burst} due at one instant: {Lateness.Of(runs, due)}");
    }

    [Fact]
    public async Task A_burst_of_jobs_spread_over_twenty_seconds_each_run_exactly_once()
    {
        var start = DateTimeOffset.UtcNow + AdmissionTime;
        var jobIds = await PublishAsync(Burst, i => start + TimeSpan.FromSeconds(20) * i / Burst);

        var runs = await WaitForRunsAsync(jobIds, TimeSpan.FromMinutes(6));

        AssertEachRanOnceNotBeforeItsInstant(jobIds, runs);
        output.WriteLine($"{Burst} spread over 20 s: {Lateness.Of(runs, start.AddSeconds(20))}");
    }

    async Task<List<Guid>> PublishAsync(int count, Func<int, DateTimeOffset> dueAt)
    {
        var jobIds = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        var started = DateTimeOffset.UtcNow;
        foreach (var chunk in jobIds.Select((id, i) => (id, i)).Chunk(500))
        {
            await Task.WhenAll(chunk.Select(x => deployment.ClientBus.Publish(new ScheduleJob
            {
                JobId = x.id,
                Name = $"burst {x.i}",
                Handler = "noop",
                Schedule = new JobSchedule { At = dueAt(x.i) },
            })));
        }

        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.DueMessages.CountAsync(), stored => stored >= count, "every due message to be stored", AdmissionTime);
        output.WriteLine($"{count} jobs published and their due messages stored in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");
        Assert.True(DateTimeOffset.UtcNow < dueAt(0), "the jobs were stored before they were due, so lateness measures the dispatcher");
        return jobIds;
    }

    async Task<List<JobRun>> WaitForRunsAsync(List<Guid> jobIds, TimeSpan timeout)
    {
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => jobIds.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == jobIds.Count, $"all {jobIds.Count} jobs to complete", timeout);
        return await db.Runs.AsNoTracking().Where(r => jobIds.Contains(r.JobId)).ToListAsync();
    }

    static void AssertEachRanOnceNotBeforeItsInstant(List<Guid> jobIds, List<JobRun> runs)
    {
        Assert.Equal(jobIds.Count, runs.Count);
        Assert.Equal(jobIds.Count, runs.Select(r => r.JobId).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.All(runs, r => Assert.True(r.StartedAt >= r.ScheduledFor, $"run {r.Id} started before it was due"));
    }
}
