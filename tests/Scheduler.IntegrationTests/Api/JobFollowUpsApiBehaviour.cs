using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Validation;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Follow-up jobs (onSuccess, onFailure) through REST and the bus, on whichever deployment the derived class names.</summary>
public abstract class JobFollowUpsApiBehaviour(IApiDeployment deployment)
{
    /// <summary>The deployment's bus, to publish commands and send requests on as another service would.</summary>
    protected abstract IBus Bus { get; }

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

    /// <summary>The JSON of a chain of <paramref name="length"/> noop jobs named <c>{prefix} 001</c>, …, each the only onSuccess of the one before.</summary>
    static string Chain(string prefix, int length)
    {
        var json = $$"""{"name": "{{prefix}} {{length:000}}", "handler": "noop"}""";
        for (var i = length - 1; i >= 1; i--)
            json = $$"""{"name": "{{prefix}} {{i:000}}", "handler": "noop", "onSuccess": [{{json}}]}""";
        return json;
    }

    /// <summary>Waits for the chain's <paramref name="length"/> jobs to complete, and checks that each ran after its parent and names it.</summary>
    async Task AssertChainRanInOrderAsync(string prefix, int length)
    {
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.Jobs.AsNoTracking().CountAsync(j => EF.Functions.Like(j.Name, prefix + "%") && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == length, $"the {length} jobs of the chain to complete", TimeSpan.FromMinutes(4));

        var jobs = await db.Jobs.AsNoTracking().Where(j => EF.Functions.Like(j.Name, prefix + "%")).ToListAsync();
        var ids = jobs.Select(j => j.CorrelationId).ToList();
        var runs = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.JobId)).ToDictionaryAsync(r => r.JobId);
        var chain = jobs.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(length, chain.Count);
        Assert.Null(chain[0].ParentJobId);
        for (var i = 1; i < chain.Count; i++)
        {
            var (parent, job) = (chain[i - 1], chain[i]);
            Assert.Equal(parent.CorrelationId, job.ParentJobId);
            Assert.Equal(runs[parent.CorrelationId].Id, job.ParentRunId);
            Assert.True(job.CreatedAt >= runs[parent.CorrelationId].CompletedAt, $"{job.Name} was created before its parent's run completed");
            Assert.True(runs[job.CorrelationId].CompletedAt > runs[parent.CorrelationId].CompletedAt, $"{job.Name} completed before its parent");
        }
    }

    [Fact]
    public async Task A_chain_of_one_hundred_follow_ups_posted_as_one_job_runs_in_order()
    {
        var prefix = $"chain {Guid.NewGuid():N}";

        using var created = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body(Chain(prefix, 100)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await AssertChainRanInOrderAsync(prefix, 100);
    }

    [Fact]
    public async Task A_chain_of_one_hundred_follow_ups_sent_on_the_bus_is_scheduled()
    {
        var prefix = $"bus chain {Guid.NewGuid():N}";
        var chain = JsonSerializer.Deserialize<ScheduleJob>(Chain(prefix, 100), SchedulerJson.CreateOptions())! with { JobId = Guid.NewGuid() };

        var answer = await Bus.CreateRequestClient<ScheduleJob>().GetResponse<JobScheduled, JobRejected>(chain);

        Assert.True(answer.Is(out Response<JobScheduled>? _), answer.Message.ToString());
        await using var db = deployment.OpenDatabase();
        var stored = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == chain.JobId);
        var depth = 0;
        for (var followUps = stored.OnSuccess; followUps is [var next]; followUps = next.OnSuccess)
            depth++;
        Assert.Equal(99, depth);
    }

    [Fact]
    public async Task A_chain_longer_than_the_bound_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        var prefix = $"long chain {Guid.NewGuid():N}";

        using var response = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body(Chain(prefix, ScheduleJobValidator.MaxChainLength + 1)));

        await FieldProblem.AssertNamesAsync(response, "onSuccess");
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => EF.Functions.Like(j.Name, prefix + "%")));
    }

    [Fact]
    public async Task A_chain_longer_than_the_bound_sent_on_the_bus_is_rejected_naming_the_field()
    {
        var chain = JsonSerializer.Deserialize<ScheduleJob>(Chain("bus long chain", ScheduleJobValidator.MaxChainLength + 1), SchedulerJson.CreateOptions())!
            with { JobId = Guid.NewGuid() };

        var answer = await Bus.CreateRequestClient<ScheduleJob>().GetResponse<JobScheduled, JobRejected>(chain);

        Assert.True(answer.Is(out Response<JobRejected>? rejected));
        Assert.Equal("onSuccess", Assert.Single(rejected!.Message.Errors).Field);
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == chain.JobId));
    }
}
