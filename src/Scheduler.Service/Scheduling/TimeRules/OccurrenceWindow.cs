namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// The window a rule's occurrences must fall in: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive),
/// either side open when null.
/// </summary>
internal readonly record struct OccurrenceWindow
{
    public OccurrenceWindow(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is { } from && end is { } to && to <= from)
            throw new ArgumentException($"The end {to:o} must be after the start {from:o}.", nameof(end));

        Start = start;
        End = end;
    }

    public DateTimeOffset? Start { get; }

    public DateTimeOffset? End { get; }

    /// <summary>
    /// Where to search "strictly after" from so that an occurrence exactly at <see cref="Start"/> is still found:
    /// the rules only answer strictly after an instant, and the start is inclusive.
    /// </summary>
    public DateTimeOffset SearchAfter(DateTimeOffset instant) =>
        Start is { } start && instant < start && start > DateTimeOffset.MinValue ? start.AddTicks(-1) : instant;

    /// <summary>The candidate in UTC when it falls inside the window, otherwise null (past the end: the rule has ended).</summary>
    public DateTimeOffset? Admit(DateTimeOffset? candidate) =>
        candidate is { } next && (End is not { } end || next < end) ? next.ToUniversalTime() : null;
}
