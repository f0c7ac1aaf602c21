using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Consumers.Hosting;

namespace Scheduler.Bench.Consumer;

/// <summary>
/// <c>Scheduler.Bench consumer</c>: a consumer host built on the SDK as any service would build one, serving
/// <c>noop</c> with <see cref="JournaledNoopHandler"/>; the journal's path is in <c>Bench:Journal</c>.
/// </summary>
public static class JournalingConsumerHost
{
    public const string JournalSetting = "Bench:Journal";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var path = builder.Configuration[JournalSetting] ?? throw new InvalidOperationException($"Set {JournalSetting}.");
        builder.Services.AddSingleton(new ExecutionJournal(path));
        builder.Services.AddJobHandlers(builder.Configuration, bus => bus.AddJobHandler<JournaledNoopHandler>("noop"));
        using var host = builder.Build();
        // Resolved first: the host disposes its services when it has run.
        var stall = host.Services.GetService<BusStallReport>();
        await host.RunAsync();
        return stall?.ExitCode ?? 0;
    }
}
