using Scheduler.Bench.Consumer;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Bench.Workloads;

// Usage: Scheduler.Bench [workload ...] [--name=value ...]; workloads: baseline W1 W2 W3 W4 W5 W6 W7 (default: all).
// W5 starts this same program as its consumer host: Scheduler.Bench consumer.
if (args is ["consumer", .. var hostArgs])
    return await JournalingConsumerHost.RunAsync(hostArgs);

var workloads = new IWorkload[]
{
    new BusBaselineWorkload(), new ImmediateWorkload(), new DelayedWorkload("W2", 0), new DelayedWorkload("W3", 20), new RecurringWorkload(),
    new CrashWorkload(), new ScaleWorkload(), new ApiWorkload(),
};
var named = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var options = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[2..].Split('=', 2))
    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true", StringComparer.OrdinalIgnoreCase);
var selected = named.Count == 0 || named.Contains("all") ? workloads : workloads.Where(w => named.Contains(w.Name)).ToArray();
if (selected.Length == 0)
{
    await Console.Error.WriteLineAsync($"Unknown workload. Choose from: all {string.Join(' ', workloads.Select(w => w.Name))}");
    return 1;
}

var repository = options.TryGetValue("repository", out var root) ? root : Directory.GetCurrentDirectory();
var settings = BenchSettings.FromEnvironment(repository);
var results = new List<WorkloadResult>();
foreach (var workload in selected)
{
    Console.WriteLine($"{workload.Name}: {workload.Description}");
    var result = await workload.RunAsync(settings, new WorkloadArguments(options));
    foreach (var (figure, value) in result.Figures)
        Console.WriteLine($"  {figure}: {value:0.###}");
    results.Add(result);
}

var versions = new Dictionary<string, string>
{
    ["scheduler"] = typeof(IWorkload).Assembly.GetName().Version?.ToString() ?? "unknown",
    ["postgres"] = await BenchVersions.PostgresAsync(settings.Postgres),
    ["rabbitmq"] = await BenchVersions.RabbitMqAsync(settings.RabbitMq),
    ["dotnet"] = Environment.Version.ToString(),
};
await BenchReport.WriteAsync(results, versions, Path.Combine(repository, "bench", "results"));
return 0;
