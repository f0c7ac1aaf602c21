using System.Diagnostics;
using System.Net.Http.Json;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Usage;
using Scheduler.Contracts;

namespace Scheduler.Bench.Workloads;

/// <summary>
/// W6: the same delayed spread (W3) and API calls on an empty store, then again with a million one-shot jobs pending
/// a day ahead. The pending jobs are copies of one job the saga stored (its row, its audit entry and its due message,
/// with fresh ids and due instants spread over the day), written with SQL: through the bus they would take hours.
/// </summary>
public sealed class ScaleWorkload : IWorkload
{
    public string Name => "W6";
    public string Description => "scale: W3 lateness and API latency on an empty store and with N pending one-shot jobs due within a day";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var pending = arguments.Number("pending", 1_000_000);
        var jobs = arguments.Number("jobs", 10_000);
        var requests = arguments.Number("requests", 300);
        var lead = arguments.Seconds("lead", 10);
        var spread = arguments.Seconds("spread", 20);
        await using var deployment = await BenchDeployment.StartAsync(settings, 16);
        await deployment.ExecuteAsync("CREATE TABLE bench_w6_jobs (id uuid PRIMARY KEY, phase text NOT NULL)");
        var meter = await UsageMeter.StartAsync(deployment);

        // Both phases on warm processes: the first jobs a process handles pay for its JIT.
        await MeasureAsync(deployment, "warmup", Math.Min(jobs, 1_000), lead, spread, Math.Min(requests, 50));
        var empty = await MeasureAsync(deployment, "empty", jobs, lead, spread, requests);
        var seeding = Stopwatch.StartNew();
        await SeedPendingAsync(deployment, pending);
        var seeded = seeding.Elapsed;
        var full = await MeasureAsync(deployment, "full", jobs, lead, spread, requests);

        var figures = new Dictionary<string, double> { ["seeding s"] = seeded.TotalSeconds };
        foreach (var (phase, figure) in new[] { ("empty", empty), ("full", full) })
        {
            figures[$"lateness p99 ms ({phase})"] = figure.Lateness.P99;
            figures[$"POST p50 ms ({phase})"] = figure.Posts.P50;
            figures[$"POST p95 ms ({phase})"] = figure.Posts.P95;
            figures[$"POST p99 ms ({phase})"] = figure.Posts.P99;
            figures[$"GET runs p50 ms ({phase})"] = figure.Runs.P50;
            figures[$"GET runs p95 ms ({phase})"] = figure.Runs.P95;
            figures[$"GET runs p99 ms ({phase})"] = figure.Runs.P99;
        }

