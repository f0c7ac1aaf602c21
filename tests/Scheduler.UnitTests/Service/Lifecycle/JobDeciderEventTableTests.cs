using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using static Scheduler.Service.Lifecycle.JobStatus;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// What each event does to a job in each state: occurrences, retries and run reports to the recurring job
/// (<c>every PT1M</c>), the one-shot's due message to a one-shot due now under misfire <c>skip</c>. Run events name
/// the job's run as the state has it: out (running, or just sent), a retry waiting for its backoff, or, in a state
/// with none out, its last run, which has ended (a late outcome). Run records are stored as the decision leaves them,
/// also when it only looked at one.
/// </summary>
public sealed class JobDeciderEventTableTests
{
    // No status: no job was stored, or it is gone.
    static JobStatus? NoJob => null;

    public static TheoryData<string, string, JobStatus?, string> RecurringEvents => new()
    {
        { "none",                     "occurrenceDue",     NoJob,     "none" },
        { "scheduled",                "occurrenceDue",     Scheduled, "run:pending send" },
        { "running",                  "occurrenceDue",     Running,   "run:skipped audit:runSkipped" },
        { "completed",                "occurrenceDue",     Completed, "none" },
        { "faulted",                  "occurrenceDue",     Faulted,   "none" },
        { "cancelled",                "occurrenceDue",     Cancelled, "none" },
        { "paused",                   "occurrenceDue",     Paused,    "none" },
        { "scheduled, run sent",      "occurrenceDue",     Scheduled, "run:skipped audit:runSkipped" },

        { "none",                     "retryDue",          NoJob,     "none" },
        { "scheduled",                "retryDue",          Scheduled, "run:succeeded" },
        { "running",                  "retryDue",          Running,   "run:running" },
        { "completed",                "retryDue",          Completed, "run:succeeded" },
        { "faulted",                  "retryDue",          Faulted,   "run:faulted" },
        { "cancelled",                "retryDue",          Cancelled, "run:succeeded" },
        { "paused",                   "retryDue",          Paused,    "run:succeeded" },
        { "scheduled, run sent",      "retryDue",          Scheduled, "run:pending" },
        { "running, retry waiting",   "retryDue",          Running,   "run:pending send" },
        { "paused, retry waiting",    "retryDue",          Paused,    "run:pending send" },
        { "cancelled, retry waiting", "retryDue",          Cancelled, "run:skipped audit:runSkipped" },

        { "none",                     "runStarted",        NoJob,     "none" },
        { "scheduled",                "runStarted",        Scheduled, "none" },
        { "running",                  "runStarted",        Running,   "none" },
        { "completed",                "runStarted",        Completed, "none" },
        { "faulted",                  "runStarted",        Faulted,   "none" },
        { "cancelled",                "runStarted",        Cancelled, "none" },
        { "paused",                   "runStarted",        Paused,    "none" },
        { "scheduled, run sent",      "runStarted",        Running,   "run:running audit:runStarted" },

        { "none",                     "runSucceeded",      NoJob,     "none" },
        { "scheduled",                "runSucceeded",      Scheduled, "run:succeeded audit:lateOutcome" },
        { "running",                  "runSucceeded",      Scheduled, "run:succeeded audit:runSucceeded" },
        { "completed",                "runSucceeded",      Completed, "run:succeeded audit:lateOutcome" },
        { "faulted",                  "runSucceeded",      Faulted,   "run:faulted audit:lateOutcome" },
        { "cancelled",                "runSucceeded",      Cancelled, "run:succeeded audit:lateOutcome" },
        { "paused",                   "runSucceeded",      Paused,    "run:succeeded audit:lateOutcome" },
        { "scheduled, run sent",      "runSucceeded",      Scheduled, "run:succeeded audit:runStarted audit:runSucceeded" },
        { "paused, run out",          "runSucceeded",      Paused,    "run:succeeded audit:runSucceeded" },
        { "cancelled, run out",       "runSucceeded",      Cancelled, "run:succeeded audit:runSucceeded" },

        { "none",                     "runFailed retried", NoJob,     "none" },
        { "scheduled",                "runFailed retried", Scheduled, "run:succeeded audit:lateOutcome" },
        { "running",                  "runFailed retried", Running,   "run:failed run:pending retry audit:runFailed audit:retryScheduled" },
        { "completed",                "runFailed retried", Completed, "run:succeeded audit:lateOutcome" },
        { "faulted",                  "runFailed retried", Faulted,   "run:faulted audit:lateOutcome" },
        { "cancelled",                "runFailed retried", Cancelled, "run:succeeded audit:lateOutcome" },
        { "paused",                   "runFailed retried", Paused,    "run:succeeded audit:lateOutcome" },
        { "scheduled, run sent",      "runFailed retried", Running,   "run:failed run:pending audit:runStarted retry audit:runFailed audit:retryScheduled" },
        { "paused, run out",          "runFailed retried", Paused,    "run:failed run:pending retry audit:runFailed audit:retryScheduled" },
        { "cancelled, run out",       "runFailed retried", Cancelled, "run:faulted audit:runFaulted publish:JobRunFaulted" },

        { "none",                     "runFailed faulted", NoJob,     "none" },
        { "scheduled",                "runFailed faulted", Scheduled, "run:succeeded audit:lateOutcome" },
        { "running",                  "runFailed faulted", Scheduled, "run:faulted audit:runFaulted publish:JobRunFaulted" },
        { "completed",                "runFailed faulted", Completed, "run:succeeded audit:lateOutcome" },
        { "faulted",                  "runFailed faulted", Faulted,   "run:faulted audit:lateOutcome" },
        { "cancelled",                "runFailed faulted", Cancelled, "run:succeeded audit:lateOutcome" },
        { "paused",                   "runFailed faulted", Paused,    "run:succeeded audit:lateOutcome" },
        { "scheduled, run sent",      "runFailed faulted", Scheduled, "run:faulted audit:runStarted audit:runFaulted publish:JobRunFaulted" },
        { "paused, run out",          "runFailed faulted", Paused,    "run:faulted audit:runFaulted publish:JobRunFaulted" },
        { "cancelled, run out",       "runFailed faulted", Cancelled, "run:faulted audit:runFaulted publish:JobRunFaulted" },
    };

