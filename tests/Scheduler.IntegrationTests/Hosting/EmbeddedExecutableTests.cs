using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Hosting;

/// <summary>The README's run command on a machine with nothing else: the built executable, no configuration.</summary>
public sealed class EmbeddedExecutableTests : IDisposable
{
    readonly string _workingDirectory = Directory.CreateTempSubdirectory("scheduler-embedded-").FullName;

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    static async Task<Guid> ScheduleAsync(HttpClient api, string json)
    {
        using var created = await api.PostAsync("/api/jobs", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    static async Task<List<JsonElement>> RunsAsync(HttpClient api, Guid id) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/runs")).EnumerateArray().ToList();

    [Fact]
    public async Task Started_with_no_configuration_it_runs_a_delayed_and_a_cron_job_and_the_cron_job_goes_on_after_a_restart()
    {
        Guid cronId;
        await using (var service = await ServiceProcess.StartAsync(_workingDirectory))
        {
            var firstLines = string.Join('\n', service.Output.Take(4));
            Assert.Contains("embedded mode", firstLines, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(_workingDirectory, "scheduler.db"), firstLines, StringComparison.Ordinal);

            var delayedId = await ScheduleAsync(service.Api, """{"name": "in a second", "handler": "noop", "schedule": {"delay": "PT1S"}}""");
            cronId = await ScheduleAsync(service.Api, """{"name": "every second", "handler": "noop", "schedule": {"cron": "* * * * * *"}}""");

            await Eventually.Until(() => service.Api.GetFromJsonAsync<JsonElement>($"/api/jobs/{delayedId}"),
                job => job.GetProperty("status").GetString() == "completed", "the delayed job to run");
            await Eventually.Until(() => RunsAsync(service.Api, cronId),
                runs => runs.Count(r => r.GetProperty("status").GetString() == "succeeded") >= 2, "the cron job to run twice");

            // A kill, not a stop: the process gets no chance to tidy up.
            await service.KillAsync();
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await using (var service = await ServiceProcess.StartAsync(_workingDirectory))
        {
            var runs = await Eventually.Until(() => RunsAsync(service.Api, cronId),
                r => r.Count(x => x.GetProperty("scheduledFor").GetDateTimeOffset() > restartedAt && x.GetProperty("status").GetString() == "succeeded") >= 2,
                "the cron job to go on after the restart");

            var occurrences = runs.Select(r => r.GetProperty("scheduledFor").GetDateTimeOffset()).ToList();
            Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
            Assert.True(File.Exists(Path.Combine(_workingDirectory, "scheduler.db")));
        }
    }
}
