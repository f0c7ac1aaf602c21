namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>What the dispatcher does with one due row: whether it sends, for which occurrence, and what comes next.</summary>
internal sealed record DuePlan(bool Send, DateTimeOffset Occurrence, IReadOnlyList<DateTimeOffset> Missed, DateTimeOffset? NextOccurrence)
{
    public static DuePlan Once(DateTimeOffset occurrence) => new(true, occurrence, [], null);
}
