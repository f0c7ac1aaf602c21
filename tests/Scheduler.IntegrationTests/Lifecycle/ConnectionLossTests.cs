using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Lifecycle;

/// <summary>PostgreSQL ending the connections of the scheduler's processes (57P01, as a restart or a failover does) mid-load.</summary>
public sealed class ConnectionLossTests
{
    [Fact]
    public async Task Connections_ended_by_the_server_mid_load_lose_no_job_and_send_nothing_to_an_error_queue()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await deployment.StartInstanceAsync();
        await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString);
        var jobs = Enumerable.Range(0, 150).Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = $"through the loss {i}", Handler = "noop" }).ToList();
        var ids = jobs.Select(j => j.JobId).ToList();

        await using var admin = new NpgsqlConnection(deployment.PostgresConnectionString);
        await admin.OpenAsync();
        await using var db = deployment.OpenDatabase();
        Task<int> CompletedAsync() => db.Jobs.AsNoTracking().CountAsync(j => ids.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed);

        await Task.WhenAll(jobs.Select(j => deployment.ClientBus.Publish(j)));
        var ended = 0L;
        foreach (var threshold in new[] { 1, 50, 100 })
        {
            var completed = await Eventually.Until(CompletedAsync, count => count >= threshold, $"{threshold} jobs to complete before the connections end");
            if (completed == ids.Count)
                break;
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'scheduler%'", admin);
            ended += (long)(await terminate.ExecuteScalarAsync())!;
        }

        await Eventually.Until(CompletedAsync, count => count == ids.Count, "every job to complete after the connections ended", TimeSpan.FromMinutes(2));
        Assert.True(ended > 0, "no connection was ended, so the test proved nothing");
        Assert.Empty(await deployment.DeadLettersAsync());
    }
}
