using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>API keys, roles and tenants that cannot see each other, on a deployment with an admin key.</summary>
public sealed class TenancyTests
{
    const string AdminKey = "test-admin-key-3f9a";

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static HttpClient Client(SchedulerServiceFactory instance, string? key)
    {
        var client = instance.CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    static async Task<string> CreateKeyAsync(HttpClient admin, string tenant, string role = "member")
    {
        using var created = await admin.PostAsync("/api/keys", Json($$"""{"name": "{{tenant}} {{role}}", "tenantId": "{{tenant}}", "role": "{{role}}"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    static async Task<Guid> CreateJobAsync(HttpClient client, string body)
    {
        using var created = await client.PostAsync("/api/jobs", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Requests_need_a_valid_key_and_admin_routes_an_admin_key()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(settings: new Dictionary<string, string> { ["SCHEDULER_ADMIN_API_KEY"] = AdminKey });
        var instance = await deployment.StartInstanceAsync();
        using var anonymous = Client(instance, null);
        using var forged = Client(instance, "sk_not-a-key");
        using var admin = Client(instance, AdminKey);

        using (var response = await anonymous.GetAsync("/api/jobs"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using (var response = await forged.GetAsync("/api/jobs"))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using (var response = await anonymous.GetAsync("/health/live"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var memberKey = await CreateKeyAsync(admin, "acme");
        using var member = Client(instance, memberKey);
        using (var viaHeader = instance.CreateClient())
        {
            viaHeader.DefaultRequestHeaders.Add("X-Api-Key", memberKey);
            using var response = await viaHeader.GetAsync("/api/jobs");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var (method, path) in new[] { ("POST", "/api/keys"), ("GET", "/api/keys"), ("GET", "/api/scheduler"), ("POST", "/api/scheduler/pause"),
                     ("POST", "/api/scheduler/dead-letters/requeue") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json("""{"name": "x"}""") : null };
            using var response = await member.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered a member with {response.StatusCode}");
        }

        var keys = await admin.GetFromJsonAsync<JsonElement>("/api/keys");
        var listed = Assert.Single(keys.EnumerateArray());
        Assert.Equal(memberKey[..10], listed.GetProperty("prefix").GetString());
        Assert.DoesNotContain(memberKey, keys.GetRawText(), StringComparison.Ordinal);

        using (var revoked = await admin.DeleteAsync($"/api/keys/{listed.GetProperty("id").GetGuid()}"))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using (var response = await member.GetAsync("/api/jobs"))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Two_tenants_cannot_read_list_change_trigger_or_replay_each_others_jobs()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(settings: new Dictionary<string, string> { ["SCHEDULER_ADMIN_API_KEY"] = AdminKey });
        var instance = await deployment.StartInstanceAsync();
        using var admin = Client(instance, AdminKey);
        using var acme = Client(instance, await CreateKeyAsync(admin, "acme"));
        using var globex = Client(instance, await CreateKeyAsync(admin, "globex"));

        // The body's tenant is ignored: the key decides.
        var jobId = await CreateJobAsync(acme, """{"name": "acme report", "handler": "fail", "tenantId": "globex", "retry": {"maxAttempts": 1}, "payload": {"message": "down"}}""");
        var job = await Eventually.Until(() => acme.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("status").GetString() == "faulted", "acme's job to fault");
        Assert.Equal("acme", job.GetProperty("tenantId").GetString());
        var runId = (await acme.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/runs"))[0].GetProperty("id").GetGuid();
        var globexJob = await CreateJobAsync(globex, """{"name": "globex job", "handler": "noop"}""");

        foreach (var path in new[] { $"/api/jobs/{jobId}", $"/api/jobs/{jobId}/runs", $"/api/jobs/{jobId}/audit", $"/api/runs/{runId}" })
        {
            using var response = await globex.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path} answered another tenant with {response.StatusCode}");
        }

        foreach (var path in new[] { $"/api/jobs/{jobId}/cancel", $"/api/jobs/{jobId}/pause", $"/api/jobs/{jobId}/resume", $"/api/jobs/{jobId}/trigger", $"/api/runs/{runId}/replay" })
        {
            using var response = await globex.PostAsync(path, null);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {path} answered another tenant with {response.StatusCode}");
        }

        using (var response = await globex.PutAsync($"/api/jobs/{jobId}", Json("""{"name": "hijacked", "handler": "noop"}""")))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = await globex.DeleteAsync($"/api/jobs/{jobId}"))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var globexList = await globex.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal([globexJob], globexList.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetGuid()));
        var globexRuns = await globex.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.DoesNotContain(globexRuns.GetProperty("items").EnumerateArray(), r => r.GetProperty("jobId").GetGuid() == jobId);
        var acmeList = await acme.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal([jobId], acmeList.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetGuid()));

        var globexStats = await globex.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(0, globexStats.GetProperty("overall").GetProperty("jobs").GetProperty("faulted").GetInt32());
        Assert.DoesNotContain(globexStats.GetProperty("handlers").EnumerateArray(), h => h.GetProperty("handler").GetString() == "fail");
        var acmeStats = await acme.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(1, acmeStats.GetProperty("overall").GetProperty("jobs").GetProperty("faulted").GetInt32());

        // Nothing changed for acme: its job is still faulted and its dead letter still unreplayed.
        var after = await acme.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        Assert.Equal("faulted", after.GetProperty("status").GetString());
        Assert.Equal("acme report", after.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("deletedAt").ValueKind);
        var deadLetter = await acme.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        Assert.Equal(JsonValueKind.Null, deadLetter.GetProperty("replayedBy").ValueKind);
    }

    [Fact]
    public async Task A_connection_set_to_one_tenant_reads_none_of_another_tenants_rows()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(settings: new Dictionary<string, string> { ["SCHEDULER_ADMIN_API_KEY"] = AdminKey });
        var instance = await deployment.StartInstanceAsync();
        using var admin = Client(instance, AdminKey);
        using var acme = Client(instance, await CreateKeyAsync(admin, "acme"));
        var jobId = await CreateJobAsync(acme, """{"name": "acme nightly", "handler": "noop"}""");
        await Eventually.Until(() => acme.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("status").GetString() == "completed", "acme's job to complete");

        await using var connection = new NpgsqlConnection(deployment.PostgresConnectionString);
        await connection.OpenAsync();

        async Task<long> CountAsync(string tenant, string table)
        {
            await using (var enter = new NpgsqlCommand("SET ROLE scheduler_tenant; SELECT set_config('scheduler.tenant', @tenant, false)", connection))
            {
                enter.Parameters.AddWithValue("tenant", tenant);
                await enter.ExecuteNonQueryAsync();
            }

            // No WHERE clause: the rows of other tenants are not filtered out by the query, only by the database.
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            var rows = (long)(await count.ExecuteScalarAsync())!;
            await using var leave = new NpgsqlCommand("RESET ROLE", connection);
            await leave.ExecuteNonQueryAsync();
            return rows;
        }

        foreach (var table in new[] { "jobs", "job_runs", "job_audit" })
        {
            Assert.Equal(0, await CountAsync("globex", table));
            Assert.True(await CountAsync("acme", table) > 0, $"tenant acme sees none of its own rows in {table}");
        }
    }

    [Fact]
    public async Task A_burst_over_the_rate_limit_gets_429_with_retry_after()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(settings: new Dictionary<string, string>
        {
            ["SCHEDULER_ADMIN_API_KEY"] = AdminKey,
            ["Scheduler:RateLimit:PermitsPerSecond"] = "5",
            ["Scheduler:RateLimit:Burst"] = "10",
        });
        var instance = await deployment.StartInstanceAsync();
        using var admin = Client(instance, AdminKey);
        using var member = Client(instance, await CreateKeyAsync(admin, "acme"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => member.GetAsync("/api/jobs")));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(limited, r => Assert.NotNull(r.Headers.RetryAfter));
        foreach (var response in responses)
            response.Dispose();

        // Another key has a bucket of its own.
        using var own = await admin.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
