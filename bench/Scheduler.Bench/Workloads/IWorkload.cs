using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;

namespace Scheduler.Bench.Workloads;

/// <summary>One measurement on a fresh deployment.</summary>
public interface IWorkload
{
    string Name { get; }
    string Description { get; }
    Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments);
}
