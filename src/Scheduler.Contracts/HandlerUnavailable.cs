namespace Scheduler.Contracts;

/// <summary>
/// Alert: runs wait for a handler that no consumer host serves now, so they will not start until one comes back.
/// Published when it is first seen, and again every <c>Scheduler:Alerts:RepeatEvery</c> while it lasts.
/// </summary>
public sealed record HandlerUnavailable
{
    /// <summary>The handler.</summary>
    public required string Handler { get; init; }

    /// <summary>Runs sent to its queue (or due to be) that have not started.</summary>
    public long WaitingRuns { get; init; }

    /// <summary>The service instance that noticed.</summary>
    public required string Instance { get; init; }

    /// <summary>When it was noticed.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
