using Scheduler.Bench.Chaos.Faults;
using Scheduler.Bench.Chaos.Trials;
using Scheduler.Bench.Consumer;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;

namespace Scheduler.Bench.Workloads;

/// <summary>
/// W5: jobs due ahead; the consumer host is killed with SIGKILL just after they fall due and started again. The
/// host journals every handler start and end (see <see cref="ExecutionJournal"/>), so the figures come from what
/// the handlers did, not from what the scheduler believes. The chaos suite's case 5 is this same trial.
/// </summary>
public sealed class CrashWorkload : IWorkload
{
    public string Name => "W5";
    public string Description => "crash: consumer SIGKILL at due + 0.5 s, then restarted: runs lost, completed and run again, re-executed after the kill";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var plan = new FaultPlan
        {
            Jobs = arguments.Number("jobs", 5_000),
            Concurrency = arguments.Number("concurrency", 16),
            Lead = arguments.Seconds("lead", 8),
            Spread = TimeSpan.Zero,
            FaultAfter = arguments.Seconds("killAfter", 0.5),
            Patience = arguments.Seconds("patience", 600),
            MeterUsage = true,
        };
        var trial = await FaultTrial.RunAsync(settings, plan, new ProcessFault(FaultedProcess.Consumer), CancellationToken.None);
        if (trial.Problems.Count > 0)
            throw new InvalidOperationException($"W5 did not run through: {string.Join("; ", trial.Problems)}");
        var result = new WorkloadResult(Name, Description, arguments.Used, trial.Figures);
        return trial.Usage is { } usage ? result.With(usage, plan.Jobs) : result;
    }
}
