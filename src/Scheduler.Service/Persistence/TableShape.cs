using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Scheduler.Service.Persistence;

/// <summary>An entity type as its table stores it: the table's name, its key columns and every mapped column.</summary>
internal sealed record TableShape(string Name, IReadOnlyList<TableColumn> Key, IReadOnlyList<TableColumn> Columns)
{
    public static TableShape Of(IEntityType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(name, type.GetSchema());
        var columns = type.GetProperties().Select(p => TableColumn.Of(p, table)).ToList();
        var key = type.FindPrimaryKey()?.Properties.Select(p => columns.Single(c => c.Property == p)).ToList()
            ?? throw new InvalidOperationException($"{type.DisplayName()} has no key.");
        var schema = type.GetSchema();
        return new TableShape(schema is null ? Quote(name) : $"{Quote(schema)}.{Quote(name)}", key, columns);
    }

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
