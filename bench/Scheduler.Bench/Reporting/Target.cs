using System.Globalization;

namespace Scheduler.Bench.Reporting;

/// <summary>
/// A target of issue 15 on one figure of a workload: a bound on the figure itself (<c>lateness p99 ms ≤ 50</c>), or on
/// its ratio to a figure of another workload measured in the same run (<c>≥ 2.5 × baseline</c>), since machines differ
/// by up to 3× from day to day. A ratio without a bound is only shown.
/// </summary>
public sealed record Target(string Workload, string Figure, bool AtLeast, double? Bound, string? ReferenceWorkload = null, string? ReferenceFigure = null)
{
    /// <summary>The check of <paramref name="result"/>, with <paramref name="earlier"/> results of the same run; null when the figure was not measured.</summary>
    public TargetCheck? Check(WorkloadResult result, IReadOnlyList<WorkloadResult> earlier)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(earlier);
        if (result.Name != Workload || !result.Figures.TryGetValue(Figure, out var value))
            return null;
        var comparison = AtLeast ? "≥" : "≤";
        if (ReferenceWorkload is null)
        {
            var met = Bound is { } limit && !double.IsNaN(value) ? (AtLeast ? value >= limit : value <= limit) : (bool?)null;
            return new TargetCheck(Figure, value, null, "", Invariant($"{comparison} {Bound}"), met);
        }

        var reference = $"{ReferenceWorkload} {ReferenceFigure}";
        var target = Bound is { } bound ? Invariant($"{comparison} {bound} × {ReferenceWorkload}") : "";
        var measured = earlier.LastOrDefault(r => r.Name == ReferenceWorkload)?.Figures.GetValueOrDefault(ReferenceFigure!, double.NaN) ?? double.NaN;
        if (double.IsNaN(measured) || measured <= 0)
            return new TargetCheck(Figure, value, null, $"no {ReferenceWorkload} in this run", target, null);
        var ratio = value / measured;
        return new TargetCheck(Figure, value, ratio, Invariant($"{reference} {measured:0.#}"), target,
            Bound is { } least ? (AtLeast ? ratio >= least : ratio <= least) : null, $"{Figure} ÷ {ReferenceWorkload}");
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
