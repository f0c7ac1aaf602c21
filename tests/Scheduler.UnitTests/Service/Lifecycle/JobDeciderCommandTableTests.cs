using Scheduler.Service.Lifecycle;
using static Scheduler.Service.Lifecycle.JobStatus;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// What each command does to the recurring job (<c>every PT1M</c>) in each state: the status decided and the effects,
/// in order (see <see cref="EffectSummary"/> for the words). A job being created has no status until it is stored; a
/// command for no job changes nothing (the saga answers it with JobNotFound before deciding).
/// </summary>
public sealed class JobDeciderCommandTableTests
{
    // No status: no job was stored, or it is gone.
    static JobStatus? NoJob => null;

    public static TheoryData<string, string, JobStatus?, string> Commands => new()
    {
        { "none",      "schedule",         Scheduled, "audit:scheduled recur reply:JobScheduled(new)" },
        { "scheduled", "schedule",         Scheduled, "reply:JobScheduled(existing)" },
        { "running",   "schedule",         Running,   "reply:JobScheduled(existing)" },
        { "completed", "schedule",         Completed, "reply:JobScheduled(existing)" },
        { "faulted",   "schedule",         Faulted,   "reply:JobScheduled(existing)" },
        { "cancelled", "schedule",         Cancelled, "reply:JobScheduled(existing)" },
        { "paused",    "schedule",         Paused,    "reply:JobScheduled(existing)" },

        { "none",      "schedule invalid", NoJob,     "reply:JobRejected" },
        { "scheduled", "schedule invalid", Scheduled, "reply:JobScheduled(existing)" },
        { "running",   "schedule invalid", Running,   "reply:JobScheduled(existing)" },
        { "completed", "schedule invalid", Completed, "reply:JobScheduled(existing)" },
        { "faulted",   "schedule invalid", Faulted,   "reply:JobScheduled(existing)" },
        { "cancelled", "schedule invalid", Cancelled, "reply:JobScheduled(existing)" },
        { "paused",    "schedule invalid", Paused,    "reply:JobScheduled(existing)" },

        { "none",      "schedule keyed",   NoJob,     "reply:JobScheduled(existing)" },
        { "scheduled", "schedule keyed",   Scheduled, "reply:JobScheduled(existing)" },
        { "running",   "schedule keyed",   Running,   "reply:JobScheduled(existing)" },
        { "completed", "schedule keyed",   Completed, "reply:JobScheduled(existing)" },
        { "faulted",   "schedule keyed",   Faulted,   "reply:JobScheduled(existing)" },
        { "cancelled", "schedule keyed",   Cancelled, "reply:JobScheduled(existing)" },
        { "paused",    "schedule keyed",   Paused,    "reply:JobScheduled(existing)" },

        { "none",      "update",           NoJob,     "none" },
        { "scheduled", "update",           Scheduled, "cancelRecur audit:updated recur reply:JobUpdated" },
        { "running",   "update",           Running,   "cancelRecur audit:updated recur reply:JobUpdated" },
        { "completed", "update",           Scheduled, "cancelRecur audit:updated recur reply:JobUpdated" },
        { "faulted",   "update",           Scheduled, "cancelRecur audit:updated recur reply:JobUpdated" },
        { "cancelled", "update",           Cancelled, "reply:JobCommandRejected" },
        { "paused",    "update",           Paused,    "cancelRecur audit:updated recur(paused) reply:JobUpdated" },

        { "none",      "update invalid",   NoJob,     "none" },
        { "scheduled", "update invalid",   Scheduled, "reply:JobRejected" },
        { "running",   "update invalid",   Running,   "reply:JobRejected" },
        { "completed", "update invalid",   Completed, "reply:JobRejected" },
        { "faulted",   "update invalid",   Faulted,   "reply:JobRejected" },
        { "cancelled", "update invalid",   Cancelled, "reply:JobCommandRejected" },
        { "paused",    "update invalid",   Paused,    "reply:JobRejected" },

        { "none",      "trigger",          NoJob,     "none" },
        { "scheduled", "trigger",          Scheduled, "run:pending audit:triggered send reply:JobTriggered(started)" },
        { "running",   "trigger",          Running,   "run:skipped audit:triggered audit:runSkipped reply:JobTriggered(skipped)" },
        { "completed", "trigger",          Scheduled, "run:pending audit:triggered send reply:JobTriggered(started)" },
        { "faulted",   "trigger",          Scheduled, "run:pending audit:triggered send reply:JobTriggered(started)" },
        { "cancelled", "trigger",          Cancelled, "reply:JobCommandRejected" },
        { "paused",    "trigger",          Paused,    "reply:JobCommandRejected" },

        { "none",      "replay",           NoJob,     "none" },
        { "scheduled", "replay",           Scheduled, "run:faulted run:pending send audit:runReplayed reply:RunReplayed" },
        { "running",   "replay",           Running,   "run:faulted run:pending send audit:runReplayed reply:RunReplayed" },
        { "completed", "replay",           Scheduled, "run:faulted run:pending send audit:runReplayed reply:RunReplayed" },
        { "faulted",   "replay",           Scheduled, "run:faulted run:pending send audit:runReplayed reply:RunReplayed" },
        { "cancelled", "replay",           Cancelled, "reply:JobCommandRejected" },
        { "paused",    "replay",           Paused,    "reply:JobCommandRejected" },

        { "none",      "pause",            NoJob,     "none" },
        { "scheduled", "pause",            Paused,    "pauseRecur audit:paused reply:JobPaused" },
        { "running",   "pause",            Paused,    "pauseRecur audit:paused reply:JobPaused" },
        { "completed", "pause",            Completed, "reply:JobCommandRejected" },
        { "faulted",   "pause",            Faulted,   "reply:JobCommandRejected" },
        { "cancelled", "pause",            Cancelled, "reply:JobCommandRejected" },
        { "paused",    "pause",            Paused,    "reply:JobPaused" },

        { "none",      "resume",           NoJob,     "none" },
        { "scheduled", "resume",           Scheduled, "reply:JobResumed" },
        { "running",   "resume",           Running,   "reply:JobResumed" },
        { "completed", "resume",           Completed, "reply:JobCommandRejected" },
        { "faulted",   "resume",           Faulted,   "reply:JobCommandRejected" },
        { "cancelled", "resume",           Cancelled, "reply:JobCommandRejected" },
        { "paused",    "resume",           Scheduled, "resumeRecur audit:resumed reply:JobResumed" },

        { "none",      "cancel",           NoJob,     "none" },
        { "scheduled", "cancel",           Cancelled, "cancelRecur audit:cancelled reply:JobCancelled" },
        { "running",   "cancel",           Cancelled, "cancelRecur audit:cancelled reply:JobCancelled" },
        { "completed", "cancel",           Completed, "reply:JobCancelled" },
        { "faulted",   "cancel",           Faulted,   "reply:JobCancelled" },
        { "cancelled", "cancel",           Cancelled, "reply:JobCancelled" },
        { "paused",    "cancel",           Cancelled, "cancelRecur audit:cancelled reply:JobCancelled" },
        { "deleted",   "cancel",           Cancelled, "reply:JobCancelled" },

        { "none",      "delete",           NoJob,     "none" },
        { "scheduled", "delete",           Cancelled, "cancelRecur audit:deleted reply:JobDeleted" },
        { "running",   "delete",           Cancelled, "cancelRecur audit:deleted reply:JobDeleted" },
        { "completed", "delete",           Completed, "audit:deleted reply:JobDeleted" },
        { "faulted",   "delete",           Faulted,   "audit:deleted reply:JobDeleted" },
        { "cancelled", "delete",           Cancelled, "audit:deleted reply:JobDeleted" },
        { "paused",    "delete",           Cancelled, "cancelRecur audit:deleted reply:JobDeleted" },
        { "deleted",   "delete",           Cancelled, "reply:JobDeleted" },

        { "none",      "purge",            NoJob,     "none" },
        { "scheduled", "purge",            Scheduled, "none" },
        { "running",   "purge",            Running,   "none" },
        { "completed", "purge",            Completed, "none" },
        { "faulted",   "purge",            Faulted,   "none" },
        { "cancelled", "purge",            Cancelled, "none" },
        { "paused",    "purge",            Paused,    "none" },
        { "deleted",   "purge",            NoJob,     "remove" },

        // A deleted job stays as it ended: it is not defined, run or replayed again.
        { "deleted, completed", "update",  Completed, "reply:JobCommandRejected" },
        { "deleted, completed", "trigger", Completed, "reply:JobCommandRejected" },
        { "deleted, completed", "replay",  Completed, "reply:JobCommandRejected" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_command_decides_the_status_and_effects_of_the_table(string state, string input, JobStatus? status, string effects) =>
        DecisionTable.AssertRow(JobStates.EveryMinute, state, input, status, effects);
}
