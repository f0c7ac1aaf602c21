using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Follow-up jobs (onSuccess, onFailure) through REST and the bus, on whichever deployment the derived class names.</summary>
public abstract class JobFollowUpsApiBehaviour(IApiDeployment deployment)
{
    /// <summary>The deployment's bus, to publish commands on as another service would.</summary>
    protected abstract IPublishEndpoint Bus { get; }

    async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await deployment.Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiJson.ReadAsync(response);
    }

    async Task<JsonElement> SingleFollowUpAsync(Guid parentId, string status) =>
        (await Eventually.Until(() => GetJsonAsync($"/api/jobs/{parentId}/follow-ups"),
            f => f.GetArrayLength() == 1 && f[0].GetProperty("status").GetString() == status,
            $"the follow-up of {parentId} to be {status}"))[0];

    [Fact]
    public async Task A_chain_of_follow_ups_runs_in_order_each_with_its_parent_and_the_parent_result()
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body("""
            {"name": "export", "handler": "sleep", "payload": {"duration": "PT0.1S"},
             "onSuccess": [{"name": "publish export", "handler": "noop", "payload": {"step": 2},
                            "onSuccess": [{"name": "announce export", "handler": "noop"}]}]}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await ApiJson.ReadAsync(created);
        var firstId = first.GetProperty("id").GetGuid();
        Assert.Equal("publish export", first.GetProperty("onSuccess")[0].GetProperty("name").GetString());

        var second = await SingleFollowUpAsync(firstId, "completed");
        var firstRun = Assert.Single((await GetJsonAsync($"/api/jobs/{firstId}/runs")).EnumerateArray());
        Assert.Equal(firstId, second.GetProperty("parent").GetProperty("jobId").GetGuid());
        Assert.Equal(firstRun.GetProperty("id").GetGuid(), second.GetProperty("parent").GetProperty("runId").GetGuid());
        Assert.Equal(2, second.GetProperty("payload").GetProperty("step").GetInt32());
        Assert.Equal("PT0.1S", second.GetProperty("payload").GetProperty("parentResult").GetProperty("slept").GetString());
        Assert.True(second.GetProperty("createdAt").GetDateTimeOffset() >= firstRun.GetProperty("completedAt").GetDateTimeOffset());

        var third = await SingleFollowUpAsync(second.GetProperty("id").GetGuid(), "completed");
        Assert.Equal("announce export", third.GetProperty("name").GetString());

        await using var db = deployment.OpenDatabase();
        var trail = await db.Audit.AsNoTracking().Where(a => a.JobId == firstId).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync();
        Assert.Equal(["scheduled", "runStarted", "runSucceeded", "followUpScheduled"], trail);
        var actor = await db.Audit.AsNoTracking().Where(a => a.JobId == second.GetProperty("id").GetGuid()).OrderBy(a => a.Id).Select(a => a.Actor).FirstAsync();
        Assert.Equal($"job:{firstId}", actor);
    }

    [Fact]
    public async Task A_faulted_occurrence_schedules_its_on_failure_follow_up_and_not_its_on_success_one()
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body("""
            {"name": "fragile import", "handler": "fail", "payload": {"message": "bad file", "permanent": true},
             "onSuccess": [{"name": "never", "handler": "noop"}],
             "onFailure": [{"name": "page on-call", "handler": "noop"}]}
            """));
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetGuid();

        var followUp = await SingleFollowUpAsync(id, "completed");

        Assert.Equal("page on-call", followUp.GetProperty("name").GetString());
        // A faulted run has no result to hand on.
        Assert.Equal(JsonValueKind.Null, followUp.GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task A_follow_up_with_an_unknown_handler_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        var name = $"parent {Guid.NewGuid():N}";
        using var response = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body($$$"""
            {"name": "{{{name}}}", "handler": "noop", "onSuccess": [{"name": "next", "handler": "no-such-handler"}]}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiJson.ReadAsync(response)).GetProperty("errors").TryGetProperty("onSuccess[0].handler", out _));
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.Name == name));
    }

    [Fact]
    public async Task A_job_published_on_the_bus_with_a_follow_up_schedules_it()
    {
        var id = Guid.NewGuid();

        await Bus.Publish(new ScheduleJob
        {
            JobId = id, Name = "bus parent", Handler = "noop", OnSuccess = [new ScheduleJob { Name = "bus child", Handler = "noop" }],
        });
        await using (var db = deployment.OpenDatabase())
            await Eventually.Until(() => db.Jobs.AsNoTracking().AnyAsync(j => j.CorrelationId == id), stored => stored, "the parent to be stored");

        var followUp = await SingleFollowUpAsync(id, "completed");
        Assert.Equal("bus child", followUp.GetProperty("name").GetString());
        Assert.Equal(id, followUp.GetProperty("parent").GetProperty("jobId").GetGuid());
    }
}
