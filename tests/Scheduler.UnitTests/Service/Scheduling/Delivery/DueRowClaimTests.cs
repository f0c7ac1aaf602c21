using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Scheduling.Delivery;

/// <summary>
/// The claim on the embedded database (SQLite), which has no row locks and removes the one-shots with the round's
/// SaveChanges, after its sends.
/// </summary>
public sealed class DueRowClaimTests
{
    static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Claimed_one_shots_are_gone_once_the_round_saves_and_commits_and_rows_not_due_stay()
    {
        await using var database = await DueTableDatabase.CreateAsync();
        await database.AddDueAsync(Now.AddSeconds(-1));
        await database.AddDueAsync(Now.AddSeconds(-2));
        await database.AddDueAsync(Now.AddSeconds(1));
        await database.AddDueAsync(Now.AddSeconds(-3), paused: true);

        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var claimed = await new DueRowClaim().ClaimAsync(db, Now, 10, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();

            Assert.Equal([Now.AddSeconds(-2), Now.AddSeconds(-1)], claimed.Select(r => r.DueAt));
        }

        await using var after = database.Open();
        Assert.Equal([Now.AddSeconds(-3), Now.AddSeconds(1)], (await after.DueMessages.Select(m => m.DueAt).ToListAsync()).Order());
    }

    [Fact]
    public async Task Claimed_one_shots_stay_due_when_the_round_rolls_back()
    {
        await using var database = await DueTableDatabase.CreateAsync();
        await database.AddDueAsync(Now.AddSeconds(-1));

        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Single(await new DueRowClaim().ClaimAsync(db, Now, 10, CancellationToken.None));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var after = database.Open();
        Assert.Equal(1, await after.DueMessages.CountAsync(m => m.DueAt <= Now));
    }
}
