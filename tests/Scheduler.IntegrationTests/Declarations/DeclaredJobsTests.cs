using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Declarations;

/// <summary>Jobs declared in configuration, upserted by key at start and by <c>POST /api/init</c>, in the embedded default.</summary>
public sealed class DeclaredJobsTests : IAsyncLifetime
{
    readonly EmbeddedDeployment _deployment = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Scheduler:Jobs:nightly-report:Name"] = "nightly report",
            ["Scheduler:Jobs:nightly-report:Handler"] = "noop",
            ["Scheduler:Jobs:nightly-report:Schedule:Cron"] = "0 3 * * *",
            ["Scheduler:Jobs:nightly-report:Schedule:TimeZone"] = "Europe/Paris",
            ["Scheduler:Jobs:nightly-report:Enabled"] = "false",
            ["Scheduler:Jobs:health:Name"] = "health checks",
            ["Scheduler:Jobs:health:Handler"] = "noop",
            ["Scheduler:Jobs:health:Schedule:Every"] = "PT5M",
            ["Scheduler:Jobs:health:Retry:MaxAttempts"] = "5",
            ["Scheduler:Jobs:broken:Name"] = "broken",
            ["Scheduler:Jobs:broken:Handler"] = "no-such-handler",
        },
    };

    public Task InitializeAsync() => _deployment.InitializeAsync();

    public Task DisposeAsync() => _deployment.DisposeAsync();

    async Task<JsonElement> DeclaredAsync(string key, string status) =>
        await Eventually.Until(async () =>
            {
                using var response = await _deployment.Api.GetAsync($"/api/jobs/by-key/{key}");
                return response.StatusCode == HttpStatusCode.OK ? await ApiJson.ReadAsync(response) : default;
            },
            job => job.ValueKind == JsonValueKind.Object && job.GetProperty("status").GetString() == status,
            $"the declared job {key} to be {status}");

    [Fact]
    public async Task Declared_jobs_are_upserted_at_start_and_init_leaves_them_alone_and_reports_the_rejected_one()
    {
        var report = await DeclaredAsync("nightly-report", "disabled");
        var health = await DeclaredAsync("health", "scheduled");
        Assert.Equal("0 3 * * *", report.GetProperty("schedule").GetProperty("cron").GetString());
        Assert.Equal(5, health.GetProperty("retry").GetProperty("maxAttempts").GetInt32());

        using var init = await _deployment.Api.PostAsync("/api/init", null);

        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        var answer = await ApiJson.ReadAsync(init);
        Assert.Empty(answer.GetProperty("created").EnumerateArray());
        Assert.Empty(answer.GetProperty("changed").EnumerateArray());
        Assert.Equal(["health", "nightly-report"], answer.GetProperty("unchanged").EnumerateArray().Select(k => k.GetString()).Order(StringComparer.Ordinal));
        Assert.StartsWith("handler:", answer.GetProperty("rejected").GetProperty("broken")[0].GetString(), StringComparison.Ordinal);

        await using var db = _deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.Key == "broken"));
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Key == "health"));
        var actors = await db.Audit.AsNoTracking().Where(a => a.JobId == report.GetProperty("id").GetGuid()).Select(a => a.Actor).ToListAsync();
        Assert.Equal(["config", "config"], actors);
    }

    [Fact]
    public async Task Init_puts_back_a_declared_job_switched_on_by_hand()
    {
        var report = await DeclaredAsync("nightly-report", "disabled");
        await DeclaredAsync("health", "scheduled");
        using var enabled = await _deployment.Api.PostAsync($"/api/jobs/{report.GetProperty("id").GetGuid()}/enable", null);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);

        using var init = await _deployment.Api.PostAsync("/api/init", null);

        var answer = await ApiJson.ReadAsync(init);
        Assert.Equal(["nightly-report"], answer.GetProperty("changed").EnumerateArray().Select(k => k.GetString()));
        await DeclaredAsync("nightly-report", "disabled");
    }
}
