namespace Scheduler.Service.History;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Sent to the handler's queue, not started yet.</summary>
    Pending = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    TimedOut = 4,
    Skipped = 5,

    /// <summary>The last failed attempt of an occurrence: a dead letter.</summary>
    Faulted = 6,

    /// <summary>Stopped on request (<c>POST /api/runs/{runId}/cancel</c>): not retried.</summary>
    Cancelled = 7,
}
