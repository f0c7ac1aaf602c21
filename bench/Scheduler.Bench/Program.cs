using Scheduler.Bench;
using Scheduler.Bench.Chaos;
using Scheduler.Bench.Consumer;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Workloads;

// Usage: Scheduler.Bench [workload ...] [--name=value ...]; workloads: baseline W1 W1-bulk W2 W3 W4 W5 W6 W7 (default: all);
// --runs=N (3) runs each workload N times and reports the median of each figure (W6 once).
// Scheduler.Bench chaos [case ...] [--name=value ...] runs the chaos suite (see ChaosSuite).
// W5 and the chaos cases start this same program as their consumer host: Scheduler.Bench consumer.
if (args is ["consumer", .. var hostArgs])
    return await JournalingConsumerHost.RunAsync(hostArgs);
if (args is ["chaos", .. var chaosArgs])
    return await ChaosSuite.RunAsync(CommandLine.Parse(chaosArgs));

var workloads = new IWorkload[]
{
    new BusBaselineWorkload(), new ImmediateWorkload(bulk: false), new ImmediateWorkload(bulk: true), new DelayedWorkload("W2", 0), new DelayedWorkload("W3", 20), new RecurringWorkload(),
    new CrashWorkload(), new ScaleWorkload(), new ApiWorkload(),
};
var line = CommandLine.Parse(args);
var selected = line.Names.Count == 0 || line.Names.Contains("all") ? workloads : workloads.Where(w => line.Names.Contains(w.Name)).ToArray();
if (selected.Length == 0)
{
    await Console.Error.WriteLineAsync($"Unknown workload. Choose from: all {string.Join(' ', workloads.Select(w => w.Name))}");
    return 1;
}

var settings = BenchSettings.FromEnvironment(line.Repository);
// Each workload runs --runs times (3) and its figures are the medians; W6 seeds a million jobs, so it runs once.
var runs = new WorkloadArguments(line.Options).Number("runs", 3);
var results = new List<WorkloadResult>();
foreach (var workload in selected)
{
    Console.WriteLine($"{workload.Name}: {workload.Description}");
    var measured = new List<WorkloadResult>();
    for (var run = 1; run <= (workload is ScaleWorkload ? 1 : Math.Max(1, runs)); run++)
    {
        var once = await workload.RunAsync(settings, new WorkloadArguments(line.Options));
        if (runs > 1 && workload is not ScaleWorkload)
            Console.WriteLine($"  run {run}: {string.Join(", ", once.Figures.Take(3).Select(f => $"{f.Key} {f.Value:0.###}"))}");
        measured.Add(once);
    }

    // Ratios are to workloads run before this one (the baseline first): the list above is in that order.
    var result = IssueTargets.Check(WorkloadMedian.Of(measured), results);
    BenchReport.Print(result);
    results.Add(result);
}

await BenchReport.WriteAsync(results, await BenchVersions.CollectAsync(settings), Path.Combine(line.Repository, "bench", "results"));
return 0;
