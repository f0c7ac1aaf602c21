using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Lifecycle;

public sealed class ConsumerCrashTests
{
    [Fact]
    public async Task Killing_the_consumer_in_the_middle_of_200_runs_leaves_every_run_finished_exactly_once()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await deployment.StartInstanceAsync();
        var settings = new Dictionary<string, string> { ["Scheduler:Handlers:sleep:Concurrency"] = "10" };
        var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString, settings);

        var payload = JsonDocument.Parse("""{"duration": "PT0.3S"}""").RootElement.Clone();
        var jobs = Enumerable.Range(0, 200).Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = $"crash {i}", Handler = "sleep", Payload = payload }).ToList();
        var ids = jobs.Select(j => j.JobId).ToList();
        await Task.WhenAll(jobs.Select(job => deployment.ClientBus.Publish(job)));

        await using var db = deployment.OpenDatabase();
        // Killed once 40 runs have succeeded while others are recorded running: handlers are cut off mid-run.
        var before = await Eventually.Until(
            async () => (
                Succeeded: await db.Runs.AsNoTracking().CountAsync(r => ids.Contains(r.JobId) && r.Status == RunStatus.Succeeded),
                Running: await db.Runs.AsNoTracking().CountAsync(r => ids.Contains(r.JobId) && r.Status == RunStatus.Running)),
            counts => counts.Succeeded >= 40 && counts.Running > 0,
            "40 runs to succeed with others running before the kill");
        await consumer.KillAsync();
        var inFlight = before.Running;
        var finishedBeforeRestart = await db.Runs.AsNoTracking().CountAsync(r => ids.Contains(r.JobId) && r.Status == RunStatus.Succeeded);
        await consumer.DisposeAsync();

        await using var restarted = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString, settings);
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => ids.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == ids.Count,
            "all 200 jobs to complete after the restart", TimeSpan.FromMinutes(2));

        Assert.True(inFlight > 0, "the kill came when no run was in flight, so it proved nothing");
        Assert.True(finishedBeforeRestart < ids.Count, "every run had finished before the kill");

        var runs = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.JobId)).ToListAsync();
        Assert.Equal(ids.Order(), runs.Select(r => r.JobId).Order());
        Assert.All(runs, run => Assert.Equal(RunStatus.Succeeded, run.Status));

        var outcomes = await db.Audit.AsNoTracking().Where(a => ids.Contains(a.JobId) && (a.Event == "runSucceeded" || a.Event == "runFailed"))
            .GroupBy(a => a.JobId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(ids.Count, outcomes.Count);
        Assert.All(outcomes, count => Assert.Equal(1, count));

        // The consumers' own record: each run finished once, whichever host ran it.
        await using var connection = new NpgsqlConnection(deployment.PostgresConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT run_id) FROM scheduler_consumer_runs", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(ids.Count, reader.GetInt64(0));
        Assert.Equal(ids.Count, reader.GetInt64(1));
    }
}
