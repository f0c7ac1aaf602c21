using Scheduler.Bench.Usage;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>The figures of one trial (named with their unit) and what went wrong before they were read.</summary>
public sealed record TrialResult(IReadOnlyDictionary<string, double> Figures, IReadOnlyList<string> Problems)
{
    /// <summary>What the load cost, from the first send to the last job done, where <see cref="FaultPlan.MeterUsage"/> asked for it.</summary>
    public WorkloadUsage? Usage { get; init; }
}
