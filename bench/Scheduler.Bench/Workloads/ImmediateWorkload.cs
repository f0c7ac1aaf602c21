using System.Diagnostics;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Contracts;

namespace Scheduler.Bench.Workloads;

/// <summary>W1: many jobs to run now; throughput from the first publish to the last run succeeded in the records.</summary>
public sealed class ImmediateWorkload : IWorkload
{
    public string Name => "W1";
    public string Description => "immediate: jobs/s from first publish to last success recorded, and publish-only rate";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var jobs = arguments.Number("jobs", 20_000);
        var concurrency = arguments.Number("concurrency", 16);
        await using var deployment = await BenchDeployment.StartAsync(settings, concurrency);

        var commands = Enumerable.Range(0, jobs).Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = $"w1 {i}", Handler = "noop" }).ToList();
        var clock = Stopwatch.StartNew();
        await Publishing.AllAsync(deployment.Bus, commands);
        var published = clock.Elapsed;
        await BenchDeployment.WaitUntilAsync(async () => await deployment.ScalarAsync<long>(Queries.CompletedJobs("w1 ")) == jobs,
            "every job to complete", TimeSpan.FromMinutes(15));
        var total = clock.Elapsed;

        return new WorkloadResult(Name, Description, arguments.Used, new Dictionary<string, double>
        {
            ["publish jobs/s"] = jobs / published.TotalSeconds,
            ["end-to-end jobs/s"] = jobs / total.TotalSeconds,
            ["total s"] = total.TotalSeconds,
        });
    }
}
