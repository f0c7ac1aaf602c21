using Scheduler.Contracts;
using Scheduler.Service.Ledger;

namespace Scheduler.Service.Lifecycle;

// The occurrence ledger: every due instant of a job and what became of it, recorded by the rules that decide it.
public static partial class JobDecider
{
    /// <summary>The most instants one resume (or enable) records as having fallen while the job was held; the ledger says how many more.</summary>
    public const int MaxPausedEntries = 100;

    static void Ledger(JobChange change, DateTimeOffset dueAt, OccurrenceFate fate, Guid? runId = null, string? detail = null, bool backfill = false) =>
        change.Add(new JobEffect.RecordOccurrence(change.Grounds.NewId(change.Now), change.Now, dueAt, fate, runId, detail, backfill));

    /// <summary>Records what the admission rules made of an occurrence due at <paramref name="dueAt"/>.</summary>
    static void LedgerAdmission(JobChange change, DateTimeOffset dueAt, OccurrenceAdmission admission, string? detail, bool backfill = false)
    {
        switch (admission)
        {
            case OccurrenceAdmission.Started:
                Ledger(change, dueAt, OccurrenceFate.Ran, change.Job.CurrentRunId, detail, backfill);
                break;
            case OccurrenceAdmission.Queued:
                Ledger(change, dueAt, OccurrenceFate.Queued, detail: "the job is at its limit: it waits for a free slot", backfill: backfill);
                break;
            default:
                Ledger(change, dueAt, OccurrenceFate.Skipped, detail: $"overlap {(change.Job.Concurrency?.Overlap ?? OverlapMode.Skip).ToString().ToLowerInvariant()}: the job is at its limit",
                    backfill: backfill);
                break;
        }
    }

    /// <summary>
    /// Records the occurrences a misfire decision considered and neither ran nor skipped: under <c>fireNow</c> they were
    /// coalesced into the one that ran, otherwise the policy dropped them.
    /// </summary>
    static void LedgerUnrun(JobChange change, MisfireDecision decision, IReadOnlyList<DateTimeOffset> considered)
    {
        var coalesced = (change.Job.Misfire?.Policy ?? MisfireAction.FireNow) == MisfireAction.FireNow;
        foreach (var dueAt in considered.Except(decision.ToRun).Except(decision.Skipped).Order())
            Ledger(change, dueAt, coalesced ? OccurrenceFate.Coalesced : OccurrenceFate.Misfired, detail: decision.Note);
    }

    /// <summary>Records the instants of a recurring job's schedule that fell while it was paused, from <paramref name="next"/> until now.</summary>
    static void LedgerPaused(JobChange change, DateTimeOffset? next) => LedgerHeld(change, next, OccurrenceFate.Paused, "the job was paused");

    /// <summary>Records the instants of a recurring job's schedule that fell while it was disabled, from <paramref name="next"/> until now.</summary>
    static void LedgerDisabled(JobChange change, DateTimeOffset? next) => LedgerHeld(change, next, OccurrenceFate.Disabled, "the job was disabled");

    static void LedgerHeld(JobChange change, DateTimeOffset? next, OccurrenceFate fate, string detail)
    {
        if (next is not { } first || first > change.Now)
            return;

        var rule = change.Job.RecurringRule();
        var recorded = 0;
        for (DateTimeOffset? due = first; due is { } at && at <= change.Now; due = rule.NextAfter(at))
        {
            if (recorded == MaxPausedEntries)
            {
                Ledger(change, at, fate, detail: $"{detail}, and every later occurrence until {Format(change.Now)}");
                return;
            }

            Ledger(change, at, fate, detail: detail);
            recorded++;
        }
    }
}
