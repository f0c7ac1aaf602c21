using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.IntegrationTests.Scheduling;

/// <summary>The dispatcher's claim statement on a real PostgreSQL: what it returns, removes and leaves to other instances.</summary>
public sealed class DueRowClaimTests : IAsyncLifetime
{
    static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    readonly DueRowClaim _claim = new();
    TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(RealInfrastructure.FromEnvironment().Postgres);
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Claimed_one_shots_are_returned_earliest_first_and_gone_once_the_round_commits()
    {
        var late = await AddOnceAsync(Now.AddSeconds(-1));
        var early = await AddOnceAsync(Now.AddSeconds(-2));
        var notYet = await AddOnceAsync(Now.AddSeconds(1));
        var paused = await AddOnceAsync(Now.AddSeconds(-3), paused: true);

        await using (var db = Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var claimed = await _claim.ClaimAsync(db, Now, 10, CancellationToken.None);
            await transaction.CommitAsync();

            Assert.Equal([early, late], claimed.Select(r => r.Id));
        }

        Assert.Equal(new[] { notYet, paused }.Order(), (await RemainingAsync()).Order());
    }

    [Fact]
    public async Task Claimed_one_shots_stay_due_when_the_round_rolls_back()
    {
        var ids = new[] { await AddOnceAsync(Now.AddSeconds(-2)), await AddOnceAsync(Now.AddSeconds(-1)) };

        await using (var db = Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(ids, (await _claim.ClaimAsync(db, Now, 10, CancellationToken.None)).Select(r => r.Id));
            await transaction.RollbackAsync();
        }

        await using (var db = Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(ids, (await _claim.ClaimAsync(db, Now, 10, CancellationToken.None)).Select(r => r.Id));
        }

        Assert.Equal(ids.Order(), (await RemainingAsync()).Order());
    }

    [Fact]
    public async Task A_second_instance_passes_over_rows_claimed_by_an_open_round_and_gets_them_once_it_rolls_back()
    {
        var first = await AddOnceAsync(Now.AddSeconds(-3));
        var second = await AddOnceAsync(Now.AddSeconds(-2));
        var third = await AddOnceAsync(Now.AddSeconds(-1));

        await using var holder = Open();
        var held = await holder.Database.BeginTransactionAsync();
        Assert.Equal([first, second], (await _claim.ClaimAsync(holder, Now, 2, CancellationToken.None)).Select(r => r.Id));

        await using (var other = Open())
        {
            await using var transaction = await other.Database.BeginTransactionAsync();
            Assert.Equal([third], (await _claim.ClaimAsync(other, Now, 10, CancellationToken.None)).Select(r => r.Id));
            await transaction.RollbackAsync();
        }

        await held.RollbackAsync();
        await held.DisposeAsync();

        await using (var other = Open())
        {
            await using var transaction = await other.Database.BeginTransactionAsync();
            Assert.Equal([first, second, third], (await _claim.ClaimAsync(other, Now, 10, CancellationToken.None)).Select(r => r.Id));
        }
    }

    [Fact]
    public async Task A_claimed_recurring_row_is_returned_and_left_in_the_table_for_the_round_to_advance()
    {
        var once = await AddOnceAsync(Now.AddSeconds(-2));
        var recurring = await AddRecurringAsync(Now.AddSeconds(-1));

        await using (var db = Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var claimed = await _claim.ClaimAsync(db, Now, 10, CancellationToken.None);
            await transaction.CommitAsync();

            Assert.Equal([once, recurring], claimed.Select(r => r.Id));
            Assert.Equal([false, true], claimed.Select(r => r.IsRecurring));
        }

        Assert.Equal([recurring], await RemainingAsync());
    }

    SchedulerDbContext Open() =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseNpgsql(_database.ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    async Task<List<Guid>> RemainingAsync()
    {
        await using var db = Open();
        return await db.DueMessages.Select(m => m.Id).ToListAsync();
    }

    Task<Guid> AddOnceAsync(DateTimeOffset dueAt, bool paused = false) => AddAsync(Row(dueAt, paused));

    Task<Guid> AddRecurringAsync(DateTimeOffset dueAt)
    {
        var row = Row(dueAt, paused: false);
        row.Recur("claim-test", row.Id.ToString("N"), TimeRuleParser.FromStored("every:PT1M", null, dueAt, null), null, dueAt);
        return AddAsync(row);
    }

    async Task<Guid> AddAsync(DueMessage row)
    {
        await using var db = Open();
        db.DueMessages.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    static DueMessage Row(DateTimeOffset dueAt, bool paused) => new()
    {
        Id = Guid.NewGuid(), DueAt = dueAt, OccurrenceAt = dueAt, Destination = "queue:nowhere", MessageType = "urn:message:Nowhere",
        ContentType = "application/json", Body = "{}", Paused = paused, CreatedAt = dueAt,
    };
}
