using System.Text.Json;

namespace Scheduler.Cli.Output;

/// <summary>Writes rows as a plain-text table with aligned columns, and a single object as <c>name: value</c> lines.</summary>
public static class TableWriter
{
    public static void WriteRows(TextWriter output, IReadOnlyList<Column> columns, IEnumerable<JsonElement> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        var cells = rows.Select(row => columns.Select(c => OneLine(c.ValueOf(row))).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Header.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths));
        foreach (var row in cells)
            output.WriteLine(Line(row, widths));
    }

    /// <summary>Every property of <paramref name="item"/>, nested objects flattened into dotted names.</summary>
    public static void WriteObject(TextWriter output, JsonElement item)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pairs = new List<(string Name, string Value)>();
        Flatten(item, "", pairs);
        var width = pairs.Count == 0 ? 0 : pairs.Max(p => p.Name.Length);
        foreach (var (name, value) in pairs)
            output.WriteLine($"{(name + ":").PadRight(width + 1)} {value}");
    }

    static void Flatten(JsonElement value, string prefix, List<(string, string)> pairs)
    {
        if (value.ValueKind == JsonValueKind.Object && (prefix.Length == 0 || value.EnumerateObject().Any()))
        {
            foreach (var property in value.EnumerateObject())
                Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", pairs);
            return;
        }

        pairs.Add((prefix, value.ValueKind == JsonValueKind.Array ? OneLine(value.GetRawText()) : OneLine(Column.Text(value))));
    }

    static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();

    static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
