using Scheduler.Bench.Usage;

namespace Scheduler.Bench.Reporting;

/// <summary>What one workload measured: its parameters and its figures, each named with its unit.</summary>
public sealed record WorkloadResult(string Name, string Description, IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, double> Figures)
{
    /// <summary>What the figures leave unsaid (a process not measured, a reference workload that did not run).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The targets for this workload's figures, checked.</summary>
    public IReadOnlyList<TargetCheck> Targets { get; init; } = [];

    /// <summary>
    /// What the workload cost (see <see cref="WorkloadUsage.Figures"/>): CPU seconds per process, per unit of work, SQL
    /// statements and commits; empty where it was not measured.
    /// </summary>
    public IReadOnlyDictionary<string, double> Usage { get; init; } = new Dictionary<string, double>();

    /// <summary>The figures of each run, where the workload ran several times and its figures are their medians (<see cref="WorkloadMedian"/>).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Runs { get; init; } = [];

    /// <summary>The most frequent SQL statements of the workload (<c>pg_stat_statements</c>), where counted.</summary>
    public IReadOnlyList<StatementCount> Statements { get; init; } = [];

    /// <summary>This result with what <paramref name="usage"/> measured: its figures (per <paramref name="unit"/> with <paramref name="units"/>), notes and statements.</summary>
    public WorkloadResult With(WorkloadUsage usage, long? units = null, string unit = "job", bool sqlPerUnit = true)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return this with { Usage = usage.Figures(units, unit, sqlPerUnit), Notes = [.. Notes, .. usage.Notes()], Statements = usage.TopStatements };
    }
}
