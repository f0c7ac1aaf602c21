namespace Scheduler.Contracts;

/// <summary>Reply to <see cref="CancelRun"/>: the run has ended cancelled.</summary>
public sealed record RunCancelled
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The cancelled run.</summary>
    public Guid RunId { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
