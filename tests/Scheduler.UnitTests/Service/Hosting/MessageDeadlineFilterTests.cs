using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Consumers.Hosting;
using Scheduler.Service.Hosting;

namespace Scheduler.UnitTests.Service.Hosting;

public sealed class MessageDeadlineFilterTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_still_in_hand_at_its_deadline_has_its_token_fired_and_fails_as_an_outage()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.UsingInMemory((_, cfg) => cfg.ReceiveEndpoint("deadline-test", e =>
            {
                e.UseFilter(new MessageDeadlineFilter(Limit, clock));

                // Stands in for a reply stuck on a connection the broker closed: it ends only when its token fires.
                e.Handler<Stuck>(async context =>
                {
                    entered.TrySetResult();
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                });
            })))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new Stuck(Guid.NewGuid()));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(Limit);

        var consumed = await harness.Consumed.SelectAsync<Stuck>(harness.CancellationToken).FirstOrDefault();
        Assert.NotNull(consumed);
        Assert.IsType<TimeoutException>(consumed.Exception);
        Assert.True(Outage.IsCauseOf(consumed.Exception), "a message past its deadline is retried and returned to its queue, not dead-lettered");
    }

    [Fact]
    public async Task A_message_handled_within_its_deadline_is_not_touched()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.UsingInMemory((_, cfg) => cfg.ReceiveEndpoint("deadline-test", e =>
            {
                e.UseFilter(new MessageDeadlineFilter(Limit, clock));
                e.Handler<Stuck>(_ => Task.CompletedTask);
            })))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new Stuck(Guid.NewGuid()));

        var consumed = await harness.Consumed.SelectAsync<Stuck>(harness.CancellationToken).FirstOrDefault();
        Assert.NotNull(consumed);
        Assert.Null(consumed.Exception);
    }
}

/// <summary>A message for the deadline to cut short.</summary>
public sealed record Stuck(Guid Id);
