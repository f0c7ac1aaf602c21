using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Telemetry;

/// <summary>
/// <c>/metrics</c> after real runs: the service's (embedded: its handlers run in-process) and a consumer host's on its
/// own port, each counter moved by exactly what was done.
/// </summary>
public sealed class MetricsEndpointTests
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_service_counts_admissions_rejections_runs_retries_and_dead_letters_by_handler_and_outcome()
    {
        var deployment = new EmbeddedDeployment { Settings = new Dictionary<string, string> { ["Scheduler:Telemetry:SampleInterval"] = "00:00:00.200" } };
        await deployment.InitializeAsync();
        try
        {
            var api = deployment.Api;
            var jobs = new List<Guid>();
            foreach (var body in new[]
                     {
                         """{"name": "a", "handler": "noop"}""",
                         """{"name": "b", "handler": "noop"}""",
                         """{"name": "c", "handler": "fail", "payload": {"message": "boom"}, "retry": {"maxAttempts": 2, "initialDelay": "PT0.1S", "backoff": "fixed"}}""",
                     })
            {
                using var created = await api.PostAsync("/api/jobs", Json(body));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                jobs.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }

            using (var refused = await api.PostAsync("/api/jobs", Json("""{"name": "x", "handler": "no-such-handler"}""")))
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

            await Eventually.Until(async () => await Task.WhenAll(jobs.Select(async id =>
                    (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}")).GetProperty("status").GetString())),
                statuses => statuses.SequenceEqual(["completed", "completed", "faulted"]), "the three jobs to finish");

            var metrics = await Eventually.Until(async () => new PrometheusText(await api.GetStringAsync("/metrics")),
                m => m.Sum("scheduler_runs_completed_total") >= 4 && m.Sum("scheduler_handler_hosts", ("scheduler_handler", "noop")) >= 1,
                "the runs and a sample to show in /metrics");

            Assert.Equal(3, metrics.Sum("scheduler_jobs_admitted_total"));
            Assert.Equal(1, metrics.Sum("scheduler_jobs_rejected_total"));
            Assert.Equal(2, metrics.Sum("scheduler_runs_completed_total", ("scheduler_handler", "noop"), ("scheduler_run_outcome", "succeeded")));
            Assert.Equal(2, metrics.Sum("scheduler_runs_completed_total", ("scheduler_handler", "fail"), ("scheduler_run_outcome", "failed")));
            Assert.Equal(1, metrics.Sum("scheduler_retries_scheduled_total", ("scheduler_handler", "fail")));
            Assert.Equal(1, metrics.Sum("scheduler_runs_dead_lettered_total", ("scheduler_handler", "fail")));
            Assert.Equal(4, metrics.Sum("scheduler_run_duration_seconds_count"));
            // Lateness is a first attempt's: the retry waited for its backoff, which is not lateness.
            Assert.Equal(3, metrics.Sum("scheduler_run_lateness_seconds_count"));
            Assert.True(metrics.Has("scheduler_due_backlog"), metrics.Text);
            Assert.True(metrics.Has("scheduler_dispatcher_lag_seconds"), metrics.Text);
        }
        finally
        {
            await deployment.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_consumer_host_serves_its_runs_on_a_metrics_port_of_its_own()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        var port = FreePort.Next();
        await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString,
            new Dictionary<string, string> { ["Scheduler:Consumer:Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var created = await api.PostAsync("/api/jobs", Json("""{"name": "tick", "handler": "noop"}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var scraper = new HttpClient();
        var metrics = await Eventually.Until(async () => new PrometheusText(await scraper.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"))),
            m => m.Sum("scheduler_runs_completed_total", ("scheduler_handler", "noop"), ("scheduler_run_outcome", "succeeded")) >= 2,
            "the consumer host's /metrics to show both runs");

        Assert.Equal(2, metrics.Sum("scheduler_runs_completed_total", ("scheduler_handler", "noop"), ("scheduler_run_outcome", "succeeded")));
        Assert.Equal(2, metrics.Sum("scheduler_run_lateness_seconds_count", ("scheduler_handler", "noop")));
    }
}
