namespace Scheduler.Bench.Consumer;

/// <summary>One occurrence of a job, its due instant to the microsecond (PostgreSQL keeps no finer).</summary>
public sealed record Occurrence
{
    public Occurrence(Guid jobId, DateTimeOffset scheduledFor)
    {
        JobId = jobId;
        Microseconds = scheduledFor.UtcTicks / 10;
    }

    public Guid JobId { get; }
    public long Microseconds { get; }
}
