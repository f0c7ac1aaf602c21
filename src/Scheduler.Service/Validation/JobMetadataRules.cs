using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Service.Validation;

/// <summary>
/// What a job's <c>metadata</c> may hold: a JSON object whose values are any JSON, at most <see cref="MaxBytes"/> long
/// written as compact UTF-8 JSON, with no string PostgreSQL cannot store.
/// </summary>
public static class JobMetadataRules
{
    /// <summary>The largest metadata: 16 KiB of compact UTF-8 JSON (non-ASCII characters counted as their UTF-8 bytes, not as escapes).</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Why <paramref name="metadata"/> is refused, field by field; empty when it is valid or absent.</summary>
    public static IReadOnlyList<FieldError> Validate(IReadOnlyDictionary<string, JsonElement>? metadata)
    {
        if (metadata is null)
            return [];

        var errors = new List<FieldError>();
        foreach (var (name, value) in metadata)
        {
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(new("metadata", ScheduleJobValidator.NulReason));
                continue;
            }

            var field = $"metadata.{name}";
            if (value.ValueKind == JsonValueKind.Undefined)
                errors.Add(new(field, "must be a JSON value"));
            else if (!UnicodeJsonElementConverter.IsValidUnicode(value))
                errors.Add(new(field, "has a string that is not valid Unicode (an unpaired surrogate such as \\ud800)"));
            else if (!UnicodeJsonElementConverter.EveryText(value, text => !text.Contains('\0', StringComparison.Ordinal)))
                errors.Add(new(field, ScheduleJobValidator.NulReason));
        }

        if (errors.Count == 0 && Size(metadata) is var size and > MaxBytes)
            errors.Add(new("metadata", $"must be at most 16 KiB ({MaxBytes} bytes) as compact UTF-8 JSON; this is {size} bytes"));
        return errors;
    }

    /// <summary>The bytes of <paramref name="metadata"/> as compact JSON in UTF-8, with no character escaped that need not be.</summary>
    public static long Size(IReadOnlyDictionary<string, JsonElement> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = SchedulerJson.MaxDepth }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in metadata)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenCount;
    }
}
