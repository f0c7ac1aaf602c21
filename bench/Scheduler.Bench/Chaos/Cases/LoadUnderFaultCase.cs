using Scheduler.Bench.Chaos.Faults;
using Scheduler.Bench.Chaos.Trials;
using Scheduler.Bench.Workloads;

namespace Scheduler.Bench.Chaos.Cases;

/// <summary>
/// Cases 1 to 6: the load of a <see cref="FaultPlan"/> (its defaults here, each overridable on the command line) and
/// a fault made for each trial. The bound is the plan's own length plus time to start, restart and drain processes.
/// </summary>
public sealed class LoadUnderFaultCase(string name, string description, FaultPlan defaults, Func<ChaosEnvironment, WorkloadArguments, IFault> fault)
    : IChaosCase
{
    static readonly TimeSpan Overhead = TimeSpan.FromSeconds(150);

    public string Name => name;
    public string Description => description;

    public async Task<TrialResult> RunAsync(ChaosEnvironment environment, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);
        var plan = Read(arguments, defaults);
        var injected = fault(environment, arguments);
        var load = plan.Recurring > 0 && plan.RecurFor > plan.Spread ? plan.RecurFor : plan.Spread;
        var bound = arguments.Seconds("bound", (plan.Lead + load + plan.Patience + Overhead).TotalSeconds);
        using var limit = new CancellationTokenSource(bound);
        return await FaultTrial.RunAsync(environment.Settings, plan, injected, limit.Token);
    }

    static FaultPlan Read(WorkloadArguments arguments, FaultPlan defaults) => defaults with
    {
        Jobs = arguments.Number("jobs", defaults.Jobs),
        Concurrency = arguments.Number("concurrency", defaults.Concurrency),
        Lead = arguments.Seconds("lead", defaults.Lead.TotalSeconds),
        Spread = arguments.Seconds("spread", defaults.Spread.TotalSeconds),
        FaultAfter = arguments.Seconds("faultAfter", defaults.FaultAfter.TotalSeconds),
        Patience = arguments.Seconds("patience", defaults.Patience.TotalSeconds),
        Recurring = arguments.Number("recurring", defaults.Recurring),
        Every = arguments.Seconds("every", defaults.Every.TotalSeconds),
        RecurFor = arguments.Seconds("recurFor", defaults.RecurFor.TotalSeconds),
        ConsumerDrain = arguments.Seconds("consumerDrain", defaults.ConsumerDrain.TotalSeconds),
    };
}
