using Scheduler.Contracts;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Which occurrences run when a due message arrives. On time (sent within the job's grace time of its occurrence,
/// nothing missed) the occurrence runs. Otherwise the job's misfire policy decides: <c>fireNow</c> runs once for all
/// of them (coalesced), <c>skip</c> runs none, <c>catchUp</c> runs each one still within the grace time, oldest first.
/// </summary>
public sealed record MisfireDecision(IReadOnlyList<DateTimeOffset> ToRun, IReadOnlyList<DateTimeOffset> Skipped, string? Note)
{
    /// <summary>True when several occurrences run: each is owed, so one that finds the job at its limit waits rather than being dropped.</summary>
    public bool CatchesUp => ToRun.Count > 1;

    public static MisfireDecision For(MisfirePolicy? policy, DateTimeOffset occurrence, IReadOnlyList<DateTimeOffset> missed, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(missed);
        var grace = policy?.GraceTime ?? JobTiming.DefaultGraceTime;
        var late = sentAt - occurrence > grace;
        if (!late && missed.Count == 0)
            return new([occurrence], [], null);

        var all = missed.Append(occurrence).ToList();
        var lateness = $"sent {DueHeaders.Format(sentAt)} for {DueHeaders.Format(occurrence)}";
        return (policy?.Policy ?? MisfireAction.FireNow) switch
        {
            MisfireAction.Skip => new([], [occurrence],
                $"skip: {all.Count} missed occurrence(s) not run ({lateness})"),
            MisfireAction.CatchUp => CatchUp(all, sentAt, grace, lateness),
            _ => new([occurrence], [],
                all.Count == 1 ? $"fireNow: late occurrence runs now ({lateness})" : $"fireNow: {all.Count} missed occurrences run once ({lateness})"),
        };
    }

    static MisfireDecision CatchUp(List<DateTimeOffset> all, DateTimeOffset sentAt, TimeSpan grace, string lateness)
    {
        var within = all.Where(o => sentAt - o <= grace).ToList();
        var beyond = all.Count - within.Count;
        var skipped = within.Count == 0 ? [all[^1]] : new List<DateTimeOffset>();
        return new(within, skipped,
            $"catchUp: {within.Count} missed occurrence(s) run oldest first, {beyond} beyond the grace time dropped ({lateness})");
    }
}
