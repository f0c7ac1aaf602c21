using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Contracts.Serialization;

/// <summary>
/// Reads a free-form JSON value (a job's payload, a run's result) and refuses one with a string or a property name that
/// is not valid Unicode: JSON text may escape half of a surrogate pair (<c>"\ud800"</c>), which System.Text.Json reads
/// but refuses to write, so such a value could be received once and never sent on.
/// </summary>
public sealed class UnicodeJsonElementConverter : JsonConverter<JsonElement>
{
    /// <inheritdoc />
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        return IsValidUnicode(element)
            ? element
            : throw new JsonException("A string in this value is not valid Unicode: it has an unpaired surrogate such as \\ud800.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteTo(writer);
    }

    /// <summary>False when a string or property name anywhere in <paramref name="element"/> has an unpaired surrogate.</summary>
    public static bool IsValidUnicode(JsonElement element) =>
        // A surrogate can only be written in JSON text as a \u escape (UTF-8 has no encoding for one), so text without
        // any escape needs no closer look.
        element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.String)
        || !element.GetRawText().Contains("\\u", StringComparison.Ordinal)
        || EveryText(element, _ => true);

    /// <summary>
    /// True when every string and property name in <paramref name="element"/> is valid Unicode and satisfies
    /// <paramref name="condition"/>.
    /// </summary>
    public static bool EveryText(JsonElement element, Func<string, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        // Reading the name unescapes it, which is where an unpaired surrogate throws.
                        if (!condition(property.Name) || !EveryText(property.Value, condition))
                            return false;
                    }

                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(item => EveryText(item, condition));
                case JsonValueKind.String:
                    return condition(element.GetString()!);
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
