namespace Scheduler.Contracts;

/// <summary>
/// Command: run every occurrence of a recurring job's schedule from <see cref="From"/> (inclusive) to <see cref="To"/>
/// (exclusive), oldest first, its calendar applied and its overlap policy obeyed; each is recorded in the occurrence
/// ledger as backfilled. At most 10,000 occurrences. Answered with <see cref="JobBackfilled"/>, <see cref="JobNotFound"/>,
/// or <see cref="JobCommandRejected"/> (not recurring, not scheduled or running, too many occurrences).
/// </summary>
public sealed record BackfillJob
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The first instant of the range (inclusive).</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>The end of the range (exclusive).</summary>
    public DateTimeOffset To { get; init; }
}
