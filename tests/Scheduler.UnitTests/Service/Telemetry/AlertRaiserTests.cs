using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Execution;
using Scheduler.Contracts;
using Scheduler.Service.Telemetry;

namespace Scheduler.UnitTests.Service.Telemetry;

public sealed class AlertRaiserTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    static TelemetrySample Sample(TimeSpan lag, IReadOnlyDictionary<string, long>? waiting = null, params string[] online) =>
        new(5, lag, [], []) { WaitingRuns = waiting ?? new Dictionary<string, long>(), OnlineHandlers = online.ToHashSet() };

    static async Task<(ServiceProvider Provider, ITestHarness Harness, AlertRaiser Raiser)> StartAsync()
    {
        var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context)))
            .BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var raiser = new AlertRaiser(harness.Bus, new ConsumerHost("scheduler-1/42"),
            Options.Create(new AlertOptions { DispatcherLagThreshold = TimeSpan.FromSeconds(60), RepeatEvery = TimeSpan.FromMinutes(5) }));
        return (provider, harness, raiser);
    }

    [Fact]
    public async Task A_lag_over_the_threshold_is_raised_once_then_again_after_the_repeat_interval_or_a_new_crossing()
    {
        var (provider, harness, raiser) = await StartAsync();
        await using var _ = provider;

        await raiser.RaiseAsync(Sample(TimeSpan.FromSeconds(59)), Now, CancellationToken.None);
        await raiser.RaiseAsync(Sample(TimeSpan.FromSeconds(90)), Now, CancellationToken.None);
        await raiser.RaiseAsync(Sample(TimeSpan.FromSeconds(120)), Now.AddMinutes(1), CancellationToken.None);
        await raiser.RaiseAsync(Sample(TimeSpan.FromSeconds(400)), Now.AddMinutes(5), CancellationToken.None);
        await raiser.RaiseAsync(Sample(TimeSpan.Zero), Now.AddMinutes(6), CancellationToken.None);
        await raiser.RaiseAsync(Sample(TimeSpan.FromSeconds(61)), Now.AddMinutes(7), CancellationToken.None);

        var raised = harness.Published.Select<DispatcherLagging>().Select(m => m.Context.Message).ToList();
        Assert.Equal([TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(400), TimeSpan.FromSeconds(61)], raised.Select(r => r.Lag));
        Assert.All(raised, r => Assert.Equal("scheduler-1/42", r.Instance));
        Assert.Equal(5, raised[0].Backlog);
    }

    [Fact]
    public async Task A_handler_with_runs_waiting_and_no_host_online_is_raised_and_one_with_a_host_is_not()
    {
        var (provider, harness, raiser) = await StartAsync();
        await using var _ = provider;
        var waiting = new Dictionary<string, long> { ["billing"] = 3, ["noop"] = 2, ["idle"] = 0 };

        await raiser.RaiseAsync(Sample(TimeSpan.Zero, waiting, "noop"), Now, CancellationToken.None);
        await raiser.RaiseAsync(Sample(TimeSpan.Zero, waiting, "noop"), Now.AddSeconds(15), CancellationToken.None);

        var raised = Assert.Single(harness.Published.Select<HandlerUnavailable>()).Context.Message;
        Assert.Equal("billing", raised.Handler);
        Assert.Equal(3, raised.WaitingRuns);
        Assert.Empty(harness.Published.Select<DispatcherLagging>());
    }
}
