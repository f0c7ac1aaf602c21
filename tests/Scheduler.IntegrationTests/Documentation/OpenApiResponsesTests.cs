using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Documentation;

/// <summary>
/// The OpenAPI document states what each route answers: every request of a table, one or more per route, that provokes
/// a status (success, bad input, not found, conflict, wrong media type, no key, a member key on an admin route) gets
/// that status, and the status is among the responses the document lists for the route. The answers made outside the
/// handlers (401, 429, 503 with Retry-After) are listed on every route of the API.
/// </summary>
public sealed class OpenApiResponsesTests : IAsyncLifetime
{
    const string AdminKey = "openapi-test-admin-key-51c2";
    const string Unknown = "0190f0aa-0000-7000-8000-0000000000ff";
    const string Job = """{"name": "documented", "handler": "noop", "schedule": {"delay": "P1D"}}""";

    /// <summary>No key (401), over the rate limit (429), an outage (503): answered before or around any handler.</summary>
    static readonly string[] OutsideHandlers = ["401", "429", "503"];

    readonly EmbeddedDeployment _deployment = new() { Settings = new Dictionary<string, string> { ["SCHEDULER_ADMIN_API_KEY"] = AdminKey } };

    enum Caller { Admin, Member, Anonymous }

    /// <summary>A request, the route it goes to as the OpenAPI document names it, and the status it must get.</summary>
    sealed record Case(string Method, string Route, string Path, int Status, string? Body = null, Caller Caller = Caller.Admin,
        string ContentType = "application/json");

