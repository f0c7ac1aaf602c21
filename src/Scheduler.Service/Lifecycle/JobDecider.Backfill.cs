using Scheduler.Contracts;
using Scheduler.Service.Ledger;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Scheduling.TimeRules;

namespace Scheduler.Service.Lifecycle;

// Backfill: the schedule's occurrences in a past (or any) range, run now, oldest first, as if each had just fallen due
// on time: the calendar leaves out what it excludes, the overlap policy decides at the job's limit.
public static partial class JobDecider
{
    /// <summary>The most occurrences one backfill runs.</summary>
    public const int MaxBackfillOccurrences = 10_000;

    static void Backfill(JobChange change, JobInput.Backfill input)
    {
        var job = change.Job;
        if (change.Status is not (JobStatus.Scheduled or JobStatus.Running) || job.DeletedAt is not null)
        {
            Refuse(change, change.Status == JobStatus.Paused ? "resume it before a backfill" : "only a scheduled or running job is backfilled");
            return;
        }

        if (!job.IsRecurring())
        {
            Refuse(change, "a backfill runs the occurrences of a recurring schedule (every, cron or rrule)");
            return;
        }

        if (BackfillOccurrences(BackfillRule(job), input.From, input.To) is not { } occurrences)
        {
            Refuse(change, $"the range holds more than {MaxBackfillOccurrences:N0} occurrences: backfill a shorter one");
            return;
        }

        var status = change.Status!.Value;
        var (started, queued, skipped, excluded) = (0, 0, 0, 0);
        foreach (var due in occurrences)
        {
            if (change.Facts.Calendar?.Excludes(due) is { } exclusion)
            {
                Ledger(change, due, OccurrenceFate.Excluded, detail: $"calendar '{exclusion.Calendar}': {exclusion.Reason}", backfill: true);
                excluded++;
                continue;
            }

            var admission = Admit(change, due, owed: false);
            LedgerAdmission(change, due, admission, "backfill", backfill: true);
            _ = admission switch
            {
                OccurrenceAdmission.Started => started++,
                OccurrenceAdmission.Queued => queued++,
                _ => skipped++,
            };
        }

        job.UpdatedAt = change.Now;
        change.Status = Settled(job);
        change.Audit(AuditEvent.Backfilled, input.Actor, status, change.Status.Value, detail:
            $"{Format(input.From)} to {Format(input.To)}: {occurrences.Count} occurrence(s), {started} started, {queued} queued, {skipped} skipped, {excluded} excluded");
        change.Reply(new JobBackfilled
        {
            JobId = job.CorrelationId,
            Occurrences = occurrences.Count,
            Started = started,
            Queued = queued,
            Skipped = skipped,
            Excluded = excluded,
            Timestamp = change.Now,
        });
    }

    /// <summary>
    /// The rule a backfill walks: a cron schedule without its own <c>startAt</c> reaches back before the job was created
    /// (that is what a backfill is for); an interval keeps its grid and a recurrence rule its DTSTART, both anchored then.
    /// </summary>
    public static TimeRule BackfillRule(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Schedule is { Cron: { } cron, StartAt: null } schedule
            ? CronTimeRule.Parse(cron, IanaTimeZone.Find(schedule.TimeZone), null, schedule.EndAt, DstChoice.From(schedule.Dst))
            : job.RecurringRule();
    }

    /// <summary>The rule's occurrences from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first; null when there are more than <see cref="MaxBackfillOccurrences"/>.</summary>
    public static IReadOnlyList<DateTimeOffset>? BackfillOccurrences(TimeRule rule, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var found = new List<DateTimeOffset>();
        for (var next = rule.NextAfter(from.AddTicks(-1)); next is { } due && due < to; next = rule.NextAfter(due))
        {
            if (found.Count == MaxBackfillOccurrences)
                return null;
            found.Add(due);
        }

        return found;
    }
}