    /// <summary>The due message carries the token the job waits for, or a stale one (the job was rescheduled since).</summary>
    public static TheoryData<string, string, JobStatus?, string> OneShotEvents => new()
    {
        { "none",                     "oneShotDue",        NoJob,     "none" },
        { "scheduled",                "oneShotDue",        Scheduled, "run:pending send" },
        { "running",                  "oneShotDue",        Running,   "none" },
        { "completed",                "oneShotDue",        Completed, "none" },
        { "faulted",                  "oneShotDue",        Faulted,   "none" },
        { "cancelled",                "oneShotDue",        Cancelled, "none" },
        { "paused",                   "oneShotDue",        Paused,    "none" },
        { "scheduled, run sent",      "oneShotDue",        Scheduled, "run:skipped audit:runSkipped" },

        { "none",                     "oneShotDue stale",  NoJob,     "none" },
        { "scheduled",                "oneShotDue stale",  Scheduled, "none" },
        { "running",                  "oneShotDue stale",  Running,   "none" },
        { "completed",                "oneShotDue stale",  Completed, "none" },
        { "faulted",                  "oneShotDue stale",  Faulted,   "none" },
        { "cancelled",                "oneShotDue stale",  Cancelled, "none" },
        { "paused",                   "oneShotDue stale",  Paused,    "none" },
        { "scheduled, run sent",      "oneShotDue stale",  Scheduled, "none" },
    };

    [Theory]
    [MemberData(nameof(RecurringEvents))]
    public void An_event_decides_the_status_and_effects_of_the_table(string state, string input, JobStatus? status, string effects) =>
        DecisionTable.AssertRow(JobStates.EveryMinute, state, input, status, effects);

    [Theory]
    [MemberData(nameof(OneShotEvents))]
    public void A_one_shots_due_message_decides_the_status_and_effects_of_the_table(string state, string input, JobStatus? status, string effects) =>
        DecisionTable.AssertRow(JobStates.OneShotAt(JobStates.Now, MisfireAction.Skip), state, input, status, effects);
}
