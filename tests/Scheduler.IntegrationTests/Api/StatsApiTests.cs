using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

public sealed class StatsApiTests
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Stats_count_jobs_and_runs_by_status_with_success_rate_and_durations_per_handler()
    {
        await using var deployment = await IsolatedDeployment.StartAsync();
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();
        foreach (var body in new[]
                 {
                     """{"name": "a", "handler": "noop"}""", """{"name": "b", "handler": "noop"}""", """{"name": "c", "handler": "noop"}""",
                     """{"name": "d", "handler": "fail", "payload": {"permanent": true}}""",
                 })
        {
            using var created = await api.PostAsync("/api/jobs", Json(body));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var stats = await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>("/api/stats?window=PT10M"),
            s => s.GetProperty("overall").GetProperty("jobs").GetProperty("completed").GetInt32() == 3
                 && s.GetProperty("overall").GetProperty("jobs").GetProperty("faulted").GetInt32() == 1,
            "the four jobs to finish");

        Assert.Equal("PT10M", stats.GetProperty("window").GetString());
        var overall = stats.GetProperty("overall");
        Assert.Equal(3, overall.GetProperty("runs").GetProperty("succeeded").GetInt32());
        Assert.Equal(1, overall.GetProperty("runs").GetProperty("faulted").GetInt32());
        Assert.Equal(0, overall.GetProperty("runs").GetProperty("running").GetInt32());
        Assert.Equal(0.75, overall.GetProperty("successRate").GetDouble());
        Assert.True(overall.GetProperty("durationMs").GetProperty("p99").GetDouble() >= overall.GetProperty("durationMs").GetProperty("p50").GetDouble());

        var byHandler = stats.GetProperty("handlers").EnumerateArray().ToDictionary(h => h.GetProperty("handler").GetString()!);
        Assert.Equal(["fail", "noop"], byHandler.Keys.Order());
        Assert.Equal(1.0, byHandler["noop"].GetProperty("successRate").GetDouble());
        Assert.Equal(3, byHandler["noop"].GetProperty("jobs").GetProperty("completed").GetInt32());
        Assert.Equal(0.0, byHandler["fail"].GetProperty("successRate").GetDouble());

        using var bad = await api.GetAsync("/api/stats?window=an-hour");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("window", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
