using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Telemetry;

/// <summary>Alerts a team can consume from RabbitMQ.</summary>
public sealed class AlertTests
{
    [Fact]
    public async Task Runs_waiting_for_a_handler_with_no_host_online_raise_HandlerUnavailable_on_the_bus()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false,
            settings: new Dictionary<string, string> { ["Scheduler:Telemetry:SampleInterval"] = "00:00:00.250" });
        var alerts = new ConcurrentQueue<HandlerUnavailable>();
        var endpoint = deployment.ClientBus.ConnectReceiveEndpoint("alerts-test", e => e.Handler<HandlerUnavailable>(context =>
        {
            alerts.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        await endpoint.Ready;
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var created = await api.PostAsync("/api/jobs", new StringContent("""{"name": "stuck", "handler": "noop"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var alert = await Eventually.Until(() => Task.FromResult(alerts.FirstOrDefault()), a => a is not null, "HandlerUnavailable for noop");
        Assert.Equal("noop", alert!.Handler);
        Assert.InRange(alert.WaitingRuns, 1, 2);
        Assert.DoesNotContain(alerts, a => a.Handler != "noop");
    }

    [Fact]
    public async Task A_run_longer_than_its_jobs_alertAfter_raises_JobRunOverdue_once_and_a_shorter_one_none()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var alerts = new ConcurrentQueue<JobRunOverdue>();
        var endpoint = deployment.ClientBus.ConnectReceiveEndpoint("overdue-test", e => e.Handler<JobRunOverdue>(context =>
        {
            alerts.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        await endpoint.Ready;
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();

        var slow = await CreateAsync(api, """{"name": "slow", "handler": "sleep", "payload": {"duration": "PT2S"}, "alertAfter": "PT0.5S"}""");
        var quick = await CreateAsync(api, """{"name": "quick", "handler": "noop", "alertAfter": "PT30S"}""");
        var job = await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>($"/api/jobs/{slow}"),
            j => j.GetProperty("status").GetString() == "completed", "the slow job to complete");
        await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>($"/api/jobs/{quick}"),
            j => j.GetProperty("status").GetString() == "completed", "the quick job to complete");

        Assert.Equal("PT0.5S", job.GetProperty("alertAfter").GetString());
        var alert = await Eventually.Until(() => Task.FromResult(alerts.FirstOrDefault()), a => a is not null, "JobRunOverdue for the slow run");
        Assert.Equal(slow, alert!.JobId);
        Assert.Equal("sleep", alert.Handler);
        Assert.Equal(TimeSpan.FromMilliseconds(500), alert.AlertAfter);
        Assert.Single(alerts);

        using var refused = await api.PostAsync("/api/jobs", new StringContent("""{"name": "x", "handler": "noop", "alertAfter": "PT0S"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("alertAfter", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static async Task<Guid> CreateAsync(HttpClient api, string body)
    {
        using var created = await api.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
