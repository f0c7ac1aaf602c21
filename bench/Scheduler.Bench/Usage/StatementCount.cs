namespace Scheduler.Bench.Usage;

/// <summary>One normalized statement of <c>pg_stat_statements</c>: how often it ran in a workload, and its execution time in all.</summary>
public sealed record StatementCount(long Calls, double TotalMilliseconds, string Query);