        figures["lateness p99 full/empty"] = full.Lateness.P99 / empty.Lateness.P99;
        figures["POST p99 full/empty"] = full.Posts.P99 / empty.Posts.P99;
        figures["GET runs p99 full/empty"] = full.Runs.P99 / empty.Runs.P99;
        // All of it, seeding included: no unit to divide by.
        return new WorkloadResult(Name, Description, arguments.Used, figures).With(await meter.StopAsync());
    }

    static async Task<(Percentiles Lateness, Percentiles Posts, Percentiles Runs)> MeasureAsync(BenchDeployment deployment, string phase, int jobs,
        TimeSpan lead, TimeSpan spread, int requests)
    {
        var now = DateTimeOffset.UtcNow;
        var first = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)) + lead;
        var commands = Enumerable.Range(0, jobs).Select(i => new ScheduleJob
        {
            JobId = Guid.NewGuid(),
            Name = $"w6 {phase} {i}",
            Handler = "noop",
            Schedule = new JobSchedule { At = first + (jobs == 1 ? TimeSpan.Zero : spread * i / (jobs - 1)) },
        }).ToList();
        await deployment.CopyIdsAsync("bench_w6_jobs", commands.Select(c => c.JobId), phase);
        await Publishing.AllAsync(deployment.Bus, commands);
        await BenchDeployment.WaitUntilAsync(async () => await deployment.ScalarAsync<long>(
                $"SELECT count(*) FROM jobs j JOIN bench_w6_jobs b ON b.id = j.id WHERE b.phase = '{phase}' AND j.current_state = {Queries.Completed}") == jobs,
            $"every {phase}-store job to complete", lead + spread + TimeSpan.FromMinutes(10));
        var lateness = Percentiles.Of(await deployment.ColumnAsync(
            $"SELECT extract(epoch FROM (r.started_at - r.scheduled_for)) * 1000 FROM job_runs r JOIN bench_w6_jobs b ON b.id = r.job_id WHERE b.phase = '{phase}' AND r.status = 'Succeeded'"));

        // One client, one call after the other: what an operator's request costs with this store behind it.
        var posts = new List<double>();
        var runs = new List<double>();
        var later = DateTimeOffset.UtcNow.AddHours(6).ToString("O");
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var created = await deployment.Api.PostAsJsonAsync("/api/jobs", new { name = $"w6 api {phase} {i}", handler = "noop", schedule = new { at = later } });
            created.EnsureSuccessStatusCode();
            posts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            using var read = await deployment.Api.GetAsync($"/api/jobs/{commands[i * commands.Count / requests].JobId}/runs");
            read.EnsureSuccessStatusCode();
            await read.Content.ReadAsStringAsync();
            runs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (lateness, Percentiles.Of(posts), Percentiles.Of(runs));
    }

    static async Task<IReadOnlyList<string>> ColumnsAsync(BenchDeployment deployment, string table) =>
        (await deployment.TextColumnAsync($"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"))
            .Select(name => $"\"{name}\"").ToList();

    /// <summary>The select list that copies <paramref name="alias"/>'s row, with some columns replaced.</summary>
    static string Copy(IReadOnlyList<string> columns, string alias, Dictionary<string, string> replaced) =>
        string.Join(", ", columns.Select(c => replaced.TryGetValue(c.Trim('"'), out var expression) ? expression : $"{alias}.{c}"));

    /// <summary>Copies one stored one-shot job, with its audit entry and due message, <paramref name="count"/> times.</summary>
    static async Task SeedPendingAsync(BenchDeployment deployment, int count)
    {
        var template = Guid.NewGuid();
        await deployment.Bus.Publish(new ScheduleJob
        {
            JobId = template,
            Name = "w6 pending template",
            Handler = "noop",
            Schedule = new JobSchedule { At = DateTimeOffset.UtcNow.AddDays(1) },
        });
        await BenchDeployment.WaitUntilAsync(async () => await deployment.ScalarAsync<long>($"SELECT count(*) FROM due_messages WHERE body LIKE '%{template}%'") == 1,
            "the template job to be stored", TimeSpan.FromMinutes(1));

        var jobColumns = await ColumnsAsync(deployment, "jobs");
        var dueColumns = await ColumnsAsync(deployment, "due_messages");
        await deployment.ExecuteAsync($"""
            CREATE TABLE bench_w6_seed AS
                SELECT gen_random_uuid() AS id, gen_random_uuid() AS token, g AS n, now() + random() * interval '1 day' AS due
                FROM generate_series(1, {count}) g;
            INSERT INTO jobs ({string.Join(", ", jobColumns)})
                SELECT {Copy(jobColumns, "j", new Dictionary<string, string>
                {
                    ["id"] = "s.id", ["name"] = "'w6 pending ' || s.n", ["due_token_id"] = "s.token", ["next_run_at"] = "s.due",
                })}
                FROM jobs j CROSS JOIN bench_w6_seed s WHERE j.id = '{template}';
            INSERT INTO job_audit (actor, at, detail, event, from_status, job_id, run_id, tenant_id, to_status)
                SELECT a.actor, a.at, a.detail, a.event, a.from_status, s.id, a.run_id, a.tenant_id, a.to_status
                FROM job_audit a CROSS JOIN bench_w6_seed s WHERE a.job_id = '{template}';
            INSERT INTO due_messages ({string.Join(", ", dueColumns)})
                SELECT {Copy(dueColumns, "d", new Dictionary<string, string>
                {
                    ["id"] = "s.token", ["body"] = $"replace(d.body, '{template}', s.id::text)", ["due_at"] = "s.due", ["occurrence_at"] = "s.due",
                })}
                FROM due_messages d CROSS JOIN bench_w6_seed s WHERE d.body LIKE '%{template}%';
            DROP TABLE bench_w6_seed;
            ANALYZE;
            """, TimeSpan.FromMinutes(30));
    }
}
