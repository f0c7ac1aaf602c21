using Scheduler.Bench.Chaos.Instances;
using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Chaos.Faults;

/// <summary>The broker or the database stopped, down for <paramref name="down"/>, then started again.</summary>
public sealed class OwnedServiceRestart(IOwnedService service, TimeSpan down) : IFault
{
    public string Description => $"{service.Name} stopped, {down.TotalSeconds:0.#} s down, started";

    public Task PrepareAsync(BenchDeployment deployment, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<FaultEffect> InjectAsync(BenchDeployment deployment, CancellationToken cancellationToken)
    {
        await service.StopAsync(cancellationToken);
        await Task.Delay(down, cancellationToken);
        await service.StartAsync(cancellationToken);
        while (!await service.IsAnsweringAsync(cancellationToken))
            await Task.Delay(100, cancellationToken);
        return new FaultEffect(DateTimeOffset.UtcNow);
    }

    public async Task RestoreAsync(BenchDeployment deployment, CancellationToken cancellationToken)
    {
        await service.StartAsync(cancellationToken);
        while (!await service.IsAnsweringAsync(cancellationToken))
            await Task.Delay(100, cancellationToken);
    }
}