    HttpClient _admin = null!;
    HttpClient _member = null!;
    HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _deployment.InitializeAsync();
        _admin = Client(AdminKey);
        _anonymous = Client(null);
        using var created = await _admin.PostAsync("/api/keys", Json("""{"name": "member", "role": "member"}"""));
        Assert.Equal(201, (int)created.StatusCode);
        _member = Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
    }

    public async Task DisposeAsync()
    {
        _member.Dispose();
        _anonymous.Dispose();
        _admin.Dispose();
        await _deployment.DisposeAsync();
    }

    HttpClient Client(string? key)
    {
        var client = _deployment.Service.CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    static StringContent Json(string json, string contentType = "application/json") => new(json, Encoding.UTF8, contentType);

    async Task<string> CreateAsync(string path, string body)
    {
        using var response = await _admin.PostAsync(path, Json(body));
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Per route of the API, the requests that provoke each status it can answer (but 503, made by an outage).</summary>
    async Task<List<Case>> CasesAsync()
    {
        var id = await CreateAsync("/api/jobs", Job);
        var paused = await CreateAsync("/api/jobs", Job);
        var deleted = await CreateAsync("/api/jobs", Job);
        var held = await CreateAsync("/api/jobs", Job);
        var triggered = await CreateAsync("/api/jobs", """{"name": "sleeps", "handler": "sleep", "payload": {"duration": "PT30S"}, "schedule": {"delay": "P1D"}}""");
        var cancelled = await CreateAsync("/api/jobs", Job);
        using (var cancel = await _admin.PostAsync($"/api/jobs/{cancelled}/cancel", null))
            Assert.Equal(200, (int)cancel.StatusCode);
        var put = """{"name": "documented again", "handler": "noop", "schedule": {"delay": "P2D"}}""";

        return
        [
            new("POST", "/api/jobs", "/api/jobs", 201, Job),
            new("POST", "/api/jobs", "/api/jobs", 200, $$$"""{"jobId": "{{{id}}}", "name": "documented", "handler": "noop", "schedule": {"delay": "P1D"}}"""),
            new("POST", "/api/jobs", "/api/jobs", 400, """{"name": "x"}"""),
            new("POST", "/api/jobs", "/api/jobs", 415, Job, ContentType: "text/plain"),
            new("POST", "/api/jobs", "/api/jobs", 401, Job, Caller.Anonymous),
            new("GET", "/api/jobs", "/api/jobs", 200, Caller: Caller.Member),
            new("GET", "/api/jobs", "/api/jobs?limit=0", 400),
            new("GET", "/api/jobs/{id}", $"/api/jobs/{id}", 200),
            new("GET", "/api/jobs/{id}", $"/api/jobs/{Unknown}", 404),
            new("GET", "/api/jobs/{id}", "/api/jobs/not-a-guid", 400),
            new("GET", "/api/jobs/{id}", $"/api/jobs/{id}", 401, Caller: Caller.Anonymous),
            new("PUT", "/api/jobs/{id}", $"/api/jobs/{id}", 200, put),
            new("PUT", "/api/jobs/{id}", $"/api/jobs/{id}", 400, """{"name": "x", "handler": "noop", "schedule": {"every": "PT0S"}}"""),
            new("PUT", "/api/jobs/{id}", $"/api/jobs/{Unknown}", 404, put),
            new("PUT", "/api/jobs/{id}", $"/api/jobs/{id}", 415, put, ContentType: "text/plain"),
            new("DELETE", "/api/jobs/{id}", $"/api/jobs/{deleted}?purge=true", 403, Caller: Caller.Member),
            new("DELETE", "/api/jobs/{id}", $"/api/jobs/{deleted}", 204),
            new("DELETE", "/api/jobs/{id}", $"/api/jobs/{Unknown}", 404),
            new("GET", "/api/jobs/{id}/runs", $"/api/jobs/{id}/runs", 200),
            new("GET", "/api/jobs/{id}/runs", $"/api/jobs/{Unknown}/runs", 404),
            new("GET", "/api/jobs/{id}/audit", $"/api/jobs/{id}/audit", 200),
            new("GET", "/api/jobs/{id}/audit", "/api/jobs/nope/audit", 400),
            new("GET", "/api/jobs/{id}/follow-ups", $"/api/jobs/{id}/follow-ups", 200),
            new("GET", "/api/jobs/{id}/follow-ups", $"/api/jobs/{Unknown}/follow-ups", 404),
            new("GET", "/api/jobs/{id}/occurrences", $"/api/jobs/{id}/occurrences", 200),
            new("GET", "/api/jobs/{id}/occurrences", $"/api/jobs/{id}/occurrences?from=yesterday", 400),
            new("GET", "/api/jobs/{id}/occurrences", $"/api/jobs/{Unknown}/occurrences", 404),
            new("POST", "/api/jobs/{id}/pause", $"/api/jobs/{paused}/pause", 200),
            new("POST", "/api/jobs/{id}/pause", $"/api/jobs/{paused}/pause", 400, """{"reason": 5}"""),
            new("POST", "/api/jobs/{id}/pause", $"/api/jobs/{paused}/pause", 415, "{}", ContentType: "text/plain"),
            new("POST", "/api/jobs/{id}/pause", $"/api/jobs/{Unknown}/pause", 404),
            new("POST", "/api/jobs/{id}/resume", $"/api/jobs/{paused}/resume", 200),
            new("POST", "/api/jobs/{id}/resume", $"/api/jobs/{cancelled}/resume", 409),
            new("POST", "/api/jobs/{id}/trigger", $"/api/jobs/{cancelled}/trigger", 409),
            new("POST", "/api/jobs/{id}/resume", $"/api/jobs/{Unknown}/resume", 404),
            new("POST", "/api/jobs/{id}/disable", $"/api/jobs/{held}/disable", 200),
            new("POST", "/api/jobs/{id}/disable", $"/api/jobs/{held}/disable", 400, """{"until": "2099-01-01T00:00:00Z"}"""),
            new("POST", "/api/jobs/{id}/enable", $"/api/jobs/{held}/enable", 200),
            new("POST", "/api/jobs/{id}/enable", $"/api/jobs/{Unknown}/enable", 404),
            new("POST", "/api/jobs/{id}/trigger", $"/api/jobs/{triggered}/trigger", 202),
            new("POST", "/api/jobs/{id}/trigger", $"/api/jobs/{Unknown}/trigger", 404),
            new("POST", "/api/jobs/{id}/backfill", $"/api/jobs/{id}/backfill", 400, """{"from": "2026-01-02T00:00:00Z", "to": "2026-01-01T00:00:00Z"}"""),
            new("POST", "/api/jobs/{id}/backfill", $"/api/jobs/{Unknown}/backfill", 404, """{"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}"""),
            new("POST", "/api/jobs/{id}/cancel", $"/api/jobs/{Unknown}/cancel", 404),
            new("POST", "/api/jobs/{id}/cancel", $"/api/jobs/{id}/cancel", 200),
            new("POST", "/api/jobs/batch", "/api/jobs/batch", 200, $$"""{"jobs": [{{Job}}]}"""),
            new("POST", "/api/jobs/batch", "/api/jobs/batch", 400, """{"jobs": 3}"""),
            new("POST", "/api/jobs/batch", "/api/jobs/batch", 415, """{"jobs": []}""", ContentType: "text/plain"),
            new("PUT", "/api/jobs/by-key/{key}", "/api/jobs/by-key/nightly", 201, Job),
            new("PUT", "/api/jobs/by-key/{key}", "/api/jobs/by-key/nightly", 200, Job),
            new("PUT", "/api/jobs/by-key/{key}", "/api/jobs/by-key/nightly", 400, """{"name": "x", "handler": "noop", "key": "other"}"""),
            new("GET", "/api/jobs/by-key/{key}", "/api/jobs/by-key/nightly", 200),
            new("GET", "/api/jobs/by-key/{key}", "/api/jobs/by-key/missing", 404),
            new("GET", "/api/jobs/by-key/{key}", "/api/jobs/by-key/%20bad%20key", 400),
            new("DELETE", "/api/jobs/by-key/{key}", "/api/jobs/by-key/nightly", 204),
            new("DELETE", "/api/jobs/by-key/{key}", "/api/jobs/by-key/nightly", 404),
            new("GET", "/api/runs", "/api/runs", 200),
            new("GET", "/api/runs", "/api/runs?status=nope", 400),
            new("GET", "/api/runs/{runId}", $"/api/runs/{Unknown}", 404),
            new("GET", "/api/runs/{runId}", "/api/runs/not-a-guid", 400),
            new("POST", "/api/runs/{runId}/replay", $"/api/runs/{Unknown}/replay", 404),
            new("POST", "/api/runs/{runId}/replay", "/api/runs/not-a-guid/replay", 400),
            new("POST", "/api/runs/{runId}/cancel", $"/api/runs/{Unknown}/cancel", 404),
            new("GET", "/api/stats", "/api/stats", 200),
            new("GET", "/api/stats", "/api/stats?window=forever", 400),
            new("GET", "/api/handlers", "/api/handlers", 200),
            new("GET", "/api/handlers", "/api/handlers", 401, Caller: Caller.Anonymous),
            new("GET", "/api/schedules/preview", "/api/schedules/preview?cron=0%209%20*%20*%20*", 200),
            new("GET", "/api/schedules/preview", "/api/schedules/preview?cron=bad", 400),
            new("PUT", "/api/calendars/{name}", "/api/calendars/holidays", 201, """{"exclude": {"weekdays": ["SAT"]}}"""),
            new("PUT", "/api/calendars/{name}", "/api/calendars/holidays", 200, """{"exclude": {"weekdays": ["SUN"]}}"""),
            new("PUT", "/api/calendars/{name}", "/api/calendars/holidays", 400, """{"exclude": {"weekdays": ["DAY"]}}"""),
            new("GET", "/api/calendars", "/api/calendars", 200),
            new("GET", "/api/calendars/{name}", "/api/calendars/holidays", 200),
            new("GET", "/api/calendars/{name}", "/api/calendars/missing", 404),
            new("DELETE", "/api/calendars/{name}", "/api/calendars/holidays", 204),
            new("DELETE", "/api/calendars/{name}", "/api/calendars/holidays", 404),
            new("POST", "/api/keys", "/api/keys", 201, """{"name": "another"}"""),
            new("POST", "/api/keys", "/api/keys", 400, """{"name": ""}"""),
            new("POST", "/api/keys", "/api/keys", 403, """{"name": "mine"}""", Caller.Member),
            new("GET", "/api/keys", "/api/keys", 200),
            new("GET", "/api/keys", "/api/keys", 403, Caller: Caller.Member),
            new("DELETE", "/api/keys/{id}", $"/api/keys/{Unknown}", 404),
            new("DELETE", "/api/keys/{id}", "/api/keys/not-a-guid", 400),
            new("GET", "/api/audit", "/api/audit?limit=5", 200),
            new("GET", "/api/audit", "/api/audit?jobId=not-a-guid", 400),
            new("GET", "/api/audit", "/api/audit", 403, Caller: Caller.Member),
            new("GET", "/api/audit", "/api/audit", 401, Caller: Caller.Anonymous),
            new("GET", "/api/scheduler", "/api/scheduler", 200),
            new("GET", "/api/scheduler", "/api/scheduler", 403, Caller: Caller.Member),
            new("POST", "/api/scheduler/resume", "/api/scheduler/resume", 200),
            new("POST", "/api/scheduler/pause", "/api/scheduler/pause", 403, Caller: Caller.Member),
            new("POST", "/api/scheduler/dead-letters/requeue", "/api/scheduler/dead-letters/requeue", 400, """{"limit": 0}"""),
            new("POST", "/api/init", "/api/init", 200),
            new("POST", "/api/init", "/api/init", 403, Caller: Caller.Member),
        ];
    }

    async Task<Dictionary<string, JsonElement>> OperationsAsync()
    {
        var document = await _anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
                operations[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = operation.Value.GetProperty("responses");
        return operations;
    }

    [Fact]
    public async Task Every_status_a_route_answers_is_among_its_documented_responses()
    {
        var operations = await OperationsAsync();
        var cases = await CasesAsync();
        var failures = new List<string>();

        foreach (var @case in cases)
        {
            var client = @case.Caller switch { Caller.Admin => _admin, Caller.Member => _member, _ => _anonymous };
            using var request = new HttpRequestMessage(new HttpMethod(@case.Method), @case.Path)
            {
                Content = @case.Body is null ? null : Json(@case.Body, @case.ContentType),
            };
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var operation = $"{@case.Method} {@case.Route}";
            if (status != @case.Status)
                failures.Add($"{@case.Method} {@case.Path} answered {status}, the table expects {@case.Status}: {await response.Content.ReadAsStringAsync()}");
            else if (!operations.TryGetValue(operation, out var responses))
                failures.Add($"{operation} is not in the OpenAPI document");
            else if (!responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out _))
                failures.Add($"{operation} answered {status} ({@case.Method} {@case.Path}), which its documented responses do not list");
        }

        // A route added without a row here is not checked: every operation of the API has at least one request in the table.
        var untested = operations.Keys.Where(o => o.Contains(" /api/", StringComparison.Ordinal))
            .Except(cases.Select(c => $"{c.Method} {c.Route}"), StringComparer.Ordinal);
        failures.AddRange(untested.Select(o => $"{o} has no request in this table"));

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_request_over_the_rate_limit_gets_the_429_the_document_lists()
    {
        var limited = new EmbeddedDeployment
        {
            Settings = new Dictionary<string, string> { ["Scheduler:RateLimit:PermitsPerSecond"] = "1", ["Scheduler:RateLimit:Burst"] = "1" },
        };
        await limited.InitializeAsync();
        try
        {
            // One permit a second: of a few requests sent at once, all but about one are refused.
            var statuses = new List<int>();
            for (var i = 0; i < 5; i++)
            {
                using var response = await limited.Api.GetAsync("/api/handlers");
                statuses.Add((int)response.StatusCode);
            }

            Assert.Contains(429, statuses);
            Assert.True((await OperationsAsync())["GET /api/handlers"].TryGetProperty("429", out _));
        }
        finally
        {
            await limited.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_route_of_the_api_documents_a_success_and_the_answers_made_outside_its_handler()
    {
        var operations = await OperationsAsync();
        var failures = new List<string>();

        foreach (var (operation, responses) in operations.Where(o => o.Key.Contains(" /api/", StringComparison.Ordinal)))
        {
            var statuses = responses.EnumerateObject().Select(r => r.Name).ToList();
            if (!statuses.Any(s => s.StartsWith('2')))
                failures.Add($"{operation} documents no success");
            foreach (var outside in OutsideHandlers.Except(statuses))
                failures.Add($"{operation} does not document {outside}");
            if (operation.Contains('{', StringComparison.Ordinal) && operation.Contains("id}", StringComparison.OrdinalIgnoreCase) && !statuses.Contains("400"))
                failures.Add($"{operation} does not document 400 for a malformed id");
        }

        Assert.NotEmpty(operations);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
