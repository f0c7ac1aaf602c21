using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Handlers;

/// <summary>A consumer host's outcome log is a guard against running a run twice, never a reason for a run not to run.</summary>
public sealed class OutcomeLogOutageTests
{
    static List<ScheduleJob> NoopJobs(int count, string name) =>
        Enumerable.Range(0, count).Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = $"{name} {i}", Handler = "noop" }).ToList();

    static async Task RunAllAsync(IsolatedDeployment deployment, List<ScheduleJob> jobs, string what)
    {
        var ids = jobs.Select(j => j.JobId).ToList();
        await Task.WhenAll(jobs.Select(j => deployment.ClientBus.Publish(j)));
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => ids.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == ids.Count, what);
    }

    static async Task<long> RecordedAsync(string connectionString, IEnumerable<Guid> jobIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM scheduler_consumer_runs WHERE job_id = ANY($1)", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = jobIds.ToArray() });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<bool> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_host_whose_outcome_database_refuses_connections_runs_and_reports_every_run()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await deployment.StartInstanceAsync();
        var refused = new NpgsqlConnectionStringBuilder(deployment.PostgresConnectionString) { Host = "127.0.0.1", Port = ClosedPort() }.ConnectionString;
        await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, refused);

        await RunAllAsync(deployment, NoopJobs(10, "refused"), "every run to complete with the outcome log unreachable");

        Assert.Contains(consumer.Output, line => line.Contains("outcome log", StringComparison.Ordinal));
        Assert.Empty(await deployment.DeadLettersAsync());
    }

    [Fact]
    public async Task A_host_whose_outcome_database_has_no_connection_left_runs_and_reports_every_run()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await deployment.StartInstanceAsync();

        // PostgreSQL answers a role over its connection limit as it answers a server over max_connections: 53300.
        var role = $"scheduler_full_{Guid.NewGuid():N}";
        await ExecuteAsync(deployment.PostgresConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD 'full' CONNECTION LIMIT 0");
        try
        {
            var full = new NpgsqlConnectionStringBuilder(deployment.PostgresConnectionString) { Username = role, Password = "full" }.ConnectionString;
            await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, full);

            await RunAllAsync(deployment, NoopJobs(10, "too many clients"), "every run to complete with the outcome database full");

            Assert.Contains(consumer.Output, line => line.Contains("53300", StringComparison.Ordinal));
            Assert.Empty(await deployment.DeadLettersAsync());
        }
        finally
        {
            await ExecuteAsync(deployment.PostgresConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task A_host_makes_its_outcome_table_when_it_starts_before_any_run()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString);

        // No job is scheduled: the first runs need not wait for the table to be made.
        await Eventually.Until(
            async () => await ScalarAsync(deployment.PostgresConnectionString, "SELECT to_regclass('scheduler_consumer_runs') IS NOT NULL"),
            exists => exists, "the outcome table to exist");
        Assert.Equal(0, await RecordedAsync(deployment.PostgresConnectionString, []));
    }

    [Fact]
    public async Task A_host_creates_its_outcome_table_again_when_it_is_dropped_and_keeps_recording()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await deployment.StartInstanceAsync();
        await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString);
        var before = NoopJobs(5, "before the drop");
        await RunAllAsync(deployment, before, "the runs before the drop to complete");
        Assert.Equal(before.Count, await RecordedAsync(deployment.PostgresConnectionString, before.Select(j => j.JobId)));

        await ExecuteAsync(deployment.PostgresConnectionString, "DROP TABLE scheduler_consumer_runs");
        var after = NoopJobs(5, "after the drop");
        await RunAllAsync(deployment, after, "the runs after the drop to complete");

        Assert.Equal(after.Count, await RecordedAsync(deployment.PostgresConnectionString, after.Select(j => j.JobId)));
        Assert.Empty(await deployment.DeadLettersAsync());
    }
}
