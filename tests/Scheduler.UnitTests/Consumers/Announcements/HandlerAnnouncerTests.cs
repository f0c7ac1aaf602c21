using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Consumers.Announcements;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Execution;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Consumers.Announcements;

public sealed class HandlerAnnouncerTests
{
    static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_heartbeat_the_broker_never_takes_is_cancelled_at_the_publish_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var held = new HeldAnnouncement();
        await using var bus = await JobHandlerTestBus.StartAsync(configureBus: cfg => cfg.ConfigurePublish(publish => publish.UseFilter(held)));
        var announcer = new HandlerAnnouncer(
            bus.Harness.Bus,
            [new JobHandlerRegistration(BuiltInHandlers.Noop, typeof(NoopJobHandler), null)],
            bus.Harness.Scope.ServiceProvider.GetRequiredService<IOptionsMonitor<JobHandlerOptions>>(),
            Options.Create(new ConsumerHostOptions { PublishTimeout = PublishTimeout, HeartbeatInterval = TimeSpan.FromMinutes(1) }),
            new ConsumerHost("test-host"),
            clock,
            NullLogger<HandlerAnnouncer>.Instance);

        await ((IHostedService)announcer).StartAsync(CancellationToken.None);
        try
        {
            await held.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
            clock.Advance(PublishTimeout);

            // A publish stuck on a closed connection holds its channel's confirm lock until its token fires; only then can
            // the client finish closing the connection and the bus reconnect.
            await held.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await announcer.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Holds the first announcement until its cancellation token fires, as a write to a dead connection would.</summary>
    sealed class HeldAnnouncement : IFilter<PublishContext>
    {
        int _toHold = 1;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task Send(PublishContext context, IPipe<PublishContext> next)
        {
            if (context is PublishContext<HandlersAnnounced> && Interlocked.Decrement(ref _toHold) >= 0)
            {
                Entered.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                }
                finally
                {
                    Cancelled.TrySetResult();
                }
            }

            await next.Send(context);
        }

        public void Probe(ProbeContext context)
        {
        }
    }
}
