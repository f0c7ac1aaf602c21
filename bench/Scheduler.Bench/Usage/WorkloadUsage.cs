namespace Scheduler.Bench.Usage;

/// <summary>
/// What a workload cost: wall seconds, CPU seconds per process (NaN where not measured) and its SQL; as figures, in
/// all and per unit of work (a job, a run, a message) where the workload has one.
/// </summary>
public sealed record WorkloadUsage(double Seconds, IReadOnlyDictionary<string, double> CpuSeconds, SqlCounts Sql)
{
    /// <summary>
    /// The figures: <c>CPU s service</c> …, and with <paramref name="units"/> <c>CPU ms/job service</c> …; SQL
    /// statements and commits, per unit too unless <paramref name="sqlPerUnit"/> is false (the bus baseline, whose SQL is
    /// the idle service's polling).
    /// </summary>
    public Dictionary<string, double> Figures(long? units = null, string unit = "job", bool sqlPerUnit = true)
    {
        var figures = new Dictionary<string, double> { ["window s"] = Seconds };
        foreach (var (process, seconds) in CpuSeconds)
            figures[$"CPU s {process}"] = seconds;
        figures["CPU s all"] = CpuSeconds.Values.Where(double.IsFinite).Sum();
        var count = units ?? 0;
        if (count > 0)
        {
            foreach (var (process, seconds) in CpuSeconds)
                figures[$"CPU ms/{unit} {process}"] = seconds * 1000 / count;
            figures[$"CPU ms/{unit} all"] = figures["CPU s all"] * 1000 / count;
        }

        if (Sql.Statements is { } statements)
            figures["SQL statements"] = statements;
        figures["SQL commits"] = Sql.Commits;
        if (count > 0 && sqlPerUnit)
        {
            if (Sql.Statements is { } counted)
                figures[$"SQL statements/{unit}"] = (double)counted / count;
            figures[$"SQL commits/{unit}"] = (double)Sql.Commits / count;
        }

        return figures;
    }

    /// <summary>What the figures leave unsaid: which processes could not be measured, and whether statements were counted.</summary>
    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>();
        var unmeasured = CpuSeconds.Where(p => double.IsNaN(p.Value)).Select(p => p.Key).ToList();
        if (unmeasured.Count > 0)
            notes.Add($"no CPU figure for {string.Join(", ", unmeasured)}: not a process on this machine, or restarted during the workload");
        if (Sql.Statements is null)
            notes.Add("SQL statements not counted: pg_stat_statements is not loaded on this PostgreSQL (./bench.sh's own cluster loads it); commits from pg_stat_database only");
        return notes;
    }

    /// <summary>The most frequent statements, for the results file.</summary>
    public IReadOnlyList<StatementCount> TopStatements => Sql.Top;
}
