using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MassTransit;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>
/// Who did it: the audit trail names the API key of a REST call and the endpoint of a bus command, and <c>GET /api/audit</c>
/// lists key and scheduler events with filters and cursor paging, on whichever deployment the derived class names.
/// </summary>
public abstract class AuditApiBehaviour(IApiDeployment deployment)
{
    /// <summary>The deployment's bus, to send commands on as another service would.</summary>
    protected abstract IBus Bus { get; }

    /// <summary>A new client of the deployment's service, without a key.</summary>
    protected abstract HttpClient CreateClient();

    /// <summary>A stored key with a name of its own (of tenant <c>default</c> unless told), and a client that presents it.</summary>
    async Task<(Guid Id, string Name, HttpClient Client)> CreateKeyAsync(string role, string tenant = "default")
    {
        var name = $"audit {role} {Guid.NewGuid():N}";
        using var created = await deployment.Api.PostAsync("/api/keys",
            ApiJson.Body($$"""{"name": "{{name}}", "role": "{{role}}", "tenantId": "{{tenant}}"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ApiJson.ReadAsync(created);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("key").GetString()!);
        return (body.GetProperty("apiKey").GetProperty("id").GetGuid(), name, client);
    }

    static async Task<Guid> CreateHourlyJobAsync(HttpClient client, string name)
    {
        using var created = await client.PostAsync("/api/jobs", ApiJson.Body($$$"""{"name": "{{{name}}}", "handler": "noop", "schedule": {"every": "PT1H"}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await ApiJson.ReadAsync(created)).GetProperty("id").GetGuid();
    }

    static async Task<List<JsonElement>> JobAuditAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/jobs/{id}/audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await ApiJson.ReadAsync(response)).EnumerateArray()];
    }

    async Task<JsonElement> AuditPageAsync(string query)
    {
        using var response = await deployment.Api.GetAsync($"/api/audit?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiJson.ReadAsync(response);
    }

    static List<string> Events(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("event").GetString()!)];

    [Fact]
    public async Task A_job_created_and_paused_with_a_member_key_names_that_key_in_its_audit_trail()
    {
        var (keyId, name, member) = await CreateKeyAsync("member");
        using var _ = member;
        var id = await CreateHourlyJobAsync(member, "audited by key");
        using (var paused = await member.PostAsync($"/api/jobs/{id}/pause", null))
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        var trail = await JobAuditAsync(member, id);

        Assert.Equal(["scheduled", "paused"], trail.Select(e => e.GetProperty("event").GetString()));
        Assert.All(trail, e => Assert.Equal($"key:{name}:{keyId}", e.GetProperty("actor").GetString()));
        Assert.All(trail, e => Assert.Equal(id, e.GetProperty("jobId").GetGuid()));
    }

    [Fact]
    public async Task A_command_on_the_bus_names_the_endpoint_it_came_from()
    {
        var id = await CreateHourlyJobAsync(deployment.Api, "audited by bus");

        await Bus.CreateRequestClient<DisableJob>().GetResponse<JobDisabled>(new DisableJob { JobId = id, Reason = "from another service" });

        var disabled = Assert.Single(await JobAuditAsync(deployment.Api, id), e => e.GetProperty("event").GetString() == "disabled");
        var actor = disabled.GetProperty("actor").GetString()!;
        Assert.StartsWith("bus:", actor, StringComparison.Ordinal);
        Assert.True(actor.Length > "bus:".Length && !actor.Contains('/', StringComparison.Ordinal), $"'{actor}' names the sending endpoint alone");
    }

    [Fact]
    public async Task Key_and_scheduler_events_are_listed_by_actor_event_and_time_a_page_at_a_time()
    {
        var (adminId, adminName, admin) = await CreateKeyAsync("admin");
        using var _ = admin;
        var actor = $"key:{adminName}:{adminId}";
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        using (var created = await admin.PostAsync("/api/keys", ApiJson.Body("""{"name": "short-lived"}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var revokedId = (await ApiJson.ReadAsync(created)).GetProperty("apiKey").GetProperty("id").GetGuid();
            using var revoked = await admin.DeleteAsync($"/api/keys/{revokedId}");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using (var paused = await admin.PostAsync("/api/scheduler/pause", null))
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        using (var resumed = await admin.PostAsync("/api/scheduler/resume", null))
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);

        var all = await AuditPageAsync($"actor={Uri.EscapeDataString(actor)}");
        Assert.Equal(["schedulerResumed", "schedulerPaused", "keyRevoked", "keyCreated"], Events(all));
        Assert.All(all.GetProperty("items").EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("jobId").ValueKind));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextCursor").ValueKind);

        var first = await AuditPageAsync($"actor={Uri.EscapeDataString(actor)}&limit=3");
        Assert.Equal(["schedulerResumed", "schedulerPaused", "keyRevoked"], Events(first));
        var second = await AuditPageAsync($"actor={Uri.EscapeDataString(actor)}&limit=3&cursor={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal(["keyCreated"], Events(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        Assert.Equal(["keyRevoked"], Events(await AuditPageAsync($"actor={Uri.EscapeDataString(actor)}&event=keyRevoked")));
        Assert.Equal(4, Events(await AuditPageAsync($"actor={Uri.EscapeDataString($"key:{adminName}:")}*&from={Uri.EscapeDataString(started.ToString("O"))}")).Count);
        Assert.Empty(Events(await AuditPageAsync($"actor={Uri.EscapeDataString(actor)}&to={Uri.EscapeDataString(started.ToString("O"))}")));
    }

    [Fact]
    public async Task A_scheduler_pause_from_the_bus_is_listed_under_its_sending_endpoint()
    {
        var paused = await Bus.CreateRequestClient<PauseScheduler>().GetResponse<SchedulerStateChanged>(new PauseScheduler());
        await Bus.CreateRequestClient<ResumeScheduler>().GetResponse<SchedulerStateChanged>(new ResumeScheduler());

        var latest = Assert.Single((await AuditPageAsync("event=schedulerPaused&limit=1")).GetProperty("items").EnumerateArray());
        Assert.Equal(paused.Message.ChangedBy, latest.GetProperty("actor").GetString());
        Assert.StartsWith("bus:", paused.Message.ChangedBy, StringComparison.Ordinal);
        Assert.Equal("paused", latest.GetProperty("toStatus").GetString());
    }

    [Fact]
    public async Task An_admin_of_another_tenant_sees_only_its_own_tenants_entries()
    {
        var (_, _, other) = await CreateKeyAsync("admin", $"audit-{Guid.NewGuid():N}"[..20]);
        using var _ = other;
        await CreateHourlyJobAsync(deployment.Api, "audited in default");
        using (var created = await other.PostAsync("/api/keys", ApiJson.Body("""{"name": "made in the other tenant"}""")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var response = await other.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["keyCreated"], Events(await ApiJson.ReadAsync(response)));
    }

    [Fact]
    public async Task A_member_key_is_refused_the_audit()
    {
        var (_, _, member) = await CreateKeyAsync("member");
        using var _ = member;

        using var response = await member.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("actor=", "actor")]
    [InlineData("actor=*", "actor")]
    [InlineData("jobId=not-a-guid", "jobId")]
    [InlineData("event=exploded", "event")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    public async Task A_bad_filter_is_refused_naming_the_field(string query, string field)
    {
        using var response = await deployment.Api.GetAsync($"/api/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await ApiJson.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}'");
    }
}
