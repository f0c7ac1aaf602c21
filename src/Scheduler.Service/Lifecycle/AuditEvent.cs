namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The events of the audit trail; stored and shown by their camelCase names (<c>runSucceeded</c>). The last four concern
/// no job (see <see cref="History.GlobalAudit"/>).
/// </summary>
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
    KeyCreated,
    KeyRevoked,
    SchedulerPaused,
    SchedulerResumed,
}
