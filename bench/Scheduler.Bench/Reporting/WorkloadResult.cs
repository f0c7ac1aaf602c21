namespace Scheduler.Bench.Reporting;

/// <summary>What one workload measured: its parameters and its figures, each named with its unit.</summary>
public sealed record WorkloadResult(string Name, string Description, IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, double> Figures);
