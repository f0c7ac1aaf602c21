using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Jobs declared under a key: upsert through REST and the bus, on whichever deployment the derived class names.</summary>
public abstract class JobKeysApiBehaviour(IApiDeployment deployment)
{
    /// <summary>The deployment's bus, to publish commands on as another service would.</summary>
    protected abstract IPublishEndpoint Bus { get; }

    static string NewKey() => $"nightly-report:{Guid.NewGuid():N}";

    [Fact]
    public async Task Put_by_key_creates_then_leaves_the_same_definition_alone_then_replaces_a_new_one_and_delete_frees_the_key()
    {
        var key = NewKey();
        const string daily = """{"name": "nightly report", "handler": "noop", "schedule": {"cron": "0 3 * * *", "timeZone": "Europe/Paris"}}""";

        using var created = await deployment.Api.PutAsync($"/api/jobs/by-key/{key}", ApiJson.Body(daily));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await ApiJson.ReadAsync(created);
        var id = job.GetProperty("id").GetGuid();
        Assert.Equal(key, job.GetProperty("key").GetString());

        using var same = await deployment.Api.PutAsync($"/api/jobs/by-key/{key}", ApiJson.Body(daily));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var unchanged = await ApiJson.ReadAsync(same);
        Assert.Equal(id, unchanged.GetProperty("id").GetGuid());
        Assert.Equal(job.GetProperty("updatedAt").GetString(), unchanged.GetProperty("updatedAt").GetString());

        using var replaced = await deployment.Api.PutAsync($"/api/jobs/by-key/{key}",
            ApiJson.Body("""{"name": "nightly report", "handler": "noop", "schedule": {"every": "PT1H"}}"""));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(id, (await ApiJson.ReadAsync(replaced)).GetProperty("id").GetGuid());

        using var found = await deployment.Api.GetAsync($"/api/jobs/by-key/{key}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("PT1H", (await ApiJson.ReadAsync(found)).GetProperty("schedule").GetProperty("every").GetString());

        await using (var db = deployment.OpenDatabase())
        {
            var trail = await db.Audit.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.Id).Select(a => a.Event).ToListAsync();
            Assert.Equal(["scheduled", "updated"], trail);
        }

        using var deleted = await deployment.Api.DeleteAsync($"/api/jobs/by-key/{key}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await deployment.Api.GetAsync($"/api/jobs/by-key/{key}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        using var again = await deployment.Api.PutAsync($"/api/jobs/by-key/{key}", ApiJson.Body(daily));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(id, (await ApiJson.ReadAsync(again)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_key_make_one_job()
    {
        var key = NewKey();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => deployment.Api.PutAsync($"/api/jobs/by-key/{key}",
            ApiJson.Body($$$"""{"name": "sessions cleanup {{{i}}}", "handler": "noop", "schedule": {"every": "PT{{{i + 1}}}M"}}"""))));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            ids.Add((await ApiJson.ReadAsync(response)).GetProperty("id").GetGuid());
            response.Dispose();
        }

        Assert.Single(ids);
        await using var db = deployment.OpenDatabase();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Key == key));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash%2Finside")]
    [InlineData("é-accented")]
    public async Task An_invalid_key_is_refused_with_400_naming_the_key_and_nothing_is_stored(string key)
    {
        var name = $"invalid key {Guid.NewGuid():N}";
        using var response = await deployment.Api.PutAsync($"/api/jobs/by-key/{key}", ApiJson.Body($$"""{"name": "{{name}}", "handler": "noop"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiJson.ReadAsync(response)).GetProperty("errors").TryGetProperty("key", out _));
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.Name == name));
    }

    [Fact]
    public async Task A_key_over_200_characters_in_a_posted_job_is_refused_with_400_naming_the_key()
    {
        var name = $"too long {Guid.NewGuid():N}";
        using var response = await deployment.Api.PostAsync("/api/jobs",
            ApiJson.Body($$"""{"name": "{{name}}", "handler": "noop", "key": "{{new string('k', 201)}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiJson.ReadAsync(response)).GetProperty("errors").TryGetProperty("key", out _));
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.Name == name));
    }

    [Fact]
    public async Task A_schedule_command_on_the_bus_with_a_key_a_job_has_updates_that_job()
    {
        var key = NewKey();
        using var created = await deployment.Api.PutAsync($"/api/jobs/by-key/{key}",
            ApiJson.Body("""{"name": "health checks", "handler": "noop", "schedule": {"every": "PT5M"}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetGuid();

        await Bus.Publish(new ScheduleJob
        {
            JobId = Guid.NewGuid(), Key = key, Name = "health checks", Handler = "noop", Schedule = new JobSchedule { Every = TimeSpan.FromMinutes(10) },
        });

        await using var db = deployment.OpenDatabase();
        var job = await Eventually.Until(
            () => db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == id),
            j => j.Schedule?.Every == TimeSpan.FromMinutes(10),
            "the job with the key to take the new schedule");
        Assert.Equal(key, job.Key);
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Key == key));
    }
}
