namespace Scheduler.Contracts;

/// <summary>Reply to <see cref="BackfillJob"/>: how many occurrences the range held and what became of them.</summary>
public sealed record JobBackfilled
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>Occurrences of the schedule in the range.</summary>
    public int Occurrences { get; init; }

    /// <summary>Runs opened and sent.</summary>
    public int Started { get; init; }

    /// <summary>Occurrences waiting for a free slot.</summary>
    public int Queued { get; init; }

    /// <summary>Occurrences the overlap policy dropped.</summary>
    public int Skipped { get; init; }

    /// <summary>Occurrences the schedule's calendar excluded.</summary>
    public int Excluded { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
