using System.Globalization;
using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Disable and enable, and a pause that ends by itself, through REST and the bus, on whichever deployment the derived class names.</summary>
public abstract class JobHoldsApiBehaviour(IApiDeployment deployment)
{
    /// <summary>The deployment's bus, to send commands on as another service would.</summary>
    protected abstract IBus Bus { get; }

    async Task<Guid> CreateHourlyJobAsync(string name)
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body($$$"""{"name": "{{{name}}}", "handler": "noop", "schedule": {"every": "PT1H"}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await ApiJson.ReadAsync(created)).GetProperty("id").GetGuid();
    }

    async Task<JsonElement> GetJobAsync(Guid id)
    {
        using var response = await deployment.Api.GetAsync($"/api/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiJson.ReadAsync(response);
    }

    async Task<List<(string Event, string Actor, string? Detail)>> AuditAsync(Guid id)
    {
        await using var db = deployment.OpenDatabase();
        return (await db.Audit.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.Id).ToListAsync())
            .Select(a => (a.Event, a.Actor, a.Detail)).ToList();
    }

    [Fact]
    public async Task A_disabled_job_is_shown_refuses_to_run_and_enabled_goes_on_with_both_in_the_audit_trail()
    {
        var id = await CreateHourlyJobAsync("disabled report");

        using var disabled = await deployment.Api.PostAsync($"/api/jobs/{id}/disable", ApiJson.Body("""{"reason": "migrating the warehouse"}"""));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("disabled", (await ApiJson.ReadAsync(disabled)).GetProperty("status").GetString());

        using var listed = await deployment.Api.GetAsync("/api/jobs?status=disabled&limit=200");
        Assert.Contains((await ApiJson.ReadAsync(listed)).GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetGuid() == id);

        using var triggered = await deployment.Api.PostAsync($"/api/jobs/{id}/trigger", null);
        Assert.Equal(HttpStatusCode.Conflict, triggered.StatusCode);

        using var enabled = await deployment.Api.PostAsync($"/api/jobs/{id}/enable", null);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var job = await ApiJson.ReadAsync(enabled);
        Assert.Equal("scheduled", job.GetProperty("status").GetString());
        Assert.True(job.GetProperty("nextRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        var trail = await AuditAsync(id);
        Assert.Equal(["scheduled", "disabled", "enabled"], trail.Select(a => a.Event));
        Assert.Equal("migrating the warehouse", trail[1].Detail);
        Assert.All(trail, a => Assert.Equal("key:open", a.Actor));
    }

    [Fact]
    public async Task A_pause_until_an_instant_shows_its_end_and_reason_and_resumes_by_itself()
    {
        var id = await CreateHourlyJobAsync("paused report");
        var until = DateTimeOffset.UtcNow.AddSeconds(2);

        using var paused = await deployment.Api.PostAsync($"/api/jobs/{id}/pause",
            ApiJson.Body($$"""{"until": "{{until.ToString("O", CultureInfo.InvariantCulture)}}", "reason": "database upgrade"}"""));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var job = await ApiJson.ReadAsync(paused);
        Assert.Equal("paused", job.GetProperty("status").GetString());
        Assert.Equal("database upgrade", job.GetProperty("pauseReason").GetString());
        Assert.Equal(until.ToUnixTimeMilliseconds(), job.GetProperty("pausedUntil").GetDateTimeOffset().ToUnixTimeMilliseconds());

        var resumed = await Eventually.Until(() => GetJobAsync(id), j => j.GetProperty("status").GetString() == "scheduled",
            "the pause to end by itself");
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("pausedUntil").ValueKind);

        var trail = await AuditAsync(id);
        Assert.Equal(["scheduled", "paused", "resumed"], trail.Select(a => a.Event));
        Assert.StartsWith("database upgrade (until ", trail[1].Detail, StringComparison.Ordinal);
        Assert.Equal("scheduler", trail[2].Actor);
    }

    [Theory]
    [InlineData("""{"until": "2020-01-01T00:00:00Z"}""", "until")]
    [InlineData("""{"until": "tomorrow"}""", "until")]
    [InlineData("""{"reason": 42}""", "reason")]
    public async Task A_bad_pause_is_refused_with_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var id = await CreateHourlyJobAsync("not paused");

        using var response = await deployment.Api.PostAsync($"/api/jobs/{id}/pause", ApiJson.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiJson.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}'");
        Assert.Equal("scheduled", (await GetJobAsync(id)).GetProperty("status").GetString());
        Assert.Equal(["scheduled"], (await AuditAsync(id)).Select(a => a.Event));
    }

    [Fact]
    public async Task Disable_and_enable_on_the_bus_are_answered_and_recorded()
    {
        var id = await CreateHourlyJobAsync("bus held report");

        var disabled = await Bus.CreateRequestClient<DisableJob>().GetResponse<JobDisabled>(new DisableJob { JobId = id, Reason = "by the bus" });
        Assert.Equal(id, disabled.Message.JobId);
        Assert.Equal("disabled", (await GetJobAsync(id)).GetProperty("status").GetString());

        var enabled = await Bus.CreateRequestClient<EnableJob>().GetResponse<JobEnabled>(new EnableJob { JobId = id });
        Assert.NotNull(enabled.Message.NextRunAt);

        await using var db = deployment.OpenDatabase();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == id);
        Assert.Equal((int)JobStatus.Scheduled, job.CurrentState);
        Assert.Equal(["scheduled", "disabled", "enabled"], (await AuditAsync(id)).Select(a => a.Event));
    }

    [Fact]
    public async Task A_pause_until_a_past_instant_on_the_bus_is_refused_and_changes_nothing()
    {
        var id = await CreateHourlyJobAsync("bus paused report");

        var response = await Bus.CreateRequestClient<PauseJob>().GetResponse<JobPaused, JobCommandRejected>(
            new PauseJob { JobId = id, Until = DateTimeOffset.UtcNow.AddMinutes(-1) });

        Assert.True(response.Is(out Response<JobCommandRejected>? _));
        Assert.Equal("scheduled", (await GetJobAsync(id)).GetProperty("status").GetString());
    }
}
