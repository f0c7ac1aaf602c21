using System.Text.Json;

namespace Scheduler.Cli.Output;

/// <summary>How a command shows a successful answer as text: a table of rows (an array, or a page's <c>items</c>), or one object.</summary>
public sealed class ResultView
{
    readonly IReadOnlyList<Column>? _columns;
    readonly string _rowsProperty;

    ResultView(IReadOnlyList<Column>? columns, string rowsProperty = "items")
    {
        _columns = columns;
        _rowsProperty = rowsProperty;
    }

    /// <summary>A table with these columns of an array, or of a page's <c>items</c>; a page's next cursor follows it.</summary>
    public static ResultView Rows(params Column[] columns) => new(columns);

    /// <summary>The answer's other properties, one a line, then a table of the array in <paramref name="property"/>.</summary>
    public static ResultView RowsOf(string property, params Column[] columns) => new(columns, property);

    /// <summary>Every property of the answer, one a line.</summary>
    public static ResultView Properties { get; } = new(null);

    public void Write(TextWriter output, JsonElement? body)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body is not { } value)
        {
            output.WriteLine("OK");
            return;
        }

        if (_columns is null || value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            TableWriter.WriteObject(output, value);
            return;
        }

        var rows = value.ValueKind == JsonValueKind.Array ? value
            : value.TryGetProperty(_rowsProperty, out var items) && items.ValueKind == JsonValueKind.Array ? items
            : (JsonElement?)null;
        if (rows is null)
        {
            TableWriter.WriteObject(output, value);
            return;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject().Where(p => p.Name != _rowsProperty && p.Name != "nextCursor" && p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
                output.WriteLine($"{property.Name}: {Column.Text(property.Value)}");
        }

        TableWriter.WriteRows(output, _columns, rows.Value.EnumerateArray());
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String)
            output.WriteLine($"more: --cursor {next.GetString()}");
    }
}
