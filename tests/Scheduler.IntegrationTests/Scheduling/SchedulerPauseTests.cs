using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Scheduling;

/// <summary>The scheduler-wide pause, on a deployment of its own (pausing the shared one would stall other tests).</summary>
public sealed class SchedulerPauseTests
{
    [Fact]
    public async Task A_paused_scheduler_sends_nothing_across_a_restart_and_a_resume_runs_what_came_due()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var instance = await deployment.StartInstanceAsync();
        using (var api = instance.CreateClient())
        using (var paused = await api.PostAsync("/api/scheduler/pause", null))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
            Assert.True((await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());
        }

        var jobId = Guid.NewGuid();
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        await deployment.ClientBus.Publish(new ScheduleJob { JobId = jobId, Name = "held", Handler = "noop", Schedule = new JobSchedule { At = due } });
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.DueMessages.CountAsync(), stored => stored == 1, "the due message to be stored");

        // The pause is stored, not held in memory: a restarted instance keeps it.
        await deployment.StopInstanceAsync(instance);
        instance = await deployment.StartInstanceAsync();
        using var restarted = instance.CreateClient();
        Assert.True((await restarted.GetFromJsonAsync<JsonElement>("/api/scheduler")).GetProperty("paused").GetBoolean());

        // Nothing may happen while paused, and absence has no condition to wait for: watch past the due instant.
        await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > due.AddSeconds(3), "the due instant to pass");
        Assert.Equal(0, await db.Runs.CountAsync(r => r.JobId == jobId));
        Assert.Equal(1, await db.DueMessages.CountAsync());

        using (var resumed = await restarted.PostAsync("/api/scheduler/resume", null))
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);

        var job = await Eventually.Until(() => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId),
            j => j.CurrentState == (int)JobStatus.Completed, "the held job to run after the resume");
        Assert.Equal(1, job.RunCount);
        Assert.Equal(0, await db.DueMessages.CountAsync());
    }

    [Fact]
    public async Task The_scheduler_is_paused_and_resumed_by_commands_on_the_bus()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();

        var paused = await deployment.ClientBus.CreateRequestClient<PauseScheduler>(new Uri("queue:scheduler"))
            .GetResponse<SchedulerStateChanged>(new PauseScheduler { Actor = "ops:maintenance-window" });

        Assert.True(paused.Message.Paused);
        Assert.Equal("ops:maintenance-window", paused.Message.ChangedBy);
        var state = await api.GetFromJsonAsync<JsonElement>("/api/scheduler");
        Assert.True(state.GetProperty("paused").GetBoolean());

        // Published rather than sent, as a client that knows only the message type would.
        await deployment.ClientBus.Publish(new ResumeScheduler());
        await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>("/api/scheduler"),
            s => !s.GetProperty("paused").GetBoolean(), "the scheduler to resume");
    }
}
