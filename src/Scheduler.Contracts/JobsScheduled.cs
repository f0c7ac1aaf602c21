namespace Scheduler.Contracts;

/// <summary>The answer to <see cref="ScheduleJobs"/>: one result per job, in the order of the command's jobs.</summary>
public sealed record JobsScheduled
{
    /// <summary>What became of each job, in the order the command named them.</summary>
    public required IReadOnlyList<JobScheduleResult> Results { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
