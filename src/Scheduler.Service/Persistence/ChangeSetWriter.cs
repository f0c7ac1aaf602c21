using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Scheduler.Service.Persistence;

/// <summary>
/// Writes what a unit of work of many jobs changed with a few set-based statements, in one round trip: on PostgreSQL,
/// per table one <c>INSERT … SELECT FROM unnest(…)</c> for its new rows, one <c>UPDATE … FROM unnest(…)</c> per set of
/// changed columns and one <c>DELETE … USING unnest(…)</c>, where SaveChanges sends a statement per row and builds a
/// command for each. The change tracker still says what changed (the decisions change tracked rows); only the writing
/// is set-based. Elsewhere (SQLite) it is SaveChanges.
/// </summary>
/// <remarks>
/// A row whose key the store generates (an audit entry's) is written without reading the key back: the batch paths
/// never read such a row again in their unit of work, so it is no longer tracked afterwards. A constraint violation and
/// a row that was not there to update or delete fail as SaveChanges fails (<see cref="DbUpdateException"/>), so a
/// replay handles them alike.
/// </remarks>
public sealed class ChangeSetWriter
{
    // The shape of a table is the model's, the same for every save: read from the metadata once per entity type.
    readonly ConcurrentDictionary<IEntityType, TableShape> _tables = new();

    /// <summary>Writes the context's pending changes in its current transaction (or in one of their own) and accepts them.</summary>
    public async Task SaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (entries.Count == 0)
            return;

        var writes = TableWrites(entries);
        await ExecuteAsync(db, writes, cancellationToken);

        // Rows with a key only the store knows cannot stay tracked under a temporary key; the rest now match the store.
        foreach (var entry in entries.Where(e => e.State == EntityState.Added && e.Properties.Any(p => p.IsTemporary)))
            entry.State = EntityState.Detached;
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>The statements, deletes first (a row removed frees its unique values for one added), then updates, then inserts.</summary>
    List<TableWrite> TableWrites(List<EntityEntry> entries)
    {
        var writes = new List<TableWrite>();
        foreach (var type in entries.GroupBy(e => e.Metadata))
        {
            var table = _tables.GetOrAdd(type.Key, TableShape.Of);
            if (type.Where(e => e.State == EntityState.Deleted).ToList() is { Count: > 0 } deleted)
                writes.Add(TableWrite.Delete(table, deleted));
        }

        foreach (var type in entries.GroupBy(e => e.Metadata))
        {
            var table = _tables.GetOrAdd(type.Key, TableShape.Of);
            var modified = type.Where(e => e.State == EntityState.Modified)
                .GroupBy(e => string.Join(',', e.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).Select(p => p.Metadata.Name)));
            foreach (var sameColumns in modified.Where(g => g.Key.Length > 0))
                writes.Add(TableWrite.Update(table, sameColumns.ToList()));
        }

        foreach (var type in entries.GroupBy(e => e.Metadata))
        {
            var table = _tables.GetOrAdd(type.Key, TableShape.Of);
            if (type.Where(e => e.State == EntityState.Added).ToList() is { Count: > 0 } added)
                writes.Add(TableWrite.Insert(table, added));
        }

        return writes;
    }

    static async Task ExecuteAsync(DbContext db, List<TableWrite> writes, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            foreach (var write in writes)
                batch.BatchCommands.Add(write.Command);

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("23", StringComparison.Ordinal))
            {
                throw new DbUpdateException($"A set-based write violated a constraint: {e.MessageText}", e);
            }

            foreach (var write in writes.Where(w => w.ExpectsEveryRow && w.Command.RecordsAffected != w.Rows))
            {
                throw new DbUpdateConcurrencyException(
                    $"A set-based write to {write.Table} expected {write.Rows} rows and affected {write.Command.RecordsAffected}.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
