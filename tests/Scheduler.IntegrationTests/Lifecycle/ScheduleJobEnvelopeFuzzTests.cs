using System.Text;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Lifecycle;
using Xunit.Abstractions;

namespace Scheduler.IntegrationTests.Lifecycle;

/// <summary>
/// Seeded random and mutated <c>ScheduleJob</c> messages published as raw MassTransit JSON envelopes, as a client in
/// another language would, on a deployment of its own: each readable one is stored or rejected (never both), nothing
/// invalid is stored, only envelopes that are not JSON at all reach an <c>_error</c> queue, and a valid job published
/// afterwards still runs.
/// </summary>
public sealed class ScheduleJobEnvelopeFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    const string Exchange = "Scheduler.Contracts:ScheduleJob";
    const int Envelopes = 10_000;

    // JSON nested deeper than this is not read at all; anything shallower must be answered.
    const int JsonDepth = 1024;
    static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("SCHEDULER_FUZZ_SEED"), out var seed) ? seed : 20261130;

    static readonly string[] ErrorQueues = [$"{JobAdmissionDefinition.QueueName}_error", $"{JobStateDefinition.QueueName}_error"];

    readonly SchedulerDeployment _deployment = new();

    public Task InitializeAsync() => _deployment.InitializeAsync();

    public Task DisposeAsync() => _deployment.DisposeAsync();

    sealed record Envelope(string Text, Guid? JobId, bool Mutated, bool Readable, string? IdempotencyKey = null);

    [Fact]
    public async Task Mutated_envelopes_are_each_stored_or_rejected_and_only_unreadable_ones_reach_an_error_queue()
    {
        var random = new Random(Seed);
        var fuzzer = new JobBodyFuzzer(Seed);
        var envelopes = Enumerable.Range(0, Envelopes).Select(_ => NextEnvelope(fuzzer, random)).ToList();

        var factory = new ConnectionFactory { Uri = new Uri(_deployment.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
                         publisherConfirmationTrackingEnabled: true)))
        {
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
            foreach (var envelope in envelopes)
                await channel.BasicPublishAsync(Exchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(envelope.Text));
        }

        // Every readable envelope with a job id gets an answer: its job is stored, or a JobRejected names it.
        var tracked = envelopes.Where(e => e is { Readable: true, JobId: not null }).ToList();
        await using var db = _deployment.OpenDatabase();
        // (One whose idempotency key a stored job has is answered with that job instead.)
        var stored = new HashSet<Guid>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        bool Answered(Envelope e) =>
            stored.Contains(e.JobId!.Value) || _deployment.Rejections.ContainsKey(e.JobId!.Value) || (e.IdempotencyKey is { } key && keys.Contains(key));
        try
        {
            await Eventually.Until(
                async () =>
                {
                    var jobs = await db.Jobs.IgnoreQueryFilters().AsNoTracking().Select(j => new { j.CorrelationId, j.IdempotencyKey }).ToListAsync();
                    stored = jobs.Select(j => j.CorrelationId).ToHashSet();
                    keys = jobs.Where(j => j.IdempotencyKey != null).Select(j => j.IdempotencyKey!).ToHashSet(StringComparer.Ordinal);
                    return tracked.Count(e => !Answered(e));
                },
                unanswered => unanswered == 0, "every readable envelope to be stored or rejected", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            output.WriteLine($"{tracked.Count} tracked, {stored.Count} stored, {_deployment.Rejections.Count} rejected");
            foreach (var missing in tracked.Where(e => !Answered(e)).Take(5))
                output.WriteLine($"neither stored nor rejected: {missing.Text}");
            throw;
        }

        output.WriteLine($"seed {Seed}: {envelopes.Count} envelopes, {envelopes.Count(e => !e.Readable)} unreadable, "
                         + $"{stored.Count} stored, {_deployment.Rejections.Count} rejected");
        Assert.DoesNotContain(stored, id => _deployment.Rejections.ContainsKey(id));
        Assert.DoesNotContain(tracked, e => !e.Mutated && !stored.Contains(e.JobId!.Value));

        // The consumers keep consuming: a valid job published after the fuzz runs.
        var after = Guid.NewGuid();
        await _deployment.ClientBus.Publish(new Contracts.ScheduleJob { JobId = after, Name = "after the fuzz", Handler = "noop" });
        await Eventually.Until(
            () => db.Jobs.AsNoTracking().Where(j => j.CorrelationId == after).Select(j => (int?)j.CurrentState).SingleOrDefaultAsync(),
            state => state == (int)JobStatus.Completed, "the job published after the fuzz to complete");

        // Only envelopes that are not JSON reached an _error queue.
        var unreadable = envelopes.Where(e => !e.Readable).Select(e => e.Text).ToHashSet();
        var dead = new List<string>();
        foreach (var queue in ErrorQueues)
        {
            // A queue that was never needed was never declared: a 404 that closes the channel, hence one channel each.
            await using var reader = await connection.CreateChannelAsync();
            try
            {
                while (await reader.BasicGetAsync(queue, autoAck: true) is { } message)
                    dead.Add(Encoding.UTF8.GetString(message.Body.Span));
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
            }
        }

        output.WriteLine($"{dead.Count} messages in the _error queues");
        Assert.DoesNotContain(dead, text => !unreadable.Contains(text));
    }

    /// <summary>The idempotency key the service reads from <paramref name="body"/> (the last of duplicate keys), if any.</summary>
    static string? IdempotencyKeyOf(string body)
    {
        if (!JobBodyFuzzer.IsJsonObject(body, JsonDepth))
            return null;

        using var document = System.Text.Json.JsonDocument.Parse(body, new System.Text.Json.JsonDocumentOptions { MaxDepth = JsonDepth });
        var key = document.RootElement.EnumerateObject().LastOrDefault(p => p.NameEquals("idempotencyKey")).Value;
        try
        {
            return key.ValueKind == System.Text.Json.JsonValueKind.String ? key.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// An envelope around a fuzzed body, written as text so that a body with duplicate keys or broken JSON stays as it
    /// is. A body that is a JSON object gets a fresh job id at its end (the last of duplicate keys wins), unless now and
    /// then a mutation's own is kept. One in 25 envelopes is truncated or not JSON at all: the unreadable ones.
    /// </summary>
    static Envelope NextEnvelope(JobBodyFuzzer fuzzer, Random random)
    {
        var body = fuzzer.Next(out var mutated);
        Guid? jobId = null;
        if (JobBodyFuzzer.IsJsonObject(body, JsonDepth) && (!body.Contains("\"jobId\"", StringComparison.Ordinal) || random.Next(10) > 0))
        {
            jobId = Guid.NewGuid();
            var fields = body.TrimEnd()[..^1].TrimEnd();
            body = $"{fields}{(fields.EndsWith('{') ? "" : ",")}\"jobId\":\"{jobId}\"}}";
        }

        var envelope = $$"""{"messageId":"{{Guid.NewGuid()}}","messageType":["urn:message:Scheduler.Contracts:ScheduleJob"],"message":{{body}}}""";
        return random.Next(50) switch
        {
            0 => new Envelope(envelope[..random.Next(envelope.Length)], null, true, Readable: false),
            1 => new Envelope($"not json {random.Next()}", null, true, Readable: false),
            _ => new Envelope(envelope, jobId, mutated, Readable: JobBodyFuzzer.IsJsonObject(envelope, JsonDepth), IdempotencyKeyOf(body)),
        };
    }
}
