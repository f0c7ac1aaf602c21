using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Api;

/// <summary>
/// The defect of issue 13: a burst of API requests took every PostgreSQL connection, and the consumers and the bus
/// side starved. Here the API pool is two connections, and both are held by requests stuck on a locked table.
/// </summary>
public sealed class ConnectionPoolTests
{
    const string AdminKey = "test-admin-key-pools";
    const int ApiPoolSize = 2;

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static HttpClient Client(SchedulerServiceFactory instance, string key)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    static async Task<long> ConnectionsOfAsync(NpgsqlConnection connection, string applicationName)
    {
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_api_burst_on_an_exhausted_pool_answers_503_with_retry_after_while_jobs_on_the_bus_all_complete()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false, settings: new Dictionary<string, string>
        {
            ["SCHEDULER_ADMIN_API_KEY"] = AdminKey,
            ["Scheduler:Database:ApiMaxPoolSize"] = ApiPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scheduler:Database:ApiConnectionTimeout"] = "00:00:01",
        });
        var instance = await deployment.StartInstanceAsync();
        await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString);
        using var admin = Client(instance, AdminKey);
        using var created = await admin.PostAsync("/api/keys", Json("""{"name": "burst", "tenantId": "acme", "role": "member"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var member = Client(instance, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
        using var job = await member.PostAsync("/api/jobs", Json("""{"name": "looked at", "handler": "noop"}"""));
        Assert.Equal(HttpStatusCode.Created, job.StatusCode);
        var jobId = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A member's request reads its key first: with the keys' table locked, the first requests hold the API pool's
        // connections while they wait, and the rest of the burst finds the pool empty.
        await using var blocker = new NpgsqlConnection(deployment.PostgresConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockKeys = new NpgsqlCommand("LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            await lockKeys.ExecuteNonQueryAsync();
        var burst = Enumerable.Range(0, 40).Select(_ => member.GetAsync($"/api/jobs/{jobId}")).ToList();

        var jobs = Enumerable.Range(0, 20).Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = $"during the burst {i}", Handler = "noop" }).ToList();
        var ids = jobs.Select(j => j.JobId).ToList();
        await Task.WhenAll(jobs.Select(j => deployment.ClientBus.Publish(j)));
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => ids.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == ids.Count,
            "every job published on the bus to complete while the API pool is exhausted");

        await Eventually.Until(() => Task.FromResult(burst.Count(r => r.IsCompleted)), answered => answered >= burst.Count - ApiPoolSize,
            "the requests that found the pool empty to be answered");
        Assert.Equal(ApiPoolSize, await ConnectionsOfAsync(blocker, "scheduler-api"));
        Assert.InRange(await ConnectionsOfAsync(blocker, "scheduler"), 1, 20);
        Assert.InRange(await ConnectionsOfAsync(blocker, "scheduler-consumer"), 1, 5);
        await transaction.RollbackAsync();

        var responses = await Task.WhenAll(burst);
        try
        {
            foreach (var response in responses)
            {
                if (response.StatusCode == HttpStatusCode.OK)
                    continue;
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(503, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
            }

            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }

        // Once the burst is over the API answers again, and nothing went to an error queue on the way.
        using (var after = await member.GetAsync($"/api/jobs/{jobId}"))
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Empty(await deployment.DeadLettersAsync());
    }
}
