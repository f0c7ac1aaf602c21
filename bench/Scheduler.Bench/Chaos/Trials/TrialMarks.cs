using Scheduler.Bench.Chaos.Faults;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>What a trial noted as it went, for its figures: left unset where it did not get that far.</summary>
public sealed class TrialMarks
{
    /// <summary>One-shot jobs published.</summary>
    public int Jobs { get; set; }

    /// <summary>Recurring occurrences owed.</summary>
    public long RecurringOccurrences { get; set; }

    /// <summary>See <see cref="FaultPlan.RecurringMissesAreLost"/>.</summary>
    public bool RecurringMissesAreLost { get; set; }

    /// <summary>When the first job was due, and the recurring jobs started.</summary>
    public DateTimeOffset? FirstDue { get; set; }

    /// <summary>Recurring jobs published.</summary>
    public int RecurringJobs { get; set; }

    /// <summary>The recurring jobs' interval.</summary>
    public TimeSpan RecurringEvery { get; set; }

    public long? StoredAtFault { get; set; }
    public long? DoneAtFault { get; set; }

    /// <summary>The handler journal's length at the fault.</summary>
    public long JournalCut { get; set; }

    public DateTimeOffset? FaultAt { get; set; }
    public FaultEffect? Effect { get; set; }

    /// <summary>From when recovery is counted: the component back, or the fault for one that does not come back.</summary>
    public DateTimeOffset? BackAt => Effect?.BackAt;
}
