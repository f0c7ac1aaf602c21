namespace Scheduler.Service.Lifecycle;

/// <summary>The events of a job's audit trail; stored and shown by their camelCase names (<c>runSucceeded</c>).</summary>
public enum AuditEvent
{
    Scheduled,
    Updated,
    Triggered,
    Paused,
    Resumed,
    Cancelled,
    Deleted,
    Misfire,
    RunQueued,
    QueuedRunSent,
    RunSkipped,
    RunStarted,
    RunSucceeded,
    RunFailed,
    RunTimedOut,
    RetryScheduled,
    RunFaulted,
    RunAbandoned,
    RunReplayed,
    LateOutcome,
    OccurrenceExcluded,
    Backfilled,
    Disabled,
    Enabled,
    RunCancelled,
    FollowUpScheduled,
}
