using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Scheduling.Delivery;

public sealed class DueMessageDispatcherTests
{
    static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Abandons_a_round_whose_send_is_never_confirmed_and_sends_its_row_in_a_later_round()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lost = new LostConfirm();
        var arrivals = new ConcurrentQueue<Guid>();
        await using var database = await DueTableDatabase.CreateAsync();
        await using var provider = Services(clock, database, lost, arrivals);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var id = Guid.NewGuid();
        await using (var scope = provider.CreateAsyncScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<DueMessageWriter>();
            await writer.ScheduleOnceAsync(new Uri("queue:dispatch-test"), clock.GetUtcNow(), new Ping(id));
            await scope.ServiceProvider.GetRequiredService<SchedulerDbContext>().SaveChangesAsync();
        }

        var dispatcher = ActivatorUtilities.CreateInstance<DueMessageDispatcher>(provider);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await lost.Holding.WaitAsync(TimeSpan.FromSeconds(10));
            var heldAt = clock.GetUtcNow();

            await AdvanceUntilAsync(clock, async () =>
            {
                await using var db = database.Open();
                return !arrivals.IsEmpty && !await db.DueMessages.AnyAsync();
            });

            Assert.Equal([id], arrivals);
            Assert.True(clock.GetUtcNow() - heldAt >= SendTimeout, "the row was sent again only once the held round had missed its deadline");
            Assert.NotNull(provider.GetRequiredService<DispatcherPulse>().LastRoundAt);
        }
        finally
        {
            lost.Release();
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
            await harness.Stop();
        }
    }

    static ServiceProvider Services(FakeTimeProvider clock, DueTableDatabase database, LostConfirm lost, ConcurrentQueue<Guid> arrivals)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSchedulerCore();
        services.AddLogging();
        services.AddDbContext<SchedulerDbContext>(options => database.Configure(options));
        services.Configure<DispatcherOptions>(options =>
        {
            options.SendTimeout = SendTimeout;
            options.RoundTimeout = SendTimeout * 2;
            options.ErrorBackoff = TimeSpan.FromSeconds(1);
        });
        services.AddMassTransitTestHarness(x => x.UsingInMemory((_, cfg) =>
        {
            cfg.ConfigureSend(send => send.UseFilter(lost));
            cfg.ReceiveEndpoint("dispatch-test", e => e.Handler<Ping>(context =>
            {
                arrivals.Enqueue(context.Message.Id);
                return Task.CompletedTask;
            }));
        }));
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Moves the fake clock on in small steps, letting real time pass between them, until <paramref name="done"/> holds.</summary>
    static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<Task<bool>> done)
    {
        var started = DateTimeOffset.UtcNow;
        while (!await done())
        {
            if (DateTimeOffset.UtcNow - started > TimeSpan.FromSeconds(20))
                throw new TimeoutException($"Nothing was delivered by {clock.GetUtcNow():O} on the fake clock: the dispatcher is still held by the lost confirm.");
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}

/// <summary>A message for the dispatcher to deliver.</summary>
public sealed record Ping(Guid Id);
