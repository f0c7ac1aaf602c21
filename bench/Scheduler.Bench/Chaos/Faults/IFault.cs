using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Chaos.Faults;

/// <summary>What a chaos case does to a running deployment under load, and how it undoes it.</summary>
public interface IFault
{
    /// <summary>What it does, for the report.</summary>
    string Description { get; }

    /// <summary>Readies the deployment before the load (a second service instance, say).</summary>
    Task PrepareAsync(BenchDeployment deployment, CancellationToken cancellationToken);

    /// <summary>Does it, and brings the component back when it comes back: returns when it answers again.</summary>
    Task<FaultEffect> InjectAsync(BenchDeployment deployment, CancellationToken cancellationToken);

    /// <summary>Brings back what <see cref="InjectAsync"/> took away if it was cut short; nothing when all is up.</summary>
    Task RestoreAsync(BenchDeployment deployment, CancellationToken cancellationToken);
}
