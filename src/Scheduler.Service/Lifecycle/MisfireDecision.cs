using Scheduler.Contracts;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Which occurrences run when a due message arrives. An occurrence sent within the job's grace time of its instant is
/// on time and runs, also when the dispatcher sends several together (it fell behind by less than the grace time).
/// Only occurrences later than that are misfires, and the job's misfire policy decides for them: <c>fireNow</c> runs
/// once for all of them (coalesced, as the latest of them), <c>skip</c> runs none, <c>catchUp</c> runs none either,
/// since it runs exactly the occurrences within the grace time, oldest first.
/// </summary>
public sealed record MisfireDecision(IReadOnlyList<DateTimeOffset> ToRun, IReadOnlyList<DateTimeOffset> Skipped, string? Note)
{
    /// <summary>True when several occurrences run: each is owed, so one that finds the job at its limit waits rather than being dropped.</summary>
    public bool CatchesUp => ToRun.Count > 1;

    public static MisfireDecision For(MisfirePolicy? policy, DateTimeOffset occurrence, IReadOnlyList<DateTimeOffset> missed, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(missed);
        var grace = policy?.GraceTime ?? JobTiming.DefaultGraceTime;
        var all = missed.Append(occurrence).Order().ToList();
        var onTime = all.Where(o => sentAt - o <= grace).ToList();
        var late = all.Where(o => sentAt - o > grace).ToList();
        var lateness = $"sent {DueHeaders.Format(sentAt)} for {DueHeaders.Format(occurrence)}";
        if (late.Count == 0)
            return new(onTime, [], onTime.Count == 1 ? null : $"{onTime.Count} occurrences sent together, each within the grace time, run each ({lateness})");

        return (policy?.Policy ?? MisfireAction.FireNow) switch
        {
            MisfireAction.Skip => new(onTime, [late[^1]],
                $"skip: {late.Count} missed occurrence(s) not run ({lateness})"),
            MisfireAction.CatchUp => CatchUp(all, sentAt, grace, lateness),
            _ => new([late[^1], .. onTime], [],
                late.Count == 1 ? $"fireNow: late occurrence runs now ({lateness})" : $"fireNow: {late.Count} missed occurrences run once ({lateness})"),
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
