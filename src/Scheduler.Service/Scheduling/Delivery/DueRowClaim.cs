using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Claims due rows for the current transaction, so that no other instance sends them too, and removes the one-shots
/// among them as it claims them. The removal is part of the caller's transaction: a round that rolls back (its sends
/// failed or missed their deadline) leaves every row it claimed due.
/// </summary>
public sealed class DueRowClaim
{
    /// <summary>
    /// Claims up to <paramref name="batchSize"/> rows due at <paramref name="now"/>, earliest first. One-shots come back
    /// deleted in this transaction (on SQLite: marked deleted, for the caller's next SaveChanges); recurring rows come
    /// back locked and unchanged, for the caller to advance.
    /// </summary>
    public async Task<List<DueMessage>> ClaimAsync(SchedulerDbContext db, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        if (db.Database.IsNpgsql())
        {
            // One statement: lock the batch (SKIP LOCKED passes over rows another instance is sending instead of
            // waiting for them), delete its one-shots and return every claimed row. The final SELECT reads the
            // statement's snapshot, so the recurring rows it joins are there whatever the DELETE did.
            return await db.DueMessages.FromSql($"""
                WITH claimed AS (
                    SELECT id FROM due_messages WHERE due_at <= {now} AND NOT paused
                    ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED),
                removed AS (
                    DELETE FROM due_messages d USING claimed c WHERE d.id = c.id AND d.expression IS NULL RETURNING d.*)
                SELECT * FROM removed
                UNION ALL
                SELECT d.* FROM due_messages d JOIN claimed c ON d.id = c.id WHERE d.expression IS NOT NULL
                ORDER BY due_at
                """).AsNoTracking().ToListAsync(cancellationToken);
        }

        // SQLite has no row locks but serializes writers on the whole database, which gives the same guarantee. Its
        // one-shots are only marked deleted here and go with the round's SaveChanges, after the sends: deleting them
        // now would take the database's single write lock and hold up every other writer for as long as the sends take.
        var due = await db.DueMessages.Where(m => m.DueAt <= now && !m.Paused).OrderBy(m => m.DueAt).Take(batchSize)
            .AsNoTracking().ToListAsync(cancellationToken);
        foreach (var row in due.Where(r => !r.IsRecurring))
            db.DueMessages.Remove(row);
        return due;
    }
}
