using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.Consumers.Hosting;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Handlers;

/// <summary>Consumer hosts of their own: typed handlers, announcements, and a graceful shutdown.</summary>
public sealed class HandlerHostTests
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<JsonElement> HandlerAsync(HttpClient api, string name) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/handlers")).EnumerateArray().SingleOrDefault(h => h.GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_typed_handler_in_its_own_host_is_announced_receives_its_payload_and_reports_progress_and_result()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();

        using (var unknown = await api.PostAsync("/api/jobs", Json($$"""{"name": "too early", "handler": "{{ReportJobHandler.Name}}"}""")))
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var consumer = await ConsumerService.StartAsync(deployment.RabbitMqUri, bus => bus.AddJobHandler<ReportJobHandler>(ReportJobHandler.Name));
        var announced = await Eventually.Until(() => HandlerAsync(api, ReportJobHandler.Name),
            h => h.ValueKind == JsonValueKind.Object && h.GetProperty("online").GetBoolean(), "the typed handler to be announced");
        Assert.Equal("announced", announced.GetProperty("source").GetString());
        Assert.True(announced.GetProperty("payloadSchema").GetProperty("properties").TryGetProperty("customer", out _));
        var host = Assert.Single(announced.GetProperty("hosts").EnumerateArray());
        Assert.True(host.GetProperty("online").GetBoolean());

        using var created = await api.PostAsync("/api/jobs", Json($$$"""{"name": "acme report", "handler": "{{{ReportJobHandler.Name}}}", "payload": {"customer": "acme", "rows": 42}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(job.GetProperty("handlerOnline").GetBoolean());
        var id = job.GetProperty("id").GetGuid();
        Assert.True((await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("handlerOnline").GetBoolean());

        var run = await Eventually.Until(async () => (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/runs"))[0],
            r => r.GetProperty("status").GetString() == "succeeded" && r.GetProperty("progress").ValueKind == JsonValueKind.Number,
            "the run to succeed with its progress");
        Assert.Equal(42, run.GetProperty("result").GetProperty("rows").GetInt32());
        Assert.Equal("acme", run.GetProperty("result").GetProperty("customer").GetString());
        Assert.Equal("default", run.GetProperty("result").GetProperty("tenant").GetString());
        Assert.Equal(50, run.GetProperty("progress").GetDouble());
        Assert.Equal("21 of 42 rows for acme", run.GetProperty("progressMessage").GetString());

        // A payload that does not fit fails at once, as permanent, with the reason.
        using var misfit = await api.PostAsync("/api/jobs", Json($$$"""{"name": "bad report", "handler": "{{{ReportJobHandler.Name}}}", "payload": {"rows": "many"}}"""));
        var misfitId = (await misfit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var failed = await Eventually.Until(async () => (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{misfitId}/runs"))[0],
            r => r.GetProperty("status").GetString() == "faulted", "the misfit run to fault");
        Assert.Equal("permanent", failed.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("payload", failed.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        // The host goes: the handler goes offline but stays known, and its jobs are accepted, flagged.
        await consumer.DisposeAsync();
        var offline = await Eventually.Until(() => HandlerAsync(api, ReportJobHandler.Name),
            h => !h.GetProperty("online").GetBoolean(), "the handler to go offline with its host");
        Assert.NotEqual(JsonValueKind.Null, offline.GetProperty("hosts")[0].GetProperty("stoppedAt").ValueKind);
        using var waiting = await api.PostAsync("/api/jobs", Json($$$"""{"name": "waits", "handler": "{{{ReportJobHandler.Name}}}", "payload": {"customer": "acme", "rows": 1}}"""));
        Assert.Equal(HttpStatusCode.Created, waiting.StatusCode);
        Assert.False((await waiting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handlerOnline").GetBoolean());
        Assert.False((await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("handlerOnline").GetBoolean());
        using (var never = await api.PostAsync("/api/jobs", Json("""{"name": "never", "handler": "never.announced"}""")))
            Assert.Equal(HttpStatusCode.BadRequest, never.StatusCode);

        // Announcements are kept: a restarted scheduler still knows the handler.
        await deployment.StopInstanceAsync(instance);
        var restarted = await deployment.StartInstanceAsync();
        using var again = restarted.CreateClient();
        using var accepted = await again.PostAsync("/api/jobs", Json($$$"""{"name": "after restart", "handler": "{{{ReportJobHandler.Name}}}", "payload": {"customer": "acme", "rows": 1}}"""));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Sigterm_during_50_sleeping_runs_lets_them_finish_or_return_and_loses_none()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await deployment.StartInstanceAsync();
        var settings = new Dictionary<string, string>
        {
            ["Scheduler:Handlers:sleep:Concurrency"] = "10",
            ["Scheduler:Consumer:DrainTime"] = "00:00:15",
        };
        var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString, settings);

        var payload = JsonDocument.Parse("""{"duration": "PT1S"}""").RootElement.Clone();
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(ids.Select((id, i) => deployment.ClientBus.Publish(new Contracts.ScheduleJob
        {
            JobId = id, Name = $"drain {i}", Handler = "sleep", Payload = payload,
        })));

        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Runs.AsNoTracking().CountAsync(r => ids.Contains(r.JobId) && r.Status == RunStatus.Running),
            running => running >= 5,
            "runs to be in flight");

        var exitCode = await consumer.TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{string.Join('\n', consumer.Output.TakeLast(60))}");
        await consumer.DisposeAsync();

        // What was in flight finished during the drain: nothing is left running in the records.
        var afterDrain = await Eventually.Until(
            () => db.Runs.AsNoTracking().Where(r => ids.Contains(r.JobId)).ToListAsync(),
            runs => runs.All(r => r.Status != RunStatus.Running),
            "no run to be left running after the drain", TimeSpan.FromSeconds(20));
        Assert.Contains(afterDrain, r => r.Status == RunStatus.Succeeded);
        Assert.Contains(afterDrain, r => r.Status == RunStatus.Pending);

        await using var restarted = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString, settings);
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => ids.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == ids.Count,
            "all 50 jobs to complete after the restart", TimeSpan.FromMinutes(2));

        var runs = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.JobId)).ToListAsync();
        Assert.Equal(ids.Order(), runs.Select(r => r.JobId).Order());
        Assert.All(runs, run => Assert.Equal(RunStatus.Succeeded, run.Status));
    }
}
