namespace Scheduler.Contracts;

/// <summary>Reply to <see cref="ReplayRun"/>: the dead letter runs again as a new run.</summary>
public sealed record RunReplayed
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The new run.</summary>
    public Guid RunId { get; init; }

    /// <summary>The dead letter it replays.</summary>
    public Guid ReplayOf { get; init; }

    /// <summary>When the scheduler answered.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
