using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Calendars and the occurrence ledger under row-level security: members of two tenants on real PostgreSQL.</summary>
public sealed class CalendarTenancyTests
{
    const string AdminKey = "test-admin-key-c4l3";

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<HttpClient> MemberAsync(SchedulerServiceFactory instance, HttpClient admin, string tenant)
    {
        using var created = await admin.PostAsync("/api/keys", Json($$"""{"name": "{{tenant}}", "tenantId": "{{tenant}}", "role": "member"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        return client;
    }

    [Fact]
    public async Task A_member_reads_and_writes_its_own_tenants_calendars_and_ledgers_only()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(settings: new Dictionary<string, string> { ["SCHEDULER_ADMIN_API_KEY"] = AdminKey });
        var instance = await deployment.StartInstanceAsync();
        using var admin = instance.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var acme = await MemberAsync(instance, admin, "acme");
        using var globex = await MemberAsync(instance, admin, "globex");

        using (var created = await acme.PutAsync("/api/calendars/holidays", Json("""{"exclude": {"weekdays": ["SUN"]}}""")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var hidden = await globex.GetAsync("/api/calendars/holidays"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Empty((await globex.GetFromJsonAsync<JsonElement>("/api/calendars")).EnumerateArray());

        // The same name in another tenant is another calendar; a job may name only its own tenant's.
        using (var own = await globex.PutAsync("/api/calendars/holidays", Json("""{"exclude": {"weekdays": ["SAT"]}}""")))
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var acmeDays = (await acme.GetFromJsonAsync<JsonElement>("/api/calendars/holidays")).GetProperty("exclude").GetProperty("weekdays");
        Assert.Equal("SUN", Assert.Single(acmeDays.EnumerateArray()).GetString());
        using (var refused = await globex.PostAsync("/api/jobs", Json("""{"name": "n", "handler": "noop", "schedule": {"cron": "0 9 * * *", "calendar": "other"}}""")))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var job = await acme.PostAsync("/api/jobs", Json("""{"name": "n", "handler": "noop", "schedule": {"cron": "0 9 * * *", "calendar": "holidays"}}"""));
        Assert.Equal(HttpStatusCode.Created, job.StatusCode);
        var jobId = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var otherLedger = await globex.GetAsync($"/api/jobs/{jobId}/occurrences"))
            Assert.Equal(HttpStatusCode.NotFound, otherLedger.StatusCode);
        using (var ownLedger = await acme.GetAsync($"/api/jobs/{jobId}/occurrences"))
            Assert.Equal(HttpStatusCode.OK, ownLedger.StatusCode);

        // Deleting the other tenant's calendar of the same name leaves this one, which a job still names.
        using (var deleted = await globex.DeleteAsync("/api/calendars/holidays"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var inUse = await acme.DeleteAsync("/api/calendars/holidays"))
            Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
    }
}
