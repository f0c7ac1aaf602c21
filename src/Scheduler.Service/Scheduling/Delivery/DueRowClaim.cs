using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>Claims due rows for the current transaction, so that no other instance sends them too.</summary>
public sealed class DueRowClaim
{
    public async Task<List<DueMessage>> ClaimAsync(SchedulerDbContext db, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // SKIP LOCKED: rows another instance is sending are passed over, not waited for.
        // SQLite has no row locks but serializes writers on the whole database, which gives the same guarantee.
        var due = db.Database.IsNpgsql()
            ? db.DueMessages.FromSql(
                $"SELECT * FROM due_messages WHERE due_at <= {now} AND NOT paused ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED")
            : db.DueMessages.Where(m => m.DueAt <= now && !m.Paused).OrderBy(m => m.DueAt).Take(batchSize);

        return await due.AsTracking().ToListAsync(cancellationToken);
    }
}
