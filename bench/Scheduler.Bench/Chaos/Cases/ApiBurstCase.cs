using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Bench.Chaos.Faults;
using Scheduler.Bench.Chaos.Trials;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Workloads;
using Scheduler.Contracts;

namespace Scheduler.Bench.Chaos.Cases;

/// <summary>
/// Case 7, the burst of issue 13: with the API closed by an admin key, one member key sends <c>gets</c> concurrent
/// <c>GET /api/jobs/{id}</c> for one job and <c>runGets</c> <c>GET /api/jobs/{id}/runs</c> over four more, all at
/// once; then <c>published</c> jobs to run now go over AMQP and must all be done within the patience. Recovery is
/// counted from the end of the burst. An answer other than 2xx, or 503 with <c>Retry-After</c>, is a problem.
/// </summary>
public sealed class ApiBurstCase : IChaosCase
{
    const int RunTargets = 4;

    public string Name => "7";
    public string Description => "API burst: concurrent GET /api/jobs/{id} with one member key and GET /api/jobs/{id}/runs over four more, then jobs over AMQP";

    public async Task<TrialResult> RunAsync(ChaosEnvironment environment, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);
        var gets = arguments.Number("gets", 400);
        var runGets = arguments.Number("runGets", 400);
        var published = arguments.Number("published", 100);
        var concurrency = arguments.Number("concurrency", 16);
        var requestTimeout = arguments.Seconds("requestTimeout", 60);
        var patience = arguments.Seconds("patience", 90);
        using var bound = new CancellationTokenSource(arguments.Seconds("bound", (requestTimeout + patience + TimeSpan.FromSeconds(150)).TotalSeconds));

        var journal = Path.Combine(Path.GetTempPath(), $"scheduler-chaos-{Guid.NewGuid():N}.journal");
        try
        {
            var options = new DeploymentOptions { Journal = journal, AdminKey = Convert.ToHexString(Guid.NewGuid().ToByteArray()) };
            await using var deployment = await BenchDeployment.StartAsync(environment.Settings, concurrency, options);
            var marks = new TrialMarks { Jobs = published };
            var burst = new Dictionary<string, double>();
            var problems = await TrialRun.GuardAsync(deployment, null, async () =>
            {
                using var member = new HttpClient { BaseAddress = deployment.Api.BaseAddress, Timeout = requestTimeout };
                member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateMemberKeyAsync(deployment.Api, bound.Token));
                var targets = new List<Guid>();
                for (var i = 0; i <= RunTargets; i++)
                    targets.Add(await CreateJobAsync(member, $"burst target {i}", bound.Token));
                await BenchDeployment.WaitUntilAsync(async () => await deployment.ScalarAsync<long>(Queries.CompletedJobs("burst target ")) == targets.Count,
                    "the burst's target jobs to have run", TimeSpan.FromSeconds(60));

                await using (var sessions = await SessionWatch.StartAsync(deployment.PostgresConnectionString))
                {
                    burst["database sessions before the burst"] = await sessions.CountAsync();
                    await BurstAsync(member, targets, gets, runGets, burst, bound.Token);
                    burst["database sessions during the burst (most)"] = sessions.Most;
                    burst["database sessions after the burst"] = await sessions.CountAsync();
                }

                marks.JournalCut = new FileInfo(journal).Length;
                marks.FaultAt = DateTimeOffset.UtcNow;
                marks.Effect = new FaultEffect(marks.FaultAt.Value);

                var commands = Enumerable.Range(0, published)
                    .Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = TrialFigures.Prefix + i, Handler = "noop" })
                    .ToList();
                await Publishing.AllAsync(deployment.Bus, commands, cancellationToken: bound.Token);
                var deadline = marks.FaultAt.Value + patience;
                while (DateTimeOffset.UtcNow < deadline
                       && await Outages.OrAsync(() => deployment.ScalarAsync<long>(Queries.CompletedJobs(TrialFigures.Prefix)), 0L) < published)
                    await Task.Delay(250, bound.Token);
            }, bound.Token);

            var figures = await TrialRun.MeasureAsync(environment.Settings, deployment, journal, marks);
            foreach (var (figure, value) in burst)
                figures[figure] = value;
            var unanswered = burst.GetValueOrDefault("burst answered otherwise") + burst.GetValueOrDefault("burst without an answer");
            if (unanswered > 0)
                problems = [.. problems, $"{unanswered} burst requests answered neither 2xx nor 503 with Retry-After"];
            return new TrialResult(figures, problems);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    static async Task<string> CreateMemberKeyAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name = "chaos member", tenantId = "chaos", role = "member" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("key").GetString()!;
    }

    static async Task<Guid> CreateJobAsync(HttpClient member, string name, CancellationToken cancellationToken)
    {
        using var created = await member.PostAsJsonAsync("/api/jobs", new { name, handler = "noop" }, cancellationToken);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
    }

    /// <summary>Every request at once: <paramref name="gets"/> of the first job, <paramref name="runGets"/> of the others' runs.</summary>
    static async Task BurstAsync(HttpClient member, List<Guid> targets, int gets, int runGets, Dictionary<string, double> figures,
        CancellationToken cancellationToken)
    {
        var paths = Enumerable.Range(0, gets).Select(_ => $"/api/jobs/{targets[0]}")
            .Concat(Enumerable.Range(0, runGets).Select(i => $"/api/jobs/{targets[1 + (i % RunTargets)]}/runs"))
            .ToList();
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(paths.Select(path => AskAsync(member, path, cancellationToken)));
        figures["burst s"] = clock.Elapsed.TotalSeconds;
        figures["burst requests"] = answers.Length;
        figures["burst answered 2xx"] = answers.Count(a => a.Status is >= 200 and < 300);
        figures["burst answered 503 with Retry-After"] = answers.Count(a => a.Status == 503 && a.RetryAfter);
        figures["burst answered otherwise"] = answers.Count(a => a.Status is not null and not (>= 200 and < 300) && !(a.Status == 503 && a.RetryAfter));
        figures["burst without an answer"] = answers.Count(a => a.Status is null);
        foreach (var status in answers.Where(a => a.Status is not null and not (>= 200 and < 300)).GroupBy(a => a.Status))
            figures[$"burst answered {status.Key}"] = status.Count();
        var answered = Percentiles.Of(answers.Where(a => a.Status is not null).Select(a => a.Milliseconds).ToList());
        figures["burst p50 ms"] = answered.P50;
        figures["burst p99 ms"] = answered.P99;
    }

    static async Task<(int? Status, bool RetryAfter, double Milliseconds)> AskAsync(HttpClient member, string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var answer = await member.GetAsync(path, cancellationToken);
            await answer.Content.ReadAsByteArrayAsync(cancellationToken);
            return ((int)answer.StatusCode, answer.Headers.RetryAfter is not null, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
