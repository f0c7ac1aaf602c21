using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Lifecycle;

/// <summary>
/// A client that is not .NET: it publishes the raw MassTransit JSON envelope on the exchange docs/contracts.md names,
/// with camelCase fields, camelCase enum names and ISO 8601 durations.
/// </summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class RawEnvelopeTests(SchedulerDeployment deployment)
{
    /// <summary>Publishes <paramref name="envelope"/> on the contract's exchange as it is, with a publisher confirm.</summary>
    async Task PublishAsync(string envelope, string exchange = "Scheduler.Contracts:ScheduleJob")
    {
        var factory = new ConnectionFactory { Uri = new Uri(deployment.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(envelope));
    }

    [Fact]
    public async Task A_raw_ScheduleJob_envelope_on_the_contract_exchange_is_scheduled_with_every_field_and_runs()
    {
        var jobId = Guid.NewGuid();
        var envelope = $$"""
            {
              "messageId": "{{Guid.NewGuid()}}",
              "messageType": ["urn:message:Scheduler.Contracts:ScheduleJob"],
              "message": {
                "jobId": "{{jobId}}",
                "tenantId": "acme",
                "name": "from python",
                "handler": "fail",
                "payload": {"message": "first attempt fails", "times": 0},
                "schedule": {},
                "priority": "critical",
                "retry": {"maxAttempts": 4, "initialDelay": "PT2S", "maxDelay": "PT1M", "backoff": "exponential", "jitter": true},
                "timeout": "PT30S",
                "concurrency": {"maxInstances": 2, "overlap": "queue"},
                "misfire": {"policy": "catchUp", "graceTime": "PT10M"},
                "idempotencyKey": "raw-{{jobId:N}}",
                "metadata": {"origin": "raw-envelope"}
              }
            }
            """;

        await PublishAsync(envelope);

        await using var db = deployment.OpenDatabase();
        var job = await Eventually.Until(
            () => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId),
            j => j?.CurrentState == (int)JobStatus.Completed,
            "the raw-envelope job to complete");

        Assert.Equal("acme", job!.TenantId);
        Assert.Equal(JobPriority.Critical, job.Priority);
        Assert.Equal(new RetryPolicy
        {
            MaxAttempts = 4, InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromMinutes(1), Backoff = BackoffKind.Exponential, Jitter = true,
        }, job.Retry);
        Assert.Equal(TimeSpan.FromSeconds(30), job.Timeout);
        Assert.Equal(new ConcurrencyPolicy { MaxInstances = 2, Overlap = OverlapMode.Queue }, job.Concurrency);
        Assert.Equal(new MisfirePolicy { Policy = MisfireAction.CatchUp, GraceTime = TimeSpan.FromMinutes(10) }, job.Misfire);
        Assert.Equal("raw-envelope", job.Metadata?["origin"].GetString());
        Assert.Equal($"raw-{jobId:N}", job.IdempotencyKey);
    }

    [Fact]
    public async Task A_raw_envelope_with_metadata_of_numbers_lists_and_objects_is_stored_with_them()
    {
        var jobId = Guid.NewGuid();
        var envelope = $$"""
            {"messageId": "{{Guid.NewGuid()}}", "messageType": ["urn:message:Scheduler.Contracts:ScheduleJob"],
             "message": {"jobId": "{{jobId}}", "name": "typed metadata", "handler": "noop", "schedule": {"every": "PT1H"},
                         "metadata": {"team": "billing", "n": 3, "tags": ["a"], "o": {"x": true} } } }
            """;

        await PublishAsync(envelope);

        await using var db = deployment.OpenDatabase();
        var job = await Eventually.Until(() => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId), j => j is not null,
            "the job with typed metadata to be stored");
        Assert.Equal("billing", job!.Metadata!["team"].GetString());
        Assert.Equal(3, job.Metadata["n"].GetInt32());
        Assert.Equal("a", Assert.Single(job.Metadata["tags"].EnumerateArray()).GetString());
        Assert.True(job.Metadata["o"].GetProperty("x").GetBoolean());
    }

    [Fact]
    public async Task A_raw_envelope_with_metadata_over_16_KiB_is_rejected_naming_the_field_and_stores_nothing()
    {
        var jobId = Guid.NewGuid();
        var blob = new string('x', 17_000);
        var envelope = $$"""
            {"messageId": "{{Guid.NewGuid()}}", "messageType": ["urn:message:Scheduler.Contracts:ScheduleJob"],
             "message": {"jobId": "{{jobId}}", "name": "too much metadata", "handler": "noop", "metadata": {"blob": "{{blob}}" } } }
            """;

        await PublishAsync(envelope);

        var rejected = await Eventually.Until(() => Task.FromResult(deployment.Rejections.GetValueOrDefault(jobId)), r => r is not null,
            "the command with too much metadata to be rejected");
        Assert.Equal("metadata", Assert.Single(rejected!.Errors).Field);
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == jobId));
    }

    [Theory]
    [InlineData("""{"delay": "5 seconds"}""", "schedule.delay")]
    [InlineData("""{"at": "tomorrow"}""", "schedule.at")]
    [InlineData("""{"cron": 5}""", "schedule.cron")]
    public async Task A_raw_envelope_whose_message_cannot_be_read_is_rejected_naming_the_field_and_stores_nothing(string schedule, string field)
    {
        var jobId = Guid.NewGuid();
        var envelope = $$"""
            {"messageId": "{{Guid.NewGuid()}}", "messageType": ["urn:message:Scheduler.Contracts:ScheduleJob"],
             "message": {"jobId": "{{jobId}}", "name": "unreadable", "handler": "noop", "schedule": {{schedule}} } }
            """;

        await PublishAsync(envelope);

        var rejected = await Eventually.Until(() => Task.FromResult(deployment.Rejections.GetValueOrDefault(jobId)), r => r is not null,
            "the unreadable command to be rejected");
        Assert.Equal(field, Assert.Single(rejected!.Errors).Field);
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == jobId));
    }

    [Fact]
    public async Task A_raw_ScheduleJobs_envelope_is_answered_with_one_published_result_per_job_in_order_and_the_valid_jobs_run()
    {
        var factory = new ConnectionFactory { Uri = new Uri(deployment.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        var answers = await ListenForAnswersAsync(channel);
        var (valid, invalid, keyed) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var envelope = $$"""
            {
              "messageId": "{{Guid.NewGuid()}}",
              "messageType": ["urn:message:Scheduler.Contracts:ScheduleJobs"],
              "message": {"jobs": [
                {"jobId": "{{valid}}", "tenantId": "acme", "name": "raw batch", "handler": "noop", "priority": "high", "schedule": {"delay": "PT1S"} },
                {"jobId": "{{invalid}}", "name": "raw batch, no handler"},
                {"jobId": "{{keyed}}", "name": "raw batch, keyed", "handler": "noop", "idempotencyKey": "raw-{{keyed:N}}"}
              ]}
            }
            """;

        await PublishAsync(envelope, "Scheduler.Contracts:ScheduleJobs");

        var results = await Eventually.Until(async () => await ReadResultsAsync(channel, answers, valid), r => r is not null,
            "the raw batch to be answered");
        Assert.Equal([valid.ToString(), invalid.ToString(), keyed.ToString()], results!.Value.EnumerateArray().Select(r => r.GetProperty("jobId").GetString()));
        Assert.Equal([true, false, true], results.Value.EnumerateArray().Select(r => r.GetProperty("accepted").GetBoolean()));
        Assert.Equal("handler", results.Value[1].GetProperty("errors")[0].GetProperty("field").GetString());

        await using var db = deployment.OpenDatabase();
        foreach (var id in new[] { valid, keyed })
        {
            await Eventually.Until(() => db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == id),
                j => j?.CurrentState == (int)JobStatus.Completed, $"raw batch job {id} to complete");
        }

        Assert.Equal("acme", (await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == valid)).TenantId);
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == invalid));
    }

    [Fact]
    public async Task A_raw_ScheduleJobs_envelope_with_an_unreadable_job_is_answered_naming_it_for_every_job_and_stores_nothing()
    {
        var factory = new ConnectionFactory { Uri = new Uri(deployment.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var answers = await ListenForAnswersAsync(channel);
        var (readable, unreadable) = (Guid.NewGuid(), Guid.NewGuid());
        var envelope = $$"""
            {"messageId": "{{Guid.NewGuid()}}", "messageType": ["urn:message:Scheduler.Contracts:ScheduleJobs"],
             "message": {"jobs": [
               {"jobId": "{{readable}}", "name": "readable", "handler": "noop"},
               {"jobId": "{{unreadable}}", "name": "unreadable", "handler": "noop", "schedule": {"delay": "5 seconds"} }
             ]} }
            """;

        await PublishAsync(envelope, "Scheduler.Contracts:ScheduleJobs");

        var results = await Eventually.Until(async () => await ReadResultsAsync(channel, answers, readable), r => r is not null,
            "the unreadable batch to be answered");
        Assert.Equal([readable.ToString(), unreadable.ToString()], results!.Value.EnumerateArray().Select(r => r.GetProperty("jobId").GetString()));
        Assert.All(results.Value.EnumerateArray(), r => Assert.False(r.GetProperty("accepted").GetBoolean()));
        Assert.Equal("jobs", results.Value[0].GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("schedule.delay", results.Value[1].GetProperty("errors")[0].GetProperty("field").GetString());
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == readable || j.CorrelationId == unreadable));
    }

    /// <summary>
    /// Listens as a client would for <c>JobsScheduled</c>: a queue of its own bound to the answer's exchange (declared as
    /// MassTransit declares it); returns the queue's name.
    /// </summary>
    static async Task<string> ListenForAnswersAsync(IChannel channel)
    {
        await channel.ExchangeDeclareAsync("Scheduler.Contracts:JobsScheduled", ExchangeType.Fanout, durable: true);
        var answers = await channel.QueueDeclareAsync(exclusive: true);
        await channel.QueueBindAsync(answers.QueueName, "Scheduler.Contracts:JobsScheduled", "");
        return answers.QueueName;
    }

    /// <summary>The results of the first answer on <paramref name="queue"/> about <paramref name="jobId"/>, or null when none has come yet.</summary>
    static async Task<JsonElement?> ReadResultsAsync(IChannel channel, string queue, Guid jobId)
    {
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
        {
            var results = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("message").GetProperty("results").Clone();
            if (results.EnumerateArray().Any(r => r.GetProperty("jobId").GetString() == jobId.ToString()))
                return results;
        }

        return null;
    }
}
