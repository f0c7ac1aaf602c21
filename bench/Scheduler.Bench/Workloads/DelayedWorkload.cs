using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Usage;
using Scheduler.Contracts;

namespace Scheduler.Bench.Workloads;

/// <summary>
/// W2 and W3: jobs due ahead, all at one instant (<c>spread</c> 0) or uniformly over <c>spread</c> seconds: how late
/// their handlers start, and when the last one finished.
/// </summary>
public sealed class DelayedWorkload(string name, double defaultSpread) : IWorkload
{
    public string Name => name;
    public string Description => defaultSpread == 0
        ? "delayed burst: lateness (handler start - due) and drain time (last success - due)"
        : "delayed spread: lateness (handler start - due)";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var jobs = arguments.Number("jobs", 10_000);
        var concurrency = arguments.Number("concurrency", 16);
        var lead = arguments.Seconds("lead", 10);
        var spread = arguments.Seconds("spread", defaultSpread);
        await using var deployment = await BenchDeployment.StartAsync(settings, concurrency);

        var prefix = $"{name.ToLowerInvariant()} ";
        var now = DateTimeOffset.UtcNow;
        var first = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)) + lead;
        var commands = Enumerable.Range(0, jobs).Select(i => new ScheduleJob
        {
            JobId = Guid.NewGuid(),
            Name = prefix + i,
            Handler = "noop",
            Schedule = new JobSchedule { At = first + (jobs == 1 ? TimeSpan.Zero : spread * i / (jobs - 1)) },
        }).ToList();
        var meter = await UsageMeter.StartAsync(deployment);
        await Publishing.AllAsync(deployment.Bus, commands);
        await BenchDeployment.WaitUntilAsync(async () => await deployment.ScalarAsync<long>(Queries.StoredJobs(prefix)) == jobs,
            "every job to be stored", lead + TimeSpan.FromMinutes(5));
        var admitted = DateTimeOffset.UtcNow;
        await BenchDeployment.WaitUntilAsync(async () => await deployment.ScalarAsync<long>(Queries.CompletedJobs(prefix)) == jobs,
            "every job to complete", lead + spread + TimeSpan.FromMinutes(10));
        var usage = await meter.StopAsync();

        var lateness = Percentiles.Of(await deployment.ColumnAsync(Queries.Lateness(prefix)));
        var drain = await deployment.ScalarAsync<double>(
            $"SELECT extract(epoch FROM (max(r.completed_at) - max(r.scheduled_for))) * 1000 FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE j.name LIKE '{prefix}%'");
        var figures = new Dictionary<string, double>
        {
            ["admission s (publish to stored)"] = (admitted - now).TotalSeconds,
            ["admitted before due"] = admitted < first ? 1 : 0,
            ["lateness p50 ms"] = lateness.P50,
            ["lateness p95 ms"] = lateness.P95,
            ["lateness p99 ms"] = lateness.P99,
            ["lateness max ms"] = lateness.Max,
        };

        // Where the runs over 50 ms late were due, in seconds after the first due instant: one stall or spread out.
        var late = await deployment.ColumnAsync(Queries.DueOffsetsOfLateRuns(prefix, first, TimeSpan.FromMilliseconds(50)));
        figures["runs > 50 ms late"] = late.Count;
        if (late.Count > 0)
        {
            figures["late runs due from s"] = late.Min();
            figures["late runs due to s"] = late.Max();
        }

        if (defaultSpread == 0)
        {
            figures["drain ms (last success - due)"] = drain;
            figures["drain jobs/s"] = jobs / (drain / 1000);
            figures["runs started before due"] = await deployment.ScalarAsync<long>(
                $"SELECT count(*) FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE j.name LIKE '{prefix}%' AND r.started_at < r.scheduled_for");
        }

        return new WorkloadResult(Name, Description, arguments.Used, figures).With(usage, jobs);
    }
}
