using System.Globalization;
using System.Text.Json;

namespace Scheduler.Cli.Output;

/// <summary>A table column: its header and the property it shows (a dotted path into the row, such as <c>error.message</c>).</summary>
public sealed record Column(string Header, string Path)
{
    public string ValueOf(JsonElement row)
    {
        var value = row;
        foreach (var name in Path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                return "";
        }

        return Text(value);
    }

    /// <summary>A JSON value as one cell: strings bare, null as nothing, arrays by their length, objects as compact JSON.</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => value.GetArrayLength().ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };
}
