namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// A message waiting in the due table: sent once at <see cref="DueAt"/> (a one-shot, from MassTransit's
/// <c>ScheduleMessage</c>), or again and again on a <see cref="Expression"/> (a recurring schedule, from
/// <c>ScheduleRecurringMessage</c>), until cancelled.
/// </summary>
public sealed class DueMessage
{
    /// <summary>The scheduling token: the command's correlation id.</summary>
    public Guid Id { get; set; }

    /// <summary>For a recurring schedule, its id within <see cref="ScheduleGroup"/>; null for a one-shot.</summary>
    public string? ScheduleId { get; set; }

    public string? ScheduleGroup { get; set; }

    /// <summary>When the dispatcher sends it next: <see cref="OccurrenceAt"/> plus any jitter.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The occurrence the next send stands for, before jitter.</summary>
    public DateTimeOffset OccurrenceAt { get; set; }

    public string Destination { get; set; } = "";

    /// <summary>The message's type URNs, separated by ';'.</summary>
    public string MessageType { get; set; } = "";

    public string ContentType { get; set; } = "";

    /// <summary>The serialized message, as its envelope will be sent.</summary>
    public string Body { get; set; } = "";

    /// <summary>The scheduling command's headers (JSON object), carried onto each send.</summary>
    public string? Headers { get; set; }

    /// <summary>The stored form of the recurring rule (see <see cref="TimeRule.Expression"/>); null for a one-shot.</summary>
    public string? Expression { get; set; }

    public string? TimeZoneId { get; set; }
    public DateTimeOffset? StartAt { get; set; }
    public DateTimeOffset? EndAt { get; set; }
    public TimeSpan? Jitter { get; set; }

    /// <summary>When true, occurrences missed while the scheduler was down are dropped instead of sent once, late.</summary>
    public bool SkipMissed { get; set; }

    public bool Paused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public long SentCount { get; set; }

    public bool IsRecurring => Expression is not null;

    /// <summary>Makes this row the recurring schedule <paramref name="group"/>/<paramref name="scheduleId"/> on <paramref name="rule"/>, next due at <paramref name="first"/>.</summary>
    public void Recur(string? group, string? scheduleId, TimeRule rule, TimeSpan? jitter, DateTimeOffset first)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ScheduleGroup = group;
        ScheduleId = scheduleId;
        Expression = rule.Expression;
        TimeZoneId = rule.TimeZoneId;
        StartAt = rule.StartAt;
        EndAt = rule.EndAt;
        Jitter = jitter;
        OccurrenceAt = first;
        DueAt = first;
        Paused = false;
    }

    /// <summary>The recurring rule this row was stored with.</summary>
    public TimeRule Rule() => TimeRuleParser.FromStored(
        Expression ?? throw new InvalidOperationException($"Due message {Id} is a one-shot and has no rule."), TimeZoneId, StartAt, EndAt);
}
