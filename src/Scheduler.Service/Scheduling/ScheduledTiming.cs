namespace Scheduler.Service.Scheduling;

/// <summary>
/// When a job runs, once its <see cref="Scheduler.Contracts.JobSchedule"/> has been read and checked: now
/// (<see cref="Immediate"/>), once at an instant (<see cref="OneTime"/>) or on a time rule (<see cref="Recurring"/>).
/// A closed set: match on the three nested kinds.
/// </summary>
public abstract record ScheduledTiming
{
    // Only the nested kinds derive, so a switch over them is complete.
    ScheduledTiming()
    {
    }

    /// <summary>A random delay of up to this duration added to each occurrence; null for none. Never negative.</summary>
    public TimeSpan? Jitter { get; init; }

    /// <summary>Run now.</summary>
    public sealed record Immediate : ScheduledTiming;

    /// <summary>Run once, at <paramref name="DueAt"/> (from <c>at</c>, or now + <c>delay</c>).</summary>
    /// <param name="DueAt">The instant the job is due, in UTC.</param>
    public sealed record OneTime(DateTimeOffset DueAt) : ScheduledTiming;

    /// <summary>Run at every occurrence of <paramref name="Rule"/> (from <c>every</c>, <c>cron</c> or <c>rrule</c>).</summary>
    /// <param name="Rule">The rule, already bounded by the schedule's <c>startAt</c> and <c>endAt</c>.</param>
    public sealed record Recurring(TimeRule Rule) : ScheduledTiming;
}
