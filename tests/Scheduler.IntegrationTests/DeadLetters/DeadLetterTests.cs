using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.DeadLetters;

/// <summary>
/// A message in a dead-letter queue on a virtual host of its own: counted in <c>/api/stats</c> and <c>/health/ready</c>,
/// moved back by the admin route, then consumed where it belongs.
/// </summary>
public sealed class DeadLetterTests
{
    const string AdmissionErrorQueue = "scheduler-admission_error";

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_dead_letter_is_counted_in_stats_and_readiness_and_once_requeued_is_consumed_and_counted_no_more()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();

        // A ScheduleJob that failed once, as MassTransit leaves it in the error queue: its fault headers with it.
        var jobId = Guid.NewGuid();
        var envelope = $$$"""
            {"messageId": "{{{Guid.NewGuid()}}}", "messageType": ["urn:message:Scheduler.Contracts:ScheduleJob"],
             "message": {"jobId": "{{{jobId}}}", "name": "back from the dead", "handler": "noop", "schedule": {"delay": "P1D"} }
            }
            """;
        var factory = new ConnectionFactory { Uri = new Uri(deployment.RabbitMqUri) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
                         publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(AdmissionErrorQueue, durable: true, exclusive: false, autoDelete: false);
            var properties = new BasicProperties
            {
                ContentType = "application/vnd.masstransit+json", Persistent = true,
                Headers = new Dictionary<string, object?> { ["MT-Reason"] = "fault", ["MT-Fault-Message"] = "the database was away" },
            };
            await channel.BasicPublishAsync("", AdmissionErrorQueue, mandatory: true, properties, Encoding.UTF8.GetBytes(envelope));
        }

        var counted = await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>("/api/stats"),
            stats => stats.GetProperty("deadLetters").GetProperty("total").GetInt64() == 1, "the dead letter to be counted");
        var queue = Assert.Single(counted.GetProperty("deadLetters").GetProperty("queues").EnumerateArray());
        Assert.Equal(AdmissionErrorQueue, queue.GetProperty("queue").GetString());
        Assert.Equal(1, queue.GetProperty("messages").GetInt64());

        using (var ready = await api.GetAsync("/health/ready"))
        {
            // Degraded, not Unhealthy: a restart would not empty the queue.
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var health = await ready.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Degraded", health.GetProperty("status").GetString());
            var check = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "deadLetters");
            Assert.Equal("Degraded", check.GetProperty("status").GetString());
            Assert.Contains($"{AdmissionErrorQueue} (1)", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        using (var unknown = await api.PostAsync("/api/scheduler/dead-letters/requeue", Json("""{"queue": "somebody-elses_error"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("queue", out _));
        }

        using var requeued = await api.PostAsync("/api/scheduler/dead-letters/requeue", Json($$"""{"queue": "{{AdmissionErrorQueue}}", "limit": 10}"""));
        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        var moved = await requeued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, moved.GetProperty("moved").GetInt64());
        var from = Assert.Single(moved.GetProperty("queues").EnumerateArray());
        Assert.Equal("scheduler-admission", from.GetProperty("to").GetString());

        // Back in its queue, admission consumes it: the job is stored, and nothing is counted any more.
        await using var db = deployment.OpenDatabase();
        await Eventually.Until(() => db.Jobs.AsNoTracking().AnyAsync(j => j.CorrelationId == jobId), stored => stored, "the requeued job to be stored");
        await Eventually.Until(() => api.GetFromJsonAsync<JsonElement>("/api/stats"),
            stats => stats.GetProperty("deadLetters").GetProperty("total").GetInt64() == 0, "the dead letters to be counted zero");
        using var healthy = await api.GetAsync("/health/ready");
        Assert.Equal("Healthy", (await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Requeue_moves_at_most_its_limit_with_body_and_headers_as_they_were_less_the_fault_headers()
    {
        // No consumer host: nothing takes what comes back to the http handler's queue, so the test can read it.
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();

        using (var empty = await api.PostAsync("/api/scheduler/dead-letters/requeue", null))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Equal(0, (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt64());
        }

        const string queue = "scheduler-handler-http";
        var factory = new ConnectionFactory { Uri = new Uri(deployment.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue + "_error", durable: true, exclusive: false, autoDelete: false);
        foreach (var body in new[] { "first", "second" })
        {
            var properties = new BasicProperties
            {
                ContentType = "application/vnd.masstransit+json", MessageId = body, Persistent = true,
                Headers = new Dictionary<string, object?>
                {
                    ["MT-Reason"] = "fault", ["MT-Fault-Message"] = "boom", ["MT-Host-MachineName"] = "worker-1", ["x-trace"] = "abc",
                },
            };
            await channel.BasicPublishAsync("", queue + "_error", mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }

        using var requeued = await api.PostAsync("/api/scheduler/dead-letters/requeue", Json($$"""{"queue": "{{queue}}_error", "limit": 1}"""));

        Assert.Equal(1, (await requeued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt64());
        var back = await channel.BasicGetAsync(queue, autoAck: true);
        Assert.NotNull(back);
        Assert.Equal("first", Encoding.UTF8.GetString(back.Body.Span));
        Assert.Equal("first", back.BasicProperties.MessageId);
        Assert.Equal("application/vnd.masstransit+json", back.BasicProperties.ContentType);
        var headers = back.BasicProperties.Headers!;
        Assert.Equal("abc", Encoding.UTF8.GetString((byte[])headers["x-trace"]!));
        Assert.DoesNotContain(headers.Keys, key => key.StartsWith("MT-Fault-", StringComparison.Ordinal) || key.StartsWith("MT-Host-", StringComparison.Ordinal)
                                                   || key == "MT-Reason");
        var stats = await api.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(1, stats.GetProperty("deadLetters").GetProperty("total").GetInt64());
    }
}
