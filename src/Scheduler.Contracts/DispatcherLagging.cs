namespace Scheduler.Contracts;

/// <summary>
/// Alert: the dispatchers are behind the due table by more than the threshold (<c>Scheduler:Alerts:DispatcherLagThreshold</c>),
/// so runs start late. Published by a service instance when the lag crosses the threshold, and again every
/// <c>Scheduler:Alerts:RepeatEvery</c> while it stays over.
/// </summary>
public sealed record DispatcherLagging
{
    /// <summary>How far behind the oldest overdue due message the dispatchers are.</summary>
    public TimeSpan Lag { get; init; }

    /// <summary>The threshold it is over.</summary>
    public TimeSpan Threshold { get; init; }

    /// <summary>Overdue due messages not sent yet.</summary>
    public long Backlog { get; init; }

    /// <summary>The service instance that noticed.</summary>
    public required string Instance { get; init; }

    /// <summary>When it was noticed.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
