using System.Text.Json;
using Scheduler.Contracts;

namespace Scheduler.Service.Api;

/// <summary>The query parameters every list route shares: a status filter, a page size and a cursor, each refused with its reason.</summary>
internal static class ListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The status named by <paramref name="text"/> (its wire name, any case), or null; an unknown one is an error of <paramref name="field"/>.</summary>
    public static TStatus? Status<TStatus>(string? text, List<FieldError> errors, string field = "status")
        where TStatus : struct, Enum
    {
        if (text is null)
            return null;
        if (Enum.TryParse<TStatus>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _))
            return parsed;

        var names = Enum.GetValues<TStatus>().Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()));
        errors.Add(new(field, $"must be one of {string.Join(", ", names)}"));
        return null;
    }

    /// <summary>
    /// Checks a metadata filter: <paramref name="key"/> alone asks for jobs that have it, with <paramref name="value"/> for
    /// jobs whose value under it is that text (a string exactly, a number or a boolean as its JSON text).
    /// </summary>
    public static void Metadata(string? key, string? value, List<FieldError> errors)
    {
        if (key is { Length: 0 })
            errors.Add(new("metadataKey", "must not be empty"));
        else if (key is null && value is not null)
            errors.Add(new("metadataValue", "needs metadataKey: the key whose value it is"));

        // No stored text holds one (see ScheduleJobValidator), and PostgreSQL refuses it as a parameter.
        foreach (var (field, text) in new[] { ("metadataKey", key), ("metadataValue", value) })
        {
            if (text is not null && text.Contains('\0', StringComparison.Ordinal))
                errors.Add(new(field, "must not contain the character U+0000"));
        }
    }

    /// <summary>The page size (default 50, 1 to 200) and where the page starts (null for the first page).</summary>
    public static (int Size, PageCursor? After) Page(string? limit, string? cursor, List<FieldError> errors)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit))
            errors.Add(new("limit", $"must be a whole number from 1 to {MaxLimit}"));

        PageCursor after = default;
        if (cursor is not null && !PageCursor.TryDecode(cursor, out after))
            errors.Add(new("cursor", "is not a cursor this API returned"));
        return (size, cursor is null ? null : after);
    }
}
