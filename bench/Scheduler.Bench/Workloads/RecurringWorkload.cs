using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Usage;
using Scheduler.Contracts;

namespace Scheduler.Bench.Workloads;

/// <summary>W4: jobs recurring every second for a while: runs per job, occurrences missed or run twice, lateness.</summary>
public sealed class RecurringWorkload : IWorkload
{
    public string Name => "W4";
    public string Description => "recurring: runs per job, missed and duplicated occurrences, lateness";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var jobs = arguments.Number("jobs", 200);
        var every = arguments.Seconds("every", 1);
        var duration = arguments.Seconds("duration", 30);
        var concurrency = arguments.Number("concurrency", 16);
        await using var deployment = await BenchDeployment.StartAsync(settings, concurrency);

        var now = DateTimeOffset.UtcNow;
        var start = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)) + TimeSpan.FromSeconds(5);
        var end = start + duration;
        var commands = Enumerable.Range(0, jobs).Select(i => new ScheduleJob
        {
            JobId = Guid.NewGuid(),
            Name = $"w4 {i}",
            Handler = "noop",
            Schedule = new JobSchedule { Every = every, StartAt = start, EndAt = end },
        }).ToList();
        var meter = await UsageMeter.StartAsync(deployment);
        await Publishing.AllAsync(deployment.Bus, commands);

        await Task.Delay(end - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2));
        await BenchDeployment.WaitUntilAsync(
            async () => await deployment.ScalarAsync<long>("SELECT count(*) FROM job_runs WHERE status IN ('Pending', 'Running')") == 0,
            "the last runs to finish", TimeSpan.FromMinutes(5));
        var usage = await meter.StopAsync();

        var expected = (long)jobs * (long)Math.Ceiling(duration / every);
        var ran = await deployment.ScalarAsync<long>("SELECT count(DISTINCT (job_id, scheduled_for)) FROM job_runs WHERE status = 'Succeeded'");
        var duplicated = await deployment.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT job_id, scheduled_for FROM job_runs WHERE status <> 'Skipped' GROUP BY job_id, scheduled_for HAVING count(*) > 1) d");
        var lateness = Percentiles.Of(await deployment.ColumnAsync(Queries.Lateness("w4 ")));
        var opening = Percentiles.Of(await deployment.ColumnAsync(Queries.OpeningLateness("w4 ")));

        // The first occurrence meets processes that have not run this path yet (code compiled on first use, send endpoints made).
        var warm = Percentiles.Of(await deployment.ColumnAsync(Queries.LatenessAfter("w4 ", start)));
        return new WorkloadResult(Name, Description, arguments.Used, new Dictionary<string, double>
        {
            ["occurrences expected"] = expected,
            ["runs per job"] = (double)ran / jobs,
            ["missed"] = Math.Max(0, expected - ran),
            ["duplicated"] = duplicated,
            ["lateness p50 ms"] = lateness.P50,
            ["lateness p99 ms"] = lateness.P99,
            ["lateness max ms"] = lateness.Max,
            ["of which to run opened p50 ms"] = opening.P50,
            ["of which to run opened p99 ms"] = opening.P99,
            ["lateness p99 ms after the first occurrence"] = warm.P99,
            ["lateness max ms after the first occurrence"] = warm.Max,
        }).With(usage, ran, "run");
    }
}
