using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Contracts.Serialization;

/// <summary>Reads and writes <see cref="TimeSpan"/> as an ISO 8601 duration string (<c>"PT5S"</c>).</summary>
public sealed class IsoDurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("A duration must be an ISO 8601 string such as \"PT5S\" or \"P1D\".");

        var text = reader.GetString();
        return IsoDuration.TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text}' is not an ISO 8601 duration such as \"PT5S\", \"PT1H30M\" or \"P1D\".");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(IsoDuration.Format(value));
    }
}
