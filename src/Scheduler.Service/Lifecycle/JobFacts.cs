using Scheduler.Service.Calendars;
using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// What a decision needs to know beyond the job itself, read from the store before deciding (see
/// <see cref="JobFactsReader"/>), so that <see cref="JobDecider"/> needs no I/O. Runs are copies: the decider never
/// changes what it is given.
/// </summary>
public sealed record JobFacts
{
    public static readonly JobFacts None = new();

    /// <summary>The run the input names (an outcome, a retry due, a replay), when it is a run of this job.</summary>
    public JobRun? Run { get; init; }

    /// <summary>For a run that replays a dead letter: the dead letter's attempt, after which the replay counts its own.</summary>
    public int ReplayedAttempts { get; init; }

    /// <summary>The job's runs that have no outcome yet: read when an occurrence may replace them (overlap <c>replace</c>).</summary>
    public IReadOnlyList<JobRun> UnfinishedRuns { get; init; } = [];

    /// <summary>The job the tenant created earlier with the command's idempotency key, if any.</summary>
    public JobState? KeyedJob { get; init; }

    /// <summary>
    /// The calendar the job's schedule names (for a new or updated definition: the one it is to name), as the store
    /// has it now; null when it names none, or none of that name exists.
    /// </summary>
    public CalendarRules? Calendar { get; init; }

    /// <summary>True when the job's armed run still waits in the due table (not sent yet), and is held there until commit.</summary>
    public bool ArmedRunWaiting { get; init; }
}
