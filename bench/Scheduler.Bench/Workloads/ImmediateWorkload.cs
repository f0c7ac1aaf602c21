using System.Diagnostics;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Usage;
using Scheduler.Contracts;

namespace Scheduler.Bench.Workloads;

/// <summary>
/// W1: many jobs to run now, one <see cref="ScheduleJob"/> each; W1-bulk: the same in <see cref="ScheduleJobs"/> of
/// <c>--chunk</c> jobs (1,000, the most one may carry), as BullMQ's <c>addBulk</c> is used. Throughput from the first
/// send to the last run succeeded in the records, and of the sending alone.
/// </summary>
public sealed class ImmediateWorkload(bool bulk) : IWorkload
{
    public string Name => bulk ? "W1-bulk" : "W1";
    public string Description => bulk
        ? "immediate in bulk: ScheduleJobs of --chunk jobs; jobs/s from first send to last success recorded, and publish-only rate"
        : "immediate: jobs/s from first publish to last success recorded, and publish-only rate";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var jobs = arguments.Number("jobs", 20_000);
        var chunk = bulk ? arguments.Number("chunk", ScheduleJobs.MaxJobs) : 1;
        var concurrency = arguments.Number("concurrency", 16);
        await using var deployment = await BenchDeployment.StartAsync(settings, concurrency);

        var prefix = bulk ? "w1-bulk " : "w1 ";
        var commands = Enumerable.Range(0, jobs).Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = prefix + i, Handler = "noop" }).ToList();
        List<ScheduleJobs> batches = bulk ? [.. commands.Chunk(chunk).Select(c => new ScheduleJobs { Jobs = c })] : [];
        var meter = await UsageMeter.StartAsync(deployment);
        var clock = Stopwatch.StartNew();
        if (bulk)
            await Publishing.AllAsync(deployment.Bus, batches);
        else
            await Publishing.AllAsync(deployment.Bus, commands);
        var published = clock.Elapsed;
        await BenchDeployment.WaitUntilAsync(async () => await deployment.ScalarAsync<long>(Queries.CompletedJobs(prefix)) == jobs,
            "every job to complete", TimeSpan.FromMinutes(15));
        var total = clock.Elapsed;
        var usage = await meter.StopAsync();

        return new WorkloadResult(Name, Description, arguments.Used, new Dictionary<string, double>
        {
            ["publish jobs/s"] = jobs / published.TotalSeconds,
            ["publish s"] = published.TotalSeconds,
            ["end-to-end jobs/s"] = jobs / total.TotalSeconds,
            ["total s"] = total.TotalSeconds,
        }).With(usage, jobs);
    }
}
