using Scheduler.Bench.Chaos.Trials;
using Scheduler.Bench.Workloads;

namespace Scheduler.Bench.Chaos;

/// <summary>One case of the chaos suite: a fault under load on a fresh deployment, bounded in time.</summary>
public interface IChaosCase
{
    /// <summary>Its number in issue 13 (<c>1</c> to <c>7</c>; <c>6a</c> and <c>6b</c> for the two processes of case 6).</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Runs one trial; past its bound it stops and reports what it has, with the bound among its problems.</summary>
    Task<TrialResult> RunAsync(ChaosEnvironment environment, WorkloadArguments arguments);
}
