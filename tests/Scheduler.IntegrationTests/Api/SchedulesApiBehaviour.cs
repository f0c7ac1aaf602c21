using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>The schedule preview and scheduler state routes, on whichever deployment the derived class names.</summary>
public abstract class SchedulesApiBehaviour(IApiDeployment deployment)
{
    [Fact]
    public async Task Preview_lists_the_next_cron_occurrences_in_utc_and_local_time_across_a_dst_change()
    {
        var query = "cron=30%202%20*%20*%20*&timeZone=Europe/Berlin&from=2026-03-27T12:00:00Z&count=3";

        var preview = await deployment.Api.GetFromJsonAsync<JsonElement>($"/api/schedules/preview?{query}");

        Assert.Equal("cron:30 2 * * *", preview.GetProperty("expression").GetString());
        Assert.Equal("Europe/Berlin", preview.GetProperty("timeZone").GetString());
        var occurrences = preview.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal(["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"],
            occurrences.Select(o => o.GetProperty("utc").GetString()));
        Assert.Equal("2026-03-29T03:00:00+02:00", occurrences[1].GetProperty("local").GetString());
    }

    [Theory]
    [InlineData("cron=61%20*%20*%20*%20*", "cron")]
    [InlineData("cron=*%20*%20*%20*%20*&timeZone=Nowhere/Land", "timeZone")]
    [InlineData("cron=*%20*%20*%20*%20*&count=1000", "count")]
    [InlineData("cron=*%20*%20*%20*%20*&from=yesterday", "from")]
    [InlineData("every=PT0S", "every")]
    [InlineData("", "cron")]
    public async Task A_bad_preview_query_is_refused_naming_the_parameter(string query, string field)
    {
        using var response = await deployment.Api.GetAsync($"/api/schedules/preview?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_scheduler_state_shows_a_pending_job_as_due_until_it_is_cancelled()
    {
        using var created = await deployment.Api.PostAsJsonAsync("/api/jobs",
            new { name = "in an hour", handler = "noop", schedule = new { delay = "PT1H" } }, Contracts.Serialization.SchedulerJson.CreateOptions());
        var job = await created.Content.ReadFromJsonAsync<JsonElement>();
        var dueAt = job.GetProperty("nextRunAt").GetDateTimeOffset();

        var state = await deployment.Api.GetFromJsonAsync<JsonElement>("/api/scheduler");
        Assert.False(state.GetProperty("paused").GetBoolean());
        Assert.True(state.GetProperty("pendingOneTime").GetInt32() >= 1);
        Assert.True(state.GetProperty("nextDueAt").GetDateTimeOffset() <= dueAt);

        using (var cancelled = await deployment.Api.PostAsync($"/api/jobs/{job.GetProperty("id").GetGuid()}/cancel", null))
            Assert.Equal(System.Net.HttpStatusCode.OK, cancelled.StatusCode);

        await using var db = deployment.OpenDatabase();
        Assert.DoesNotContain(await db.DueMessages.Select(m => m.DueAt).ToListAsync(), due => due == dueAt);
    }
}
