using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;

namespace Scheduler.Service.Persistence;

/// <summary>One set-based statement over many rows of one table: the rows travel as one array per column, unnested.</summary>
internal sealed class TableWrite
{
    TableWrite(string table, NpgsqlBatchCommand command, int rows, bool expectsEveryRow)
    {
        Table = table;
        Command = command;
        Rows = rows;
        ExpectsEveryRow = expectsEveryRow;
    }

    public string Table { get; }
    public NpgsqlBatchCommand Command { get; }
    public int Rows { get; }

    /// <summary>True for an update or delete: each of its rows was read, so each must be there.</summary>
    public bool ExpectsEveryRow { get; }

    /// <summary>Inserts the rows, leaving out a key the store generates (it is temporary in every added row).</summary>
    public static TableWrite Insert(TableShape table, IReadOnlyList<EntityEntry> entries)
    {
        var columns = table.Columns.Where(c => !entries[0].Property(c.Property.Name).IsTemporary).ToList();
        var command = new NpgsqlBatchCommand();
        var names = string.Join(", ", columns.Select(c => c.Name));
        command.CommandText = $"INSERT INTO {table.Name} ({names}) SELECT {Casts(columns)} FROM {Unnest(command, columns, entries)}";
        return new TableWrite(table.Name, command, entries.Count, expectsEveryRow: false);
    }

    /// <summary>Updates the rows' columns that changed; every entry changed the same ones.</summary>
    public static TableWrite Update(TableShape table, IReadOnlyList<EntityEntry> entries)
    {
        var changed = table.Columns
            .Where(c => !c.Property.IsPrimaryKey() && entries[0].Property(c.Property.Name).IsModified)
            .ToList();
        var command = new NpgsqlBatchCommand();
        var source = Unnest(command, [.. table.Key, .. changed], entries);
        var sets = string.Join(", ", changed.Select(c => $"{c.Name} = v.{c.Name}::{c.StoreType}"));
        command.CommandText = $"UPDATE {table.Name} AS t SET {sets} FROM {source} WHERE {KeyMatch(table)}";
        return new TableWrite(table.Name, command, entries.Count, expectsEveryRow: true);
    }

    public static TableWrite Delete(TableShape table, IReadOnlyList<EntityEntry> entries)
    {
        var command = new NpgsqlBatchCommand();
        var source = Unnest(command, table.Key, entries);
        command.CommandText = $"DELETE FROM {table.Name} AS t USING {source} WHERE {KeyMatch(table)}";
        return new TableWrite(table.Name, command, entries.Count, expectsEveryRow: true);
    }

    static string Casts(IEnumerable<TableColumn> columns) => string.Join(", ", columns.Select(c => $"v.{c.Name}::{c.StoreType}"));

    static string KeyMatch(TableShape table) => string.Join(" AND ", table.Key.Select(k => $"t.{k.Name} = v.{k.Name}::{k.StoreType}"));

    /// <summary><c>unnest(@p0, @p1, …) AS v(columns)</c>, with one array parameter per column added to <paramref name="command"/>.</summary>
    static string Unnest(NpgsqlBatchCommand command, IReadOnlyList<TableColumn> columns, IReadOnlyList<EntityEntry> entries)
    {
        var text = new StringBuilder("unnest(");
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = columns[i].Values(entries) });
            text.Append(i == 0 ? "$" : ", $").Append(i + 1);
        }

        return text.Append(") AS v(").AppendJoin(", ", columns.Select(c => c.Name)).Append(')').ToString();
    }
}
