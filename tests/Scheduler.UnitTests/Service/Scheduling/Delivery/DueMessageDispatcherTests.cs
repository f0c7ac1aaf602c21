using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Service.Hosting;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling;
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

    [Fact]
    public async Task Sends_a_due_recurring_row_once_and_moves_it_to_its_next_occurrence()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var arrivals = new ConcurrentQueue<Guid>();
        await using var database = await DueTableDatabase.CreateAsync();
        await using var provider = Services(clock, database, null, arrivals);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var id = Guid.NewGuid();
        var first = clock.GetUtcNow().AddHours(1);
        await using (var scope = provider.CreateAsyncScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<DueMessageWriter>();
            var rule = TimeRuleParser.FromStored("every:PT1H", null, clock.GetUtcNow(), null);
            await writer.ScheduleRecurringAsync(new Uri("queue:dispatch-test"), "dispatch-test", "hourly", rule, null, new Ping(id));
            await scope.ServiceProvider.GetRequiredService<SchedulerDbContext>().SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromHours(1));
        var dispatcher = ActivatorUtilities.CreateInstance<DueMessageDispatcher>(provider);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            // The clock stands still: the round may send only the occurrence that is due.
            await AdvanceUntilAsync(clock, async () =>
            {
                await using var db = database.Open();
                return !arrivals.IsEmpty && await db.DueMessages.AnyAsync(m => m.SentCount > 0);
            }, step: TimeSpan.Zero);
            await using var after = database.Open();
            var row = await after.DueMessages.SingleAsync();

            Assert.Equal([id], arrivals);
            Assert.Equal((1L, first, first.AddHours(1), first.AddHours(1)), (row.SentCount, row.LastSentAt, row.OccurrenceAt, row.DueAt));
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
            await harness.Stop();
        }
    }

    static ServiceProvider Services(FakeTimeProvider clock, DueTableDatabase database, LostConfirm? lost, ConcurrentQueue<Guid> arrivals)
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
            if (lost is not null)
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
    static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<Task<bool>> done, TimeSpan? step = null)
    {
        var started = DateTimeOffset.UtcNow;
        while (!await done())
        {
            if (DateTimeOffset.UtcNow - started > TimeSpan.FromSeconds(20))
                throw new TimeoutException($"Nothing was delivered by {clock.GetUtcNow():O} on the fake clock: the dispatcher is still held by the lost confirm.");
            clock.Advance(step ?? TimeSpan.FromMilliseconds(250));
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}

/// <summary>A message for the dispatcher to deliver.</summary>
public sealed record Ping(Guid Id);
