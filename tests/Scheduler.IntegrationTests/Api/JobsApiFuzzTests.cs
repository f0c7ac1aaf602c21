using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Scheduler.IntegrationTests.Api;

/// <summary>
/// 10,000 seeded random and mutated bodies to <c>POST /api/jobs</c> on the embedded deployment (in-process, for speed):
/// none gets a 5xx, the service keeps answering, and only valid bodies store a job, each retrievable.
/// </summary>
public sealed class JobsApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    // A fixed seed, so a failure repeats; SCHEDULER_FUZZ_SEED explores others.
    static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("SCHEDULER_FUZZ_SEED"), out var seed) ? seed : 20261130;
    const int Bodies = 10_000;

    readonly EmbeddedDeployment _deployment = new()
    {
        // The fuzz is one client sending as fast as the service answers; the rate limit is not what it tests.
        Settings = new Dictionary<string, string> { ["Scheduler:RateLimit:PermitsPerSecond"] = "1000000", ["Scheduler:RateLimit:Burst"] = "1000000" },
    };

    public Task InitializeAsync() => _deployment.InitializeAsync();

    public Task DisposeAsync() => _deployment.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_random_and_mutated_bodies_get_no_5xx_and_only_valid_ones_store_a_job()
    {
        var fuzzer = new JobBodyFuzzer(Seed);
        var bodies = Enumerable.Range(0, Bodies).Select(_ => (Text: fuzzer.Next(out var mutated), Mutated: mutated)).ToList();
        var accepted = new ConcurrentDictionary<Guid, string>();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (body, cancellationToken) =>
        {
            using var content = new StringContent(body.Text, Encoding.UTF8, "application/json");
            using var response = await _deployment.Api.PostAsync("/api/jobs", content, cancellationToken);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);

            if (status >= 500)
                failures.Add($"{status} for {Excerpt(body.Text)}: {Excerpt(answer)}");
            else if (response.IsSuccessStatusCode)
            {
                if (!JobBodyFuzzer.IsJsonObject(body.Text))
                    failures.Add($"{status} for a body that is not a JSON object: {Excerpt(body.Text)}");
                else
                    accepted[JsonDocument.Parse(answer).RootElement.GetProperty("id").GetGuid()] = body.Text;
            }
            else if (!body.Mutated)
                failures.Add($"{status} for a valid body {Excerpt(body.Text)}: {Excerpt(answer)}");
            else if (status is not (400 or 409 or 413))
                failures.Add($"{status} (expected 400) for {Excerpt(body.Text)}: {Excerpt(answer)}");
        });

        output.WriteLine($"seed {Seed}; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(10))}");

        // Nothing refused was stored: the jobs are exactly those accepted, and each can be read back.
        await using var db = _deployment.OpenDatabase();
        Assert.Equal(accepted.Count, await db.Jobs.IgnoreQueryFilters().CountAsync());
        foreach (var id in accepted.Keys)
        {
            using var job = await _deployment.Api.GetAsync($"/api/jobs/{id}");
            Assert.Equal(HttpStatusCode.OK, job.StatusCode);
        }

        using var health = await _deployment.Api.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
