using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Api;

/// <summary><c>POST /api/jobs/batch</c> on PostgreSQL and RabbitMQ, with a separate consumer service running the jobs.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class JobsBatchApiTests(SchedulerDeployment deployment)
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var response = await deployment.Api.PostAsync(path, Json(json));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Mixed_valid_and_invalid_jobs_are_answered_in_order_and_the_valid_ones_are_stored_and_run()
    {
        var existing = Guid.NewGuid();
        var (stored, _) = await PostAsync("/api/jobs", $$"""{"jobId": "{{existing}}", "name": "stored before", "handler": "noop"}""");
        Assert.Equal(HttpStatusCode.Created, stored);
        var fresh = Guid.NewGuid();

        var (status, body) = await PostAsync("/api/jobs/batch", $$"""
            {"jobs": [
              {"jobId": "{{fresh}}", "name": "batch sleep", "handler": "sleep", "payload": {"duration": "PT0.1S"} },
              {"name": "bad cron", "handler": "noop", "schedule": {"cron": "0 25 * * *"} },
              {"jobId": "{{existing}}", "name": "a second definition", "handler": "noop"},
              42,
              {"name": "unreadable delay", "handler": "noop", "schedule": {"delay": "5 seconds"} },
              {"name": "batch noop", "handler": "noop"}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([201, 400, 200, 400, 400, 201], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal(fresh, items[0].GetProperty("job").GetProperty("id").GetGuid());
        Assert.Equal("default", items[0].GetProperty("job").GetProperty("tenantId").GetString());
        Assert.True(items[1].GetProperty("errors").TryGetProperty("schedule.cron", out _), items[1].ToString());
        Assert.False(items[1].TryGetProperty("job", out _));
        Assert.Equal("stored before", items[2].GetProperty("job").GetProperty("name").GetString());
        Assert.True(items[3].GetProperty("errors").TryGetProperty("job", out _), items[3].ToString());
        Assert.True(items[4].GetProperty("errors").TryGetProperty("schedule.delay", out _), items[4].ToString());
        var generated = items[5].GetProperty("job").GetProperty("id").GetGuid();
        Assert.Equal(7, generated.Version);

        await using var db = deployment.OpenDatabase();
        foreach (var id in new[] { fresh, generated })
        {
            await Eventually.Until(() => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == id),
                j => j.CurrentState == (int)JobStatus.Completed, $"job {id} to complete");
            Assert.Equal(RunStatus.Succeeded, (await db.Runs.AsNoTracking().SingleAsync(r => r.JobId == id)).Status);
        }

        Assert.False(await db.Jobs.AnyAsync(j => j.Name == "bad cron" || j.Name == "unreadable delay" || j.Name == "a second definition"));
        Assert.Equal("key:open", (await db.Audit.AsNoTracking().FirstAsync(a => a.JobId == fresh)).Actor);
    }

    [Theory]
    [InlineData("""{"name": "x", "handler": "noop",""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    [InlineData("""{}""")]
    [InlineData("""{"jobs": {"name": "x", "handler": "noop"}}""")]
    [InlineData("""{"jobs": 3}""")]
    public async Task A_body_that_is_not_an_object_with_a_jobs_array_is_a_problem_naming_jobs(string json)
    {
        var (status, body) = await PostAsync("/api/jobs/batch", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("jobs", out _), body.ToString());
    }

    [Fact]
    public async Task More_than_a_thousand_jobs_are_refused_naming_jobs_and_nothing_is_stored()
    {
        var name = $"over the limit {Guid.NewGuid():N}";
        var job = $$"""{"name": "{{name}}", "handler": "noop"}""";

        var (status, body) = await PostAsync("/api/jobs/batch", $$"""{"jobs": [{{string.Join(",", Enumerable.Repeat(job, 1001))}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("1000", body.GetProperty("errors").GetProperty("jobs")[0].GetString(), StringComparison.Ordinal);
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.Name == name));
    }

    [Fact]
    public async Task A_batch_and_single_posts_racing_for_the_same_job_ids_store_each_job_once()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var batch = PostAsync("/api/jobs/batch",
            $$"""{"jobs": [{{string.Join(",", ids.Select(id => $$"""{"jobId": "{{id}}", "name": "raced in a batch", "handler": "noop"}"""))}}]}""");
        var singles = ids.Select(id => PostAsync("/api/jobs", $$"""{"jobId": "{{id}}", "name": "raced alone", "handler": "noop"}""")).ToList();

        var (batchStatus, batchBody) = await batch;
        var singleStatuses = (await Task.WhenAll(singles)).Select(s => s.Status).ToList();

        Assert.Equal(HttpStatusCode.OK, batchStatus);
        var batchStatuses = batchBody.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            // Exactly one of the two created the job; the other was answered with it.
            var created = (batchStatuses[i] == 201 ? 1 : 0) + (singleStatuses[i] == HttpStatusCode.Created ? 1 : 0);
            Assert.Equal(1, created);
            Assert.True(batchStatuses[i] is 200 or 201, $"the batch answered {batchStatuses[i]}");
            Assert.True(singleStatuses[i] is HttpStatusCode.OK or HttpStatusCode.Created, $"the single post answered {singleStatuses[i]}");
        }

        await using var db = deployment.OpenDatabase();
        Assert.Equal(ids.Count, await db.Jobs.CountAsync(j => ids.Contains(j.CorrelationId)));
        Assert.Equal(ids.Count, await db.Audit.CountAsync(a => ids.Contains(a.JobId) && a.Event == "scheduled"));
    }

    [Fact]
    public async Task The_batch_route_is_in_the_OpenAPI_document()
    {
        using var response = await deployment.Api.GetAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var operation = document.GetProperty("paths").GetProperty("/api/jobs/batch").GetProperty("post");
        Assert.Equal("ScheduleJobs", operation.GetProperty("operationId").GetString());
        Assert.True(operation.GetProperty("responses").TryGetProperty("200", out _), operation.ToString());
        Assert.True(operation.TryGetProperty("requestBody", out _), operation.ToString());
    }
}
