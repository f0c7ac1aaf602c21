using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Contracts.Serialization;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>A cron schedule's DST choice through the REST API, on whichever deployment the derived class names.</summary>
public abstract class DaylightSavingApiBehaviour(IApiDeployment deployment)
{
    [Fact]
    public async Task A_job_keeps_its_dst_choice_and_its_next_run_follows_it()
    {
        using var created = await deployment.Api.PostAsJsonAsync("/api/jobs", new
        {
            name = "dst skip",
            handler = "noop",
            schedule = new { cron = "30 2 28 3 *", timeZone = "Europe/Berlin", dst = new { skipped = "skip", repeated = "both" } },
        }, SchedulerJson.CreateOptions());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await created.Content.ReadFromJsonAsync<JsonElement>();
        var dst = job.GetProperty("schedule").GetProperty("dst");
        Assert.Equal(("skip", "both"), (dst.GetProperty("skipped").GetString(), dst.GetProperty("repeated").GetString()));

        // Berlin springs forward on the last Sunday of March (2027-03-28): with "skip" the next run is a 28 March whose
        // 02:30 exists, never the 03:00 that "runAfter" would move it to.
        var next = TimeZoneInfo.ConvertTime(job.GetProperty("nextRunAt").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal((3, 28, new TimeOnly(2, 30)), (next.Month, next.Day, TimeOnly.FromDateTime(next.DateTime)));
    }

    [Theory]
    [InlineData("""{"cron": "30 2 * * *", "dst": {"skipped": "later"}}""", "schedule.dst.skipped")]
    [InlineData("""{"every": "PT1H", "dst": {"repeated": "both"}}""", "schedule.dst")]
    public async Task A_bad_dst_choice_is_refused_naming_the_field(string schedule, string field)
    {
        using var content = new StringContent($$"""{"name": "bad dst", "handler": "noop", "schedule": {{schedule}}}""", System.Text.Encoding.UTF8,
            "application/json");

        using var response = await deployment.Api.PostAsync("/api/jobs", content);

        await FieldProblem.AssertNamesAsync(response, field);
    }

    [Fact]
    public async Task Preview_marks_the_occurrence_spring_forward_moved()
    {
        var preview = await deployment.Api.GetFromJsonAsync<JsonElement>(
            "/api/schedules/preview?cron=30%202%20*%20*%20*&timeZone=America/New_York&from=2026-03-07T00:00:00Z&count=2&dstSkipped=runAfter");

        var occurrences = preview.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.False(occurrences[0].TryGetProperty("dst", out _));
        Assert.Equal("moved", occurrences[1].GetProperty("dst").GetString());
        Assert.Equal("2026-03-08T07:00:00Z", occurrences[1].GetProperty("utc").GetString());
    }
}
