using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Usage;

namespace Scheduler.Bench.Workloads;

/// <summary>W7: latency of <c>POST /api/jobs</c> and <c>GET /api/jobs/{id}</c> with one client and with many at once.</summary>
public sealed class ApiWorkload : IWorkload
{
    public string Name => "W7";
    public string Description => "API: POST /api/jobs and GET /api/jobs/{id} latency at 1 and N concurrent clients";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var requests = arguments.Number("requests", 1000);
        var clients = arguments.Number("clients", 32);
        await using var deployment = await BenchDeployment.StartAsync(settings, 16);

        await MeasureAsync(deployment.Api, 50, 1);
        var meter = await UsageMeter.StartAsync(deployment);
        var figures = new Dictionary<string, double>();
        foreach (var parallel in new[] { 1, clients })
        {
            var (posts, gets) = await MeasureAsync(deployment.Api, requests, parallel);
            figures[$"POST p50 ms @{parallel}"] = posts.P50;
            figures[$"POST p95 ms @{parallel}"] = posts.P95;
            figures[$"POST p99 ms @{parallel}"] = posts.P99;
            figures[$"GET p50 ms @{parallel}"] = gets.P50;
            figures[$"GET p95 ms @{parallel}"] = gets.P95;
            figures[$"GET p99 ms @{parallel}"] = gets.P99;
        }

        // Per job: each request pair (a POST, then a GET of the job it made) schedules one.
        return new WorkloadResult(Name, Description, arguments.Used, figures).With(await meter.StopAsync(), 2L * requests);
    }

    static async Task<(Percentiles Posts, Percentiles Gets)> MeasureAsync(HttpClient api, int requests, int parallel)
    {
        var posts = new List<double>();
        var gets = new List<double>();
        var later = DateTimeOffset.UtcNow.AddHours(6).ToString("O");
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, cancellationToken) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var created = await api.PostAsJsonAsync("/api/jobs",
                new { name = $"w7 {i}", handler = "noop", schedule = new { at = later } }, cancellationToken);
            created.EnsureSuccessStatusCode();
            var posted = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();

            started = Stopwatch.GetTimestamp();
            using var read = await api.GetAsync($"/api/jobs/{id}", cancellationToken);
            read.EnsureSuccessStatusCode();
            var got = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (posts)
            {
                posts.Add(posted);
                gets.Add(got);
            }
        });
        return (Percentiles.Of(posts), Percentiles.Of(gets));
    }
}
