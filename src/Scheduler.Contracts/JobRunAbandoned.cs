namespace Scheduler.Contracts;

/// <summary>
/// Event: the scheduler gave up on a run that is still out (a newer occurrence replaced it) and recorded it as
/// failed. Every consumer host hears it; the one running the run fires the handler's cancellation token.
/// </summary>
public sealed record JobRunAbandoned
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run to stop.</summary>
    public Guid RunId { get; init; }

    /// <summary>Why, for logs.</summary>
    public string? Reason { get; init; }
}
