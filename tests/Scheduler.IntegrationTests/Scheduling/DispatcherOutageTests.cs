using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Xunit.Abstractions;

namespace Scheduler.IntegrationTests.Scheduling;

/// <summary>
/// The broker or the database goes away from a scheduler instance while jobs fall due, through a <see cref="TcpRelay"/>
/// in front of the shared servers (which the other tests go on using): the dispatcher carries on once it is back.
/// </summary>
public sealed class DispatcherOutageTests(ITestOutputHelper output)
{
    const int Jobs = 200;
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    static readonly JsonElement ShortSleep = JsonDocument.Parse("""{"duration": "PT0.05S"}""").RootElement.Clone();

    // Short deadlines, so that a round caught by the outage is abandoned within it, as the defaults would do in a longer one.
    static readonly Dictionary<string, string> Deadlines = new()
    {
        ["Scheduler:Dispatcher:SendTimeout"] = "00:00:02",
        ["Scheduler:Dispatcher:RoundTimeout"] = "00:00:04",
    };

    [Fact]
    public async Task Every_job_due_through_a_broker_outage_runs_once_after_the_broker_is_back()
    {
        // The relay outlives the deployment, so that the instance stops with its broker reachable.
        await using var relay = BrokerRelay();
        await using var deployment = await IsolatedDeployment.StartAsync(settings: Deadlines);
        await deployment.StartInstanceAsync(rabbitMq: Through(relay, deployment.RabbitMqUri));

        await RunThroughOutageAsync(deployment, relay, relay.Cut);
    }

    [Fact]
    public async Task Every_job_due_while_the_broker_stops_answering_runs_once_after_it_answers_again()
    {
        await using var relay = BrokerRelay();
        await using var deployment = await IsolatedDeployment.StartAsync(settings: Deadlines);
        await deployment.StartInstanceAsync(rabbitMq: Through(relay, deployment.RabbitMqUri));

        // The rounds caught by the freeze are abandoned, yet what they sent arrives once the broker answers again, and
        // so does the next round's copy of the same rows: the receivers must take each run once.
        await RunThroughOutageAsync(deployment, relay, relay.Freeze);
    }

    [Fact]
    public async Task Every_job_due_through_a_database_outage_runs_once_after_the_database_is_back()
    {
        var server = new NpgsqlConnectionStringBuilder(RealInfrastructure.FromEnvironment().Postgres);
        await using var relay = TcpRelay.To(server.Host!, server.Port);
        await using var deployment = await IsolatedDeployment.StartAsync(settings: Deadlines);
        await deployment.StartInstanceAsync(postgres: new NpgsqlConnectionStringBuilder(deployment.PostgresConnectionString) { Port = relay.Port }.ConnectionString);

        await RunThroughOutageAsync(deployment, relay, relay.Cut);
    }

    [Fact]
    public async Task Ready_turns_unhealthy_while_the_broker_holds_the_dispatchers_confirms_and_healthy_once_they_come()
    {
        var settings = new Dictionary<string, string>(Deadlines)
        {
            ["Scheduler:Dispatcher:DegradedAfter"] = "00:00:01",
            ["Scheduler:Dispatcher:UnhealthyAfter"] = "00:00:03",
        };
        await using var relay = BrokerRelay();
        await using var deployment = await IsolatedDeployment.StartAsync(settings: settings);
        var instance = await deployment.StartInstanceAsync(rabbitMq: Through(relay, deployment.RabbitMqUri));
        using var api = instance.CreateClient();

        var healthy = await ReadyChecksAsync(api);
        Assert.Equal("Healthy", healthy["dispatcher"].GetProperty("status").GetString());
        Assert.True(healthy["dispatcher"].GetProperty("data").TryGetProperty("sinceLastRoundSeconds", out _), healthy["dispatcher"].ToString());

        // A broker that stops answering on open connections: sends go out and their confirms never come back, and
        // nothing but the dispatcher's own figures can tell (the connection looks open, the database answers).
        var jobIds = await ScheduleAsync(deployment, DateTimeOffset.UtcNow.AddSeconds(2), count: 20);
        relay.Freeze();
        try
        {
            var stalled = await Eventually.Until(() => ReadyChecksAsync(api), checks => checks["dispatcher"].GetProperty("status").GetString() == "Unhealthy",
                "the dispatcher check to turn Unhealthy while the broker holds its confirms", TimeSpan.FromSeconds(30));
            output.WriteLine($"while frozen: {string.Join("; ", stalled.Values)}");
            Assert.Equal("Healthy", stalled["database"].GetProperty("status").GetString());
            using var ready = await api.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

            // What the stall guard reads: had the broker answered its own looks meanwhile, this would end the process.
            await Eventually.Until(() => Task.FromResult(instance.Services.GetRequiredService<SendStall>().FailingSince),
                since => since is not null, "the dispatcher to report its sends unconfirmed", TimeSpan.FromSeconds(30));
        }
        finally
        {
            relay.Restore();
        }

        var recovered = await Eventually.Until(() => ReadyChecksAsync(api), checks => checks["dispatcher"].GetProperty("status").GetString() == "Healthy",
            "the dispatcher check to be Healthy again");
        output.WriteLine($"after: {recovered["dispatcher"]}");
        await Eventually.Until(() => Task.FromResult(instance.Services.GetRequiredService<SendStall>().FailingSince),
            since => since is null, "the dispatcher to report its sends confirmed again");
        await Eventually.Until(async () => (await api.GetAsync("/health/ready")).StatusCode, status => status == HttpStatusCode.OK, "/health/ready to answer 200 again");
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.Jobs.AsNoTracking().CountAsync(j => jobIds.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == jobIds.Count, "every job to complete after the outage");
    }

