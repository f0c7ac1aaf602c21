using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>The jobs REST API, on whichever deployment the derived class names: real and embedded alike.</summary>
public abstract class JobsApiBehaviour(IApiDeployment deployment)
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await deployment.Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    [Fact]
    public async Task Posting_a_job_runs_it_now_and_its_state_runs_and_audit_trail_are_readable()
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", Json("""
            {"name": "api job", "handler": "sleep", "payload": {"duration": "PT0.1S"}, "priority": "high",
             "timeout": "PT30S", "metadata": {"team": "billing"}}
            """));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await ReadJsonAsync(created);
        var id = job.GetProperty("id").GetGuid();
        Assert.Equal($"/api/jobs/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("api job", job.GetProperty("name").GetString());
        Assert.Equal("default", job.GetProperty("tenantId").GetString());
        Assert.Equal("high", job.GetProperty("priority").GetString());
        Assert.Equal("PT30S", job.GetProperty("timeout").GetString());
        Assert.Equal("billing", job.GetProperty("metadata").GetProperty("team").GetString());
        Assert.True(job.GetProperty("status").GetString() is "scheduled" or "running" or "completed");

        var completed = await Eventually.Until(
            () => GetJsonAsync($"/api/jobs/{id}"),
            j => j.GetProperty("status").GetString() == "completed",
            "the job to complete");
        Assert.Equal(1, completed.GetProperty("runCount").GetInt32());
        Assert.Equal(0, completed.GetProperty("failureCount").GetInt32());
        Assert.EndsWith("Z", completed.GetProperty("lastRunAt").GetString(), StringComparison.Ordinal);

        var run = Assert.Single((await GetJsonAsync($"/api/jobs/{id}/runs")).EnumerateArray());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("attempt").GetInt32());
        Assert.Equal(id, run.GetProperty("jobId").GetGuid());
        Assert.True(run.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal("PT0.1S", run.GetProperty("result").GetProperty("slept").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind);

        var audit = (await GetJsonAsync($"/api/jobs/{id}/audit")).EnumerateArray().ToList();
        Assert.Equal(["scheduled", "runStarted", "runSucceeded"], audit.Select(a => a.GetProperty("event").GetString()));
        Assert.Equal("key:open", audit[0].GetProperty("actor").GetString());
        Assert.StartsWith("consumer:", audit[2].GetProperty("actor").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanently_failing_run_is_shown_as_a_dead_letter_with_its_error_category_and_message()
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", Json("""
            {"name": "doomed", "handler": "fail", "payload": {"message": "no such customer", "permanent": true}}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();

        await Eventually.Until(() => GetJsonAsync($"/api/jobs/{id}"), j => j.GetProperty("status").GetString() == "faulted", "the job to fault");

        var run = Assert.Single((await GetJsonAsync($"/api/jobs/{id}/runs")).EnumerateArray());
        Assert.Equal("faulted", run.GetProperty("status").GetString());
        Assert.Equal("permanent", run.GetProperty("error").GetProperty("category").GetString());
        Assert.Equal("no such customer", run.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_given_job_id_is_kept_and_posting_it_again_returns_the_same_job()
    {
        var id = Guid.NewGuid();
        var body = $$"""{"jobId": "{{id}}", "name": "once", "handler": "noop"}""";

        using var first = await deployment.Api.PostAsync("/api/jobs", Json(body));
        using var second = await deployment.Api.PostAsync("/api/jobs", Json(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(id, (await ReadJsonAsync(second)).GetProperty("id").GetGuid());
        await using var db = deployment.OpenDatabase();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.CorrelationId == id));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_existing_job_with_200()
    {
        var key = $"invoice-{Guid.NewGuid():N}";
        var body = $$"""{"name": "invoice run", "handler": "noop", "idempotencyKey": "{{key}}"}""";

        using var first = await deployment.Api.PostAsync("/api/jobs", Json(body));
        using var second = await deployment.Api.PostAsync("/api/jobs", Json(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await ReadJsonAsync(first)).GetProperty("id").GetGuid(), (await ReadJsonAsync(second)).GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("""{"name": "x", "handler": "no-such-handler"}""", "handler")]
    [InlineData("""{"handler": "noop"}""", "name")]
    [InlineData("""{"name": "   ", "handler": "noop"}""", "name")]
    [InlineData("""{"name": "x"}""", "handler")]
    [InlineData("""{"name": "x", "handler": "Not A Name"}""", "handler")]
    [InlineData("""{"name": "x", "handler": "noop", "payload": [1, 2]}""", "payload")]
    [InlineData("""{"name": "x", "handler": "noop", "priority": "urgent"}""", "priority")]
    [InlineData("""{"name": "x", "handler": "noop", "timeout": "5 seconds"}""", "timeout")]
    [InlineData("""{"name": "x", "handler": "noop", "timeout": "-PT5S"}""", "timeout")]
    [InlineData("""{"name": "x", "handler": "noop", "retry": {"maxAttempts": 21}}""", "retry.maxAttempts")]
    [InlineData("""{"name": "x", "handler": "noop", "concurrency": {"maxInstances": 0}}""", "concurrency.maxInstances")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"delay": "PT0S"}}""", "schedule.delay")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"delay": "-PT5S"}}""", "schedule.delay")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"cron": "*/5 * * *"}}""", "schedule.cron")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"cron": "0 25 * * *"}}""", "schedule.cron")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"cron": "0 9 * * *", "timeZone": "Moon/Base"}}""", "schedule.timeZone")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"at": "2020-01-01T00:00:00Z"}}""", "schedule.at")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"at": "2030-01-01T00:00:00"}}""", "schedule.at")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"every": "PT0S"}}""", "schedule.every")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"every": "PT1M", "cron": "* * * * *"}}""", "schedule")]
    [InlineData("""{"name": "x", "handler": "noop", "jobId": "not-a-guid"}""", "jobId")]
    [InlineData("""{"name": 42, "handler": "noop"}""", "name")]
    [InlineData("""{"name": "x", "handler": "noop",""", "body")]
    [InlineData("""[]""", "body")]
    [InlineData("""null""", "body")]
    [InlineData("""{"name": "x", "handler": "noop", "payload": "text"}""", "payload")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"cron": "not a cron"}}""", "schedule.cron")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"cron": "61 * * * *"}}""", "schedule.cron")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"delay": "five seconds"}}""", "schedule.delay")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"at": "not a date"}}""", "schedule.at")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"every": "-PT1M"}}""", "schedule.every")]
    [InlineData("""{"name": "x", "handler": "noop", "schedule": {"cron": "0 9 * * *", "timeZone": 5}}""", "schedule.timeZone")]
    [InlineData("""{"name": "x", "handler": "noop", "priority": true}""", "priority")]
    [InlineData("""{"name": "x", "handler": "noop", "retry": {"maxAttempts": 0}}""", "retry.maxAttempts")]
    [InlineData("""{"name": "x", "handler": "noop", "retry": {"maxAttempts": "three"}}""", "retry.maxAttempts")]
    [InlineData("""{"name": "x", "handler": "noop", "retry": {"initialDelay": "PT10S", "maxDelay": "PT1S"}}""", "retry.maxDelay")]
    [InlineData("""{"name": "x", "handler": "noop", "retry": {"backoff": "linear"}}""", "retry.backoff")]
    [InlineData("""{"name": "x", "handler": "noop", "timeout": "PT0S"}""", "timeout")]
    [InlineData("""{"name": "x", "handler": "noop", "concurrency": {"maxInstances": 11}}""", "concurrency.maxInstances")]
    [InlineData("""{"name": "x", "handler": "noop", "concurrency": {"overlap": "sometimes"}}""", "concurrency.overlap")]
    [InlineData("""{"name": "x", "handler": "noop", "misfire": {"policy": "never"}}""", "misfire.policy")]
    [InlineData("""{"name": "x", "handler": "noop", "misfire": {"graceTime": "-PT1M"}}""", "misfire.graceTime")]
    [InlineData("""{"name": "x", "handler": "noop", "idempotencyKey": ""}""", "idempotencyKey")]
    [InlineData("""{"name": "x", "handler": "noop", "metadata": ["team"]}""", "metadata")]
    [InlineData("""{"name": "x", "handler": "noop", "metadata": {"team": "a\u0000b"}}""", "metadata.team")]
    public async Task Bad_input_is_refused_with_a_problem_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        await using var db = deployment.OpenDatabase();
        var jobsBefore = await db.Jobs.CountAsync();

        using var response = await deployment.Api.PostAsync("/api/jobs", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"expected an error for '{field}', got {errors}");
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
        Assert.Equal(jobsBefore, await db.Jobs.CountAsync());
    }

    [Theory]
    [InlineData("5-1 * * * *", "the minute field '5-1': the range 5-1 runs backwards")]
    [InlineData("0 0 * * 7-1", "the day-of-week field '7-1': the range 7-1 runs backwards")]
    [InlineData("*/0 * * * *", "the minute field '*/0': a step of 0 is not a step")]
    public async Task A_cron_vixie_cron_refuses_gets_a_problem_naming_schedule_cron_and_the_crontab_field(string cron, string reason)
    {
        await using var db = deployment.OpenDatabase();
        var jobsBefore = await db.Jobs.CountAsync();

        using var response = await deployment.Api.PostAsync("/api/jobs",
            Json($$$"""{"name": "reversed", "handler": "noop", "schedule": {"cron": "{{{cron}}}"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reasons = (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("schedule.cron");
        Assert.Contains(reason, reasons[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await db.Jobs.CountAsync());
    }

    [Theory]
    [InlineData("GET", "/api/jobs/not-a-guid", null, 400)]
    [InlineData("GET", "/api/jobs/00000000-0000-0000-0000-0000000000aa", null, 404)]
    [InlineData("GET", "/api/jobs?cursor=garbage", null, 400)]
    [InlineData("GET", "/api/jobs?limit=0", null, 400)]
    [InlineData("GET", "/api/jobs?status=sleeping", null, 400)]
    [InlineData("GET", "/api/runs?status=nope", null, 400)]
    [InlineData("GET", "/api/runs?from=yesterday", null, 400)]
    [InlineData("GET", "/api/runs?jobId=42", null, 400)]
    [InlineData("GET", "/api/runs?cursor=%%%", null, 400)]
    [InlineData("GET", "/api/runs/not-a-guid", null, 400)]
    [InlineData("GET", "/api/runs/00000000-0000-0000-0000-0000000000aa", null, 404)]
    [InlineData("GET", "/api/schedules/preview?cron=bad", null, 400)]
    [InlineData("GET", "/api/stats?window=forever", null, 400)]
    [InlineData("PUT", "/api/jobs/00000000-0000-0000-0000-0000000000aa", """{"name": "x", "handler": "noop"}""", 404)]
    [InlineData("PUT", "/api/jobs/not-a-guid", """{"name": "x", "handler": "noop"}""", 400)]
    [InlineData("DELETE", "/api/jobs/00000000-0000-0000-0000-0000000000aa", null, 404)]
    [InlineData("POST", "/api/jobs/00000000-0000-0000-0000-0000000000aa/trigger", null, 404)]
    [InlineData("POST", "/api/jobs/not-a-guid/pause", null, 400)]
    [InlineData("POST", "/api/runs/00000000-0000-0000-0000-0000000000aa/replay", null, 404)]
    public async Task Malformed_requests_to_every_route_get_a_problem_and_change_nothing(string method, string path, string? body, int status)
    {
        await using var db = deployment.OpenDatabase();
        var jobsBefore = await db.Jobs.IgnoreQueryFilters().CountAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json(body) };
        using var response = await deployment.Api.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jobsBefore, await db.Jobs.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_body_over_256_KiB_is_refused_as_too_large()
    {
        await using var db = deployment.OpenDatabase();
        var jobsBefore = await db.Jobs.CountAsync();
        var huge = $$$"""{"name": "huge", "handler": "noop", "payload": {"blob": "{{{new string('x', 300 * 1024)}}}"}}""";

        using var response = await deployment.Api.PostAsync("/api/jobs", Json(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jobsBefore, await db.Jobs.CountAsync());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", Json("""{"name": "extra", "handler": "noop", "colour": "blue", "schedule": {"at2": 1}}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Putting_a_new_schedule_reschedules_the_job_at_once()
    {
        var later = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        using var created = await deployment.Api.PostAsync("/api/jobs", Json($$$"""{"name": "move me", "handler": "noop", "schedule": {"at": "{{{later}}}"}}"""));
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();

        using var recurring = await deployment.Api.PutAsync($"/api/jobs/{id}", Json("""{"name": "hourly now", "handler": "noop", "schedule": {"cron": "0 * * * *"}, "priority": "high"}"""));
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        var hourly = await ReadJsonAsync(recurring);
        Assert.Equal("hourly now", hourly.GetProperty("name").GetString());
        Assert.Equal("high", hourly.GetProperty("priority").GetString());
        var next = hourly.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal(0, next.Minute);
        Assert.True(next <= DateTimeOffset.UtcNow.AddHours(1));

        var soon = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O");
        using var moved = await deployment.Api.PutAsync($"/api/jobs/{id}", Json($$$"""{"name": "soon", "handler": "noop", "schedule": {"at": "{{{soon}}}"}}"""));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await Eventually.Until(() => GetJsonAsync($"/api/jobs/{id}"), j => j.GetProperty("status").GetString() == "completed", "the moved job to run");
        Assert.Single((await GetJsonAsync($"/api/jobs/{id}/runs")).EnumerateArray());

        var audit = (await GetJsonAsync($"/api/jobs/{id}/audit")).EnumerateArray().Select(a => a.GetProperty("event").GetString()).ToList();
        Assert.Equal(["scheduled", "updated", "updated", "runStarted", "runSucceeded"], audit);

        using var invalid = await deployment.Api.PutAsync($"/api/jobs/{id}", Json("""{"name": "x", "handler": "noop", "schedule": {"cron": "nope"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_job_cancels_it_hides_it_from_the_list_and_keeps_its_history_and_purging_removes_it()
    {
        var later = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        using var created = await deployment.Api.PostAsync("/api/jobs", Json($$$"""{"name": "delete me", "handler": "noop", "schedule": {"at": "{{{later}}}"}}"""));
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();

        using (var deleted = await deployment.Api.DeleteAsync($"/api/jobs/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var again = await deployment.Api.DeleteAsync($"/api/jobs/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        var job = await GetJsonAsync($"/api/jobs/{id}");
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("deletedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("nextRunAt").ValueKind);
        var listed = await GetJsonAsync("/api/jobs?name=delete%20me&limit=200");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetGuid() == id);
        var withDeleted = await GetJsonAsync("/api/jobs?name=delete%20me&limit=200&includeDeleted=true");
        Assert.Contains(withDeleted.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetGuid() == id);
        var audit = (await GetJsonAsync($"/api/jobs/{id}/audit")).EnumerateArray().Select(a => a.GetProperty("event").GetString()).ToList();
        Assert.Equal(["scheduled", "deleted"], audit);

        using (var purged = await deployment.Api.DeleteAsync($"/api/jobs/{id}?purge=true"))
            Assert.Equal(HttpStatusCode.NoContent, purged.StatusCode);
        using (var gone = await deployment.Api.GetAsync($"/api/jobs/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using (var history = await deployment.Api.GetAsync($"/api/jobs/{id}/audit"))
            Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Audit.AnyAsync(a => a.JobId == id));
    }

    [Fact]
    public async Task The_service_describes_itself_and_lists_its_handlers()
    {
        var service = await GetJsonAsync("/");
        Assert.Equal("Scheduler", service.GetProperty("name").GetString());
        Assert.Contains(service.GetProperty("routes").EnumerateArray(),
            r => r.GetProperty("method").GetString() == "PUT" && r.GetProperty("path").GetString() == "/api/jobs/{id}");

        var handlers = await GetJsonAsync("/api/handlers");
        var builtIn = handlers.EnumerateArray().Where(h => h.GetProperty("builtIn").GetBoolean()).Select(h => h.GetProperty("name").GetString()).ToList();
        Assert.Equal(["cleanup-history", "fail", "health-check", "http", "noop", "sleep"], builtIn);
        Assert.Contains(handlers.EnumerateArray(), h => h.GetProperty("queue").GetString() == "scheduler-handler-noop");
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first_filtered_and_paged_with_a_cursor()
    {
        var tag = $"listed-{Guid.NewGuid():N}";
        var ids = new List<Guid>();
        foreach (var i in Enumerable.Range(0, 3))
        {
            using var created = await deployment.Api.PostAsync("/api/jobs", Json($$"""{"name": "{{tag}} {{i}}", "handler": "noop"}"""));
            ids.Add((await ReadJsonAsync(created)).GetProperty("id").GetGuid());
        }

        var first = await GetJsonAsync($"/api/jobs?name={tag}&handler=noop&limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await GetJsonAsync($"/api/jobs?name={tag}&limit=2&cursor={Uri.EscapeDataString(cursor!)}");

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(j => j.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Empty((await GetJsonAsync($"/api/jobs?name={tag}&handler=sleep")).GetProperty("items").EnumerateArray());
        Assert.All((await GetJsonAsync("/api/jobs?status=completed&limit=200")).GetProperty("items").EnumerateArray(),
            j => Assert.Equal("completed", j.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("status=sleeping", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_bad_list_query_is_refused_naming_the_parameter(string query, string field)
    {
        using var response = await deployment.Api.GetAsync($"/api/jobs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported_media_type()
    {
        using var response = await deployment.Api.PostAsync("/api/jobs", new StringContent("name=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/runs")]
    [InlineData("/audit")]
    public async Task An_unknown_job_is_404_and_a_malformed_id_is_400(string suffix)
    {
        using var unknown = await deployment.Api.GetAsync($"/api/jobs/{Guid.NewGuid()}{suffix}");
        using var malformed = await deployment.Api.GetAsync($"/api/jobs/not-a-guid{suffix}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await ReadJsonAsync(malformed)).GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Health_is_live_and_ready_with_the_bus_the_database_and_the_dispatcher()
    {
        var live = await GetJsonAsync("/health/live");
        Assert.Equal("Healthy", live.GetProperty("status").GetString());

        var ready = await Eventually.Until(async () =>
        {
            using var response = await deployment.Api.GetAsync("/health/ready");
            return (response.StatusCode, Body: await ReadJsonAsync(response));
        }, r => r.StatusCode == HttpStatusCode.OK, "the service to be ready");

        var checks = ready.Body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("database", checks);
        Assert.Contains(checks, c => c!.Contains("masstransit", StringComparison.Ordinal));
        var dispatcher = ready.Body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "dispatcher");
        Assert.Equal("Healthy", dispatcher.GetProperty("status").GetString());
        Assert.True(dispatcher.GetProperty("data").GetProperty("sinceLastRoundSeconds").GetDouble() >= 0);
        Assert.True(dispatcher.GetProperty("data").TryGetProperty("lagSeconds", out _), dispatcher.ToString());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_route_the_service_describes()
    {
        var document = await GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var service = await GetJsonAsync("/");
        var routes = service.GetProperty("routes").EnumerateArray()
            .Select(r => (Method: r.GetProperty("method").GetString()!, Path: r.GetProperty("path").GetString()!))
            .Where(r => !r.Path.StartsWith("/openapi/", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(routes, r => r is ("POST", "/api/runs/{runId}/replay"));
        Assert.Contains(routes, r => r is ("POST", "/api/scheduler/dead-letters/requeue"));
        Assert.True(routes.Count >= 26, $"the service describes only {routes.Count} routes");
        foreach (var (method, path) in routes)
        {
            var documented = path.Length > 1 ? path.TrimEnd('/') : path;
            Assert.True(paths.TryGetProperty(documented, out var operations), $"{documented} is not in the OpenAPI document");
            Assert.True(operations.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {documented} is not in the OpenAPI document");
        }
    }
}
