using Scheduler.Bench.Chaos.Trials;

namespace Scheduler.Bench.Reporting;

/// <summary>
/// The targets of issue 15's benchmark table (<c>./bench.sh</c> defaults): throughput as ratios to the <c>baseline</c>
/// workload's publish → consume rate in the same run, the rest as bounds; each workload's throughput is shown next to
/// its ratio to that baseline.
/// </summary>
public static class IssueTargets
{
    const string Baseline = "baseline";
    const string BaselineRate = "publish-to-consume msgs/s";
    const string EndToEnd = "end-to-end jobs/s";

    public static readonly IReadOnlyList<Target> All =
    [
        new("W1-bulk", EndToEnd, AtLeast: true, 2.5, Baseline, BaselineRate),
        new("W1", EndToEnd, AtLeast: true, 0.6, Baseline, BaselineRate),
        new("W2", "drain jobs/s", AtLeast: true, null, Baseline, BaselineRate),
        new("W2", "drain jobs/s", AtLeast: true, 0.8, "W1-bulk", EndToEnd),
        new("W2", "runs started before due", AtLeast: false, 0),
        new("W3", "lateness p99 ms", AtLeast: false, 50),
        new("W4", "missed", AtLeast: false, 0),
        new("W4", "duplicated", AtLeast: false, 0),
        new("W4", "lateness p99 ms", AtLeast: false, 100),
        new("W5", ChaosFigure.Lost, AtLeast: false, 0),
        new("W5", ChaosFigure.CompletedTwice, AtLeast: false, 0),
        new("W5", "last success - fault s", AtLeast: false, 10),
        new("W7", "POST p95 ms @1", AtLeast: false, 5),
        new("W7", "POST p95 ms @32", AtLeast: false, 50),
    ];

    /// <summary><paramref name="result"/> with its targets checked and its ratios added to its figures (<c>end-to-end jobs/s ÷ baseline</c>).</summary>
    public static WorkloadResult Check(WorkloadResult result, IReadOnlyList<WorkloadResult> earlier)
    {
        ArgumentNullException.ThrowIfNull(result);
        var checks = All.Select(t => t.Check(result, earlier)).OfType<TargetCheck>().ToList();
        var figures = new Dictionary<string, double>(result.Figures);
        foreach (var check in checks)
        {
            if (check is { RatioFigure: { } name, Ratio: { } ratio })
                figures[name] = ratio;
        }

        var missing = checks.Where(c => c.Ratio is null && c.Reference.Length > 0).Select(c => $"{c.Reference}: {c.Figure} has no ratio").Distinct();
        return result with { Figures = figures, Targets = checks, Notes = [.. result.Notes, .. missing] };
    }
}