    async Task RunThroughOutageAsync(IsolatedDeployment deployment, TcpRelay relay, Action outage)
    {
        // Due over the next seconds, so that the outage falls in the middle of them.
        var start = DateTimeOffset.UtcNow.AddSeconds(4);
        var jobIds = await ScheduleAsync(deployment, start, Jobs);
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(
            () => db.Runs.AsNoTracking().CountAsync(r => r.Status == RunStatus.Succeeded),
            done => done >= Jobs / 10, "the first jobs to run before the outage", TimeSpan.FromSeconds(30));

        outage();
        var cutAt = DateTimeOffset.UtcNow;
        try
        {
            // The outage itself, not a wait for a condition: the server is away this long, whatever happens meanwhile.
            await Task.Delay(Outage);
        }
        finally
        {
            relay.Restore();
        }

        var backAt = DateTimeOffset.UtcNow;
        output.WriteLine($"{outage.Method.Name} at {cutAt:O} for {Outage.TotalSeconds} s; jobs due {start:O} to {start.AddMilliseconds(25 * Jobs):O}");
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().CountAsync(j => jobIds.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
            completed => completed == jobIds.Count, "every job to complete after the outage", TimeSpan.FromSeconds(45));
        output.WriteLine($"all {Jobs} completed {(DateTimeOffset.UtcNow - backAt).TotalSeconds:F1} s after the server was back");

        var runs = await db.Runs.AsNoTracking().Where(r => jobIds.Contains(r.JobId)).ToListAsync();
        Assert.Equal(jobIds.Count, runs.Count);
        Assert.Equal(jobIds.Count, runs.Select(r => r.JobId).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        var succeeded = await db.Audit.AsNoTracking().Where(a => jobIds.Contains(a.JobId) && a.Event == "runSucceeded").GroupBy(a => a.JobId)
            .Select(g => g.Count()).ToListAsync();
        Assert.Equal(jobIds.Count, succeeded.Count);
        Assert.All(succeeded, count => Assert.Equal(1, count));

        await Eventually.Until(() => db.DueMessages.CountAsync(), left => left == 0, "the due table to drain");
        Assert.Empty(await deployment.DeadLettersAsync());
    }

    static async Task<List<Guid>> ScheduleAsync(IsolatedDeployment deployment, DateTimeOffset start, int count)
    {
        var jobIds = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(jobIds.Select((id, i) => deployment.ClientBus.Publish(new ScheduleJob
        {
            JobId = id,
            Name = $"through an outage {i}",
            Handler = "sleep",
            Payload = ShortSleep,
            Schedule = new JobSchedule { At = start.AddMilliseconds(25 * i) },
        })));

        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.Jobs.CountAsync(j => jobIds.Contains(j.CorrelationId)), stored => stored == count, $"all {count} jobs to be stored");
        return jobIds;
    }

    static TcpRelay BrokerRelay()
    {
        var broker = new Uri(RealInfrastructure.FromEnvironment().RabbitMq);
        return TcpRelay.To(broker.Host, broker.Port);
    }

    static string Through(TcpRelay relay, string amqpUri) => new UriBuilder(amqpUri) { Port = relay.Port }.Uri.ToString();

    static async Task<Dictionary<string, JsonElement>> ReadyChecksAsync(HttpClient api)
    {
        using var response = await api.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    }
}
