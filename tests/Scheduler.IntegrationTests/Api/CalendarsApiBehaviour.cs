using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Contracts.Serialization;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Calendars through the REST API, and a job that names one, on whichever deployment the derived class names.</summary>
public abstract class CalendarsApiBehaviour(IApiDeployment deployment)
{
    static readonly JsonSerializerOptions Json = SchedulerJson.CreateOptions();

    static string NewName() => $"cal-{Guid.NewGuid():N}"[..20];

    Task<HttpResponseMessage> PutAsync(string name, object body) => deployment.Api.PutAsJsonAsync($"/api/calendars/{name}", body, Json);

    async Task<JsonElement> CreateJobAsync(object schedule)
    {
        using var created = await deployment.Api.PostAsJsonAsync("/api/jobs", new { name = "calendar job", handler = "noop", schedule }, Json);
        var job = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, job.ToString());
        return job;
    }

    async Task<List<JsonElement>> GetListAsync(string path) =>
        (await deployment.Api.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().ToList();

    [Fact]
    public async Task A_calendar_is_created_replaced_listed_read_and_deleted()
    {
        var name = NewName();
        using (var created = await PutAsync(name, new { timeZone = "Europe/Berlin", exclude = new { dates = new List<string> { "2026-12-25" } } }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var replaced = await PutAsync(name, new { timeZone = "Europe/Berlin", exclude = new { weekdays = new List<string> { "SAT", "SUN" } } }))
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var calendar = await deployment.Api.GetFromJsonAsync<JsonElement>($"/api/calendars/{name}");
        Assert.Equal("Europe/Berlin", calendar.GetProperty("timeZone").GetString());
        Assert.Equal(["SAT", "SUN"], calendar.GetProperty("exclude").GetProperty("weekdays").EnumerateArray().Select(d => d.GetString()));
        Assert.False(calendar.GetProperty("exclude").TryGetProperty("dates", out _));
        Assert.Contains(await GetListAsync("/api/calendars"), c => c.GetProperty("name").GetString() == name);

        using (var deleted = await deployment.Api.DeleteAsync($"/api/calendars/{name}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await deployment.Api.GetAsync($"/api/calendars/{name}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("""{"exclude": {"dates": ["25.12.2026"]}}""", "exclude.dates[0]")]
    [InlineData("""{"exclude": {"timesOfDay": [{"from": "12:00", "to": "25:00"}]}}""", "exclude.timesOfDay[0].to")]
    [InlineData("""{"timeZone": "Mars/Olympus"}""", "timeZone")]
    [InlineData("""{"exclude": {"dates": "2026-12-25"}}""", "exclude.dates")]
    public async Task A_bad_calendar_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var name = NewName();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await deployment.Api.PutAsync($"/api/calendars/{name}", content);

        await FieldProblem.AssertNamesAsync(response, field);
        using var absent = await deployment.Api.GetAsync($"/api/calendars/{name}");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task A_calendar_a_job_names_is_not_deleted_until_the_job_is()
    {
        var name = NewName();
        (await PutAsync(name, new { exclude = new { weekdays = new List<string> { "SUN" } } })).Dispose();
        var job = await CreateJobAsync(new { cron = "0 9 * * *", calendar = name });

        using (var refused = await deployment.Api.DeleteAsync($"/api/calendars/{name}"))
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        (await deployment.Api.DeleteAsync($"/api/jobs/{job.GetProperty("id").GetGuid()}")).Dispose();
        using var deleted = await deployment.Api.DeleteAsync($"/api/calendars/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task A_job_naming_no_such_calendar_is_refused_naming_the_field()
    {
        using var response = await deployment.Api.PostAsJsonAsync("/api/jobs",
            new { name = "no calendar", handler = "noop", schedule = new { cron = "0 9 * * *", calendar = NewName() } }, Json);

        await FieldProblem.AssertNamesAsync(response, "schedule.calendar");
    }

    [Fact]
    public async Task Preview_marks_each_occurrence_the_calendar_excludes()
    {
        var name = NewName();
        (await PutAsync(name, new { timeZone = "Europe/Berlin", exclude = new { dates = new List<string> { "2026-12-25" } } })).Dispose();

        var preview = await deployment.Api.GetFromJsonAsync<JsonElement>(
            $"/api/schedules/preview?cron=0%209%20*%20*%20*&timeZone=Europe/Berlin&from=2026-12-24T00:00:00Z&count=3&calendar={name}");

        var occurrences = preview.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.False(occurrences[0].TryGetProperty("excluded", out _));
        var excluded = occurrences[1].GetProperty("excluded");
        Assert.Equal((name, "date 2026-12-25"), (excluded.GetProperty("calendar").GetString(), excluded.GetProperty("reason").GetString()));
        Assert.False(occurrences[2].TryGetProperty("excluded", out _));
    }

    [Fact]
    public async Task An_excluded_occurrence_does_not_run_and_a_changed_calendar_applies_to_the_next_occurrence()
    {
        var name = NewName();
        (await PutAsync(name, new { exclude = new { cron = "*/2 * * * * *" } })).Dispose();
        var jobId = (await CreateJobAsync(new { cron = "* * * * * *", calendar = name })).GetProperty("id").GetGuid();

        // Even seconds are excluded: the job runs on odd ones only, and says why the others did not run.
        var runs = await Eventually.Until(() => GetListAsync($"/api/jobs/{jobId}/runs"), r => r.Count >= 2, "two runs");
        Assert.All(runs, r => Assert.Equal(1, r.GetProperty("scheduledFor").GetDateTimeOffset().Second % 2));
        await Eventually.Until(() => GetListAsync($"/api/jobs/{jobId}/audit"),
            a => a.Any(e => e.GetProperty("event").GetString() == "occurrenceExcluded"), "an occurrence excluded");

        // Every day excluded from now on: once one occurrence has read the change, no later one runs.
        (await PutAsync(name, new { exclude = new { weekdays = new List<string> { "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN" } } })).Dispose();
        var audit = await Eventually.Until(() => GetListAsync($"/api/jobs/{jobId}/audit"),
            a => a.Count(e => e.GetProperty("detail").GetString()?.Contains(": weekday", StringComparison.Ordinal) == true) >= 2,
            "occurrences excluded by the changed calendar");
        var firstExcluded = audit.First(e => e.GetProperty("detail").GetString()?.Contains(": weekday", StringComparison.Ordinal) == true)
            .GetProperty("at").GetDateTimeOffset();
        (await deployment.Api.DeleteAsync($"/api/jobs/{jobId}")).Dispose();

        Assert.DoesNotContain(await GetListAsync($"/api/jobs/{jobId}/runs"), r => r.GetProperty("scheduledFor").GetDateTimeOffset() > firstExcluded);
    }
}
