using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Contracts.Serialization;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Backfill through the REST API, on whichever deployment the derived class names.</summary>
public abstract class BackfillApiBehaviour(IApiDeployment deployment)
{
    static readonly JsonSerializerOptions Json = SchedulerJson.CreateOptions();

    async Task<Guid> CreateJobAsync(object schedule, object? concurrency = null)
    {
        using var created = await deployment.Api.PostAsJsonAsync("/api/jobs", new { name = "backfill", handler = "noop", schedule, concurrency }, Json);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    Task<HttpResponseMessage> BackfillAsync(Guid jobId, object body) => deployment.Api.PostAsJsonAsync($"/api/jobs/{jobId}/backfill", body, Json);

    [Fact]
    public async Task A_backfill_runs_each_occurrence_of_the_range_oldest_first_and_the_ledger_marks_them()
    {
        var jobId = await CreateJobAsync(new { cron = "0 3 * * *", timeZone = "Europe/Berlin" }, new { maxInstances = 10, overlap = "allow" });

        using var response = await BackfillAsync(jobId, new { from = "2026-11-01T00:00:00Z", to = "2026-11-04T00:00:00Z" });

        var backfilled = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, backfilled.ToString());
        Assert.Equal((3, 3), (backfilled.GetProperty("occurrences").GetInt32(), backfilled.GetProperty("started").GetInt32()));

        var expected = Enumerable.Range(1, 3).Select(day => new DateTimeOffset(2026, 11, day, 2, 0, 0, TimeSpan.Zero)).ToList(); // 03:00 CET
        var runs = await Eventually.Until(
            async () => (await deployment.Api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/runs")).EnumerateArray().ToList(),
            r => r.Count == 3 && r.All(x => x.GetProperty("status").GetString() == "succeeded"), "three backfilled runs succeeded");
        Assert.Equal(expected, runs.Select(r => r.GetProperty("scheduledFor").GetDateTimeOffset()).Order());

        var ledger = (await deployment.Api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/occurrences")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected, ledger.Select(e => e.GetProperty("dueAt").GetDateTimeOffset()));
        Assert.All(ledger, e => Assert.Equal(("ran", true), (e.GetProperty("fate").GetString(), e.GetProperty("backfill").GetBoolean())));
        (await deployment.Api.DeleteAsync($"/api/jobs/{jobId}")).Dispose();
    }

    [Fact]
    public async Task A_range_of_more_than_ten_thousand_occurrences_is_refused_naming_to_and_runs_nothing()
    {
        var jobId = await CreateJobAsync(new { cron = "* * * * *" });

        using var response = await BackfillAsync(jobId, new { from = "2026-01-01T00:00:00Z", to = "2026-02-01T00:00:00Z" });

        await FieldProblem.AssertNamesAsync(response, "to");
        Assert.Empty((await deployment.Api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/runs")).EnumerateArray());
        (await deployment.Api.DeleteAsync($"/api/jobs/{jobId}")).Dispose();
    }

    [Theory]
    [InlineData("""{"to": "2026-11-02T00:00:00Z"}""", "from")]
    [InlineData("""{"from": "2026-11-02T00:00:00Z", "to": "2026-11-01T00:00:00Z"}""", "to")]
    [InlineData("""{"from": "soon", "to": "2026-11-01T00:00:00Z"}""", "from")]
    public async Task A_bad_range_is_refused_naming_the_field(string body, string field)
    {
        var jobId = await CreateJobAsync(new { cron = "0 3 * * *" });
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await deployment.Api.PostAsync($"/api/jobs/{jobId}/backfill", content);

        await FieldProblem.AssertNamesAsync(response, field);
        (await deployment.Api.DeleteAsync($"/api/jobs/{jobId}")).Dispose();
    }

    [Fact]
    public async Task A_one_shot_is_not_backfilled_and_an_unknown_job_is_not_found()
    {
        var oneShot = await CreateJobAsync(new { delay = "PT1H" });
        var range = new { from = "2026-11-01T00:00:00Z", to = "2026-11-02T00:00:00Z" };

        using (var refused = await BackfillAsync(oneShot, range))
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using var missing = await BackfillAsync(Guid.NewGuid(), range);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        (await deployment.Api.DeleteAsync($"/api/jobs/{oneShot}")).Dispose();
    }
}
