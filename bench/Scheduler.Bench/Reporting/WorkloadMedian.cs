using System.Globalization;

namespace Scheduler.Bench.Reporting;

/// <summary>
/// One result from several runs of a workload: each figure (and each usage figure) is the median of the runs that
/// measured it, so that one run disturbed by the machine does not make the figure. The figures of every run are kept.
/// </summary>
public static class WorkloadMedian
{
    public static WorkloadResult Of(IReadOnlyList<WorkloadResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        if (runs.Count == 1)
            return runs[0];

        var figures = Medians(runs.Select(r => r.Figures).ToList());
        // The statements of the run whose first figure is the median one: one run's statements, not a mixture.
        var first = runs[0].Figures.Keys.FirstOrDefault();
        var middle = first is null ? runs[0] : runs.OrderBy(r => r.Figures.GetValueOrDefault(first, double.NaN)).ElementAt(runs.Count / 2);
        return runs[0] with
        {
            Figures = figures,
            Usage = Medians(runs.Select(r => r.Usage).ToList()),
            Notes = [$"median of {runs.Count} runs; each run: {Describe(runs, first)}", .. runs.SelectMany(r => r.Notes).Distinct()],
            Statements = middle.Statements,
            Runs = runs.Select(r => r.Figures).ToList(),
        };
    }

    /// <summary>The median of each key over the dictionaries that have it (of an even count, the mean of the middle two).</summary>
    public static IReadOnlyDictionary<string, double> Medians(IReadOnlyList<IReadOnlyDictionary<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var keys = values.SelectMany(v => v.Keys).Distinct();
        var medians = new Dictionary<string, double>();
        foreach (var key in keys)
        {
            var sorted = values.Where(v => v.ContainsKey(key)).Select(v => v[key]).Where(x => !double.IsNaN(x)).Order().ToList();
            medians[key] = sorted.Count == 0 ? double.NaN
                : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        return medians;
    }

    static string Describe(IReadOnlyList<WorkloadResult> runs, string? figure) =>
        figure is null ? $"{runs.Count} runs"
            : $"{figure} " + string.Join(", ", runs.Select(r => r.Figures.GetValueOrDefault(figure, double.NaN).ToString("0.###", CultureInfo.InvariantCulture)));
}
