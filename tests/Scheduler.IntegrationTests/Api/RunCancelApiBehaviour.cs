using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Cancelling a running run through REST and the bus, on whichever deployment the derived class names.</summary>
public abstract class RunCancelApiBehaviour(IApiDeployment deployment)
{
    /// <summary>The deployment's bus, to send commands on as another service would.</summary>
    protected abstract IBus Bus { get; }

    async Task<(Guid JobId, Guid RunId)> StartLongRunAsync()
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body("""
            {"name": "long import", "handler": "sleep", "payload": {"duration": "PT60S"}, "timeout": "PT120S",
             "retry": {"maxAttempts": 3, "initialDelay": "PT0.1S"}}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetGuid();
        var running = await Eventually.Until(() => GetJsonAsync($"/api/jobs/{id}/runs"),
            runs => runs.EnumerateArray().Any(r => r.GetProperty("status").GetString() == "running"), "the run to start");
        return (id, running.EnumerateArray().Single().GetProperty("id").GetGuid());
    }

    async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await deployment.Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiJson.ReadAsync(response);
    }

    [Fact]
    public async Task A_running_run_cancelled_ends_cancelled_its_handler_stops_and_it_is_not_retried()
    {
        var (id, runId) = await StartLongRunAsync();

        using var cancelled = await deployment.Api.PostAsync($"/api/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await ApiJson.ReadAsync(cancelled)).GetProperty("status").GetString());

        // The handler's token fired: it reports its end long before its 60 s, and that late outcome changes nothing.
        await using var db = deployment.OpenDatabase();
        var trail = await Eventually.Until(
            () => db.Audit.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.Id).ToListAsync(),
            entries => entries.Any(a => a.Event == "lateOutcome"),
            "the handler to stop and report");
        var cancel = Assert.Single(trail, a => a.Event == "runCancelled");
        Assert.Equal("key:open", cancel.Actor);
        Assert.Equal(runId, cancel.RunId);
        Assert.DoesNotContain(trail, a => a.Event == "retryScheduled");

        var run = Assert.Single((await GetJsonAsync($"/api/jobs/{id}/runs")).EnumerateArray());
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        Assert.Equal("completed", (await GetJsonAsync($"/api/jobs/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancelling_a_run_that_has_ended_is_a_409_and_changes_nothing()
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body("""{"name": "quick", "handler": "noop"}"""));
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetGuid();
        var runs = await Eventually.Until(() => GetJsonAsync($"/api/jobs/{id}/runs"),
            r => r.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "succeeded"), "the run to succeed");
        var runId = runs.EnumerateArray().Single().GetProperty("id").GetGuid();

        using var response = await deployment.Api.PostAsync($"/api/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("succeeded", (await GetJsonAsync($"/api/runs/{runId}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("not-a-guid", HttpStatusCode.BadRequest)]
    [InlineData("0190f0aa-0000-7000-8000-0000000000ff", HttpStatusCode.NotFound)]
    public async Task Cancelling_no_run_is_refused(string runId, HttpStatusCode status)
    {
        using var response = await deployment.Api.PostAsync($"/api/runs/{runId}/cancel", null);

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task A_run_cancelled_on_the_bus_is_answered_and_ends_cancelled()
    {
        var (id, runId) = await StartLongRunAsync();

        var answer = await Bus.CreateRequestClient<CancelRun>().GetResponse<RunCancelled>(new CancelRun { JobId = id, RunId = runId, Reason = "wrong file" });

        Assert.Equal(runId, answer.Message.RunId);
        Assert.Equal("cancelled", (await GetJsonAsync($"/api/runs/{runId}")).GetProperty("status").GetString());
        await using var db = deployment.OpenDatabase();
        var entry = await db.Audit.AsNoTracking().SingleAsync(a => a.JobId == id && a.Event == "runCancelled");
        Assert.Equal("attempt 1: wrong file", entry.Detail);
    }
}
