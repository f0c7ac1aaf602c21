using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Lifecycle;

/// <summary>Pausing and resuming one job, on a deployment of its own so that an instance can be restarted in between.</summary>
public sealed class JobPauseTests
{
    static readonly JsonSerializerOptions Json = Contracts.Serialization.SchedulerJson.CreateOptions();

    static async Task<Guid> CreateAsync(HttpClient api, object body)
    {
        using var created = await api.PostAsJsonAsync("/api/jobs", body, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    static async Task<JsonElement> CommandAsync(HttpClient api, Guid id, string command, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await api.PostAsync($"/api/jobs/{id}/{command}", null);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_paused_recurring_job_runs_nothing_across_a_restart_and_goes_on_when_resumed()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var instance = await deployment.StartInstanceAsync();
        var api = instance.CreateClient();
        var id = await CreateAsync(api, new { name = "every second", handler = "noop", schedule = new { every = "PT1S" } });
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.Runs.CountAsync(r => r.JobId == id && r.Status == RunStatus.Succeeded), n => n >= 2, "two runs before the pause");

        Assert.Equal("paused", (await CommandAsync(api, id, "pause")).GetProperty("status").GetString());
        var pausedAt = DateTimeOffset.UtcNow;

        // The pause is stored: a restarted instance keeps it.
        api.Dispose();
        await deployment.StopInstanceAsync(instance);
        instance = await deployment.StartInstanceAsync();
        api = instance.CreateClient();

        // Nothing may run while paused, and absence has no condition to wait for: watch three occurrences' worth.
        await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > pausedAt.AddSeconds(3), "three occurrences to pass");
        Assert.False(await db.Runs.AnyAsync(r => r.JobId == id && r.ScheduledFor > pausedAt.AddSeconds(1)), "no occurrence runs while paused");

        var resumed = await CommandAsync(api, id, "resume");
        Assert.True(resumed.GetProperty("status").GetString() is "scheduled" or "running");
        var resumedAt = DateTimeOffset.UtcNow;
        await Eventually.Until(() => db.Runs.CountAsync(r => r.JobId == id && r.ScheduledFor > resumedAt && r.Status == RunStatus.Succeeded),
            n => n >= 2, "runs again after the resume");

        var trail = await db.Audit.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync();
        Assert.Contains("paused", trail);
        Assert.True(trail.IndexOf("resumed") > trail.IndexOf("paused"));
        api.Dispose();
    }

    [Fact]
    public async Task A_one_shot_paused_past_its_instant_runs_once_when_resumed_and_a_finished_job_cannot_be_paused()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();
        var id = await CreateAsync(api, new { name = "in two seconds", handler = "noop", schedule = new { delay = "PT2S" } });
        Assert.Equal("paused", (await CommandAsync(api, id, "pause")).GetProperty("status").GetString());
        var dueAt = (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("nextRunAt").GetDateTimeOffset();

        await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > dueAt.AddSeconds(2), "the instant to pass while paused");
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Runs.AnyAsync(r => r.JobId == id), "nothing runs while paused");

        await CommandAsync(api, id, "resume");
        var job = await Eventually.Until(() => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == id),
            j => j.CurrentState == (int)JobStatus.Completed, "the overdue one-shot to run after the resume");
        Assert.Equal(1, job.RunCount);
        Assert.Equal(dueAt.UtcTicks / 10, (await db.Runs.SingleAsync(r => r.JobId == id)).ScheduledFor.UtcTicks / 10);

        var rejected = await CommandAsync(api, id, "pause", HttpStatusCode.Conflict);
        Assert.Contains("completed", rejected.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var unknown = await api.PostAsync($"/api/jobs/{Guid.NewGuid()}/pause", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
