using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Chaos.Faults;

/// <summary>
/// One of the deployment's processes killed with SIGKILL, or, with a <paramref name="drainTime"/>, stopped with
/// SIGTERM and timed until it exits (the target: its drain time plus 5 s); then started again, except a second
/// service instance, whose work the first must take over.
/// </summary>
public sealed class ProcessFault(FaultedProcess target, TimeSpan? drainTime = null) : IFault
{
    /// <summary>Past the target, how much longer a process stopped with SIGTERM may take before it is killed.</summary>
    static readonly TimeSpan Overtime = TimeSpan.FromSeconds(30);

    static readonly TimeSpan ExitAllowance = TimeSpan.FromSeconds(5);

    ProcessHost? _second;

    public string Description => (drainTime is null ? "SIGKILL to " : "SIGTERM to ") + target switch
    {
        FaultedProcess.Service => "the service, started again",
        FaultedProcess.SecondService => "one of two service instances",
        _ => "the consumer host, started again",
    };

    public async Task PrepareAsync(BenchDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (target == FaultedProcess.SecondService)
            _second = await deployment.AddServiceAsync();
    }

    public async Task<FaultEffect> InjectAsync(BenchDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var process = target switch
        {
            FaultedProcess.Service => deployment.Service,
            FaultedProcess.SecondService => _second ?? throw new InvalidOperationException("The second instance was not started."),
            _ => deployment.Consumer ?? throw new InvalidOperationException("The deployment has no consumer host."),
        };

        TimeSpan? exitTime = null;
        if (drainTime is { } drain)
            exitTime = await process.TerminateAsync(drain + ExitAllowance + Overtime);
        else
            await process.KillAsync();

        if (target == FaultedProcess.Service)
            await deployment.RestartServiceAsync();
        else if (target == FaultedProcess.Consumer)
            await deployment.RestartConsumerAsync();
        return new FaultEffect(DateTimeOffset.UtcNow, exitTime, drainTime + ExitAllowance);
    }

    public async Task RestoreAsync(BenchDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (target == FaultedProcess.Service && deployment.Service.HasExited)
            await deployment.RestartServiceAsync();
        else if (target == FaultedProcess.Consumer && deployment.Consumer is { HasExited: true })
            await deployment.RestartConsumerAsync();
    }
}
