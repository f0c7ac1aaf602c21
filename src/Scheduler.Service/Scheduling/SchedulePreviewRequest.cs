namespace Scheduler.Service.Scheduling;

/// <summary>
/// The query of <c>GET /api/schedules/preview</c>, as text so that a bad value is answered field by field:
/// exactly one of <see cref="Cron"/>, <see cref="Every"/> (ISO 8601 duration) and <see cref="Rrule"/>; the rest optional.
/// </summary>
public sealed record SchedulePreviewRequest
{
    public string? Cron { get; init; }

    public string? Every { get; init; }

    public string? Rrule { get; init; }

    /// <summary>IANA time zone of a cron or rrule; UTC when absent.</summary>
    public string? TimeZone { get; init; }

    /// <summary>ISO 8601 instant with an offset; occurrences strictly after it are listed. Now when absent.</summary>
    public string? From { get; init; }

    /// <summary>How many occurrences, 1 to 100; 10 when absent.</summary>
    public string? Count { get; init; }

    /// <summary>ISO 8601 instant: no occurrence before it; the anchor of an interval or DTSTART of an rrule.</summary>
    public string? StartAt { get; init; }

    /// <summary>ISO 8601 instant: no occurrence at or after it.</summary>
    public string? EndAt { get; init; }

    /// <summary>A cron schedule's choice for local times skipped by spring-forward: <c>runAfter</c> (default) or <c>skip</c>.</summary>
    public string? DstSkipped { get; init; }

    /// <summary>A cron schedule's choice for local times repeated by fall-back: <c>first</c> (default) or <c>both</c>.</summary>
    public string? DstRepeated { get; init; }
}
