using System.Globalization;
using MassTransit;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Headers the dispatcher puts on every message it sends from the due table, so that the receiver knows which
/// occurrence the message stands for and how late it is, whichever schedule sent it.
/// </summary>
public static class DueHeaders
{
    /// <summary>The occurrence the message stands for (ISO 8601 UTC).</summary>
    public const string Occurrence = "Scheduler-Occurrence";

    /// <summary>When the dispatcher sent it (ISO 8601 UTC).</summary>
    public const string SentAt = "Scheduler-Sent-At";

    /// <summary>Earlier occurrences of a recurring schedule missed while no dispatcher ran, oldest first, comma-separated.</summary>
    public const string Missed = "Scheduler-Missed";

    /// <summary>On a recurring schedule command: the most random delay to add to each occurrence (ISO 8601 duration).</summary>
    public const string Jitter = "Scheduler-Jitter";

    /// <summary>
    /// The transport priority to send the message with (0 to 255); on RabbitMQ it orders a priority queue. Stored with
    /// the message because the due table outlives the sender.
    /// </summary>
    public const string Priority = "Scheduler-Priority";

    /// <summary>At most this many missed occurrences are listed; older ones are dropped.</summary>
    public const int MaxMissed = 1000;

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ReadInstant(Headers headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Get<string>(name) is { Length: > 0 } text
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
    }

    public static IReadOnlyList<DateTimeOffset> ReadMissed(Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Get<string>(Missed) is not { Length: > 0 } text)
            return [];

        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(value => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal))
            .ToList();
    }
}
