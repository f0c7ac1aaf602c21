namespace Scheduler.Bench.Usage;

/// <summary>
/// What the service and the consumer host asked of PostgreSQL in a workload's database: statements from
/// <c>pg_stat_statements</c> (null where it is not loaded), the most frequent of them, and committed transactions from
/// <c>pg_stat_database</c>. The bench's own reads are left out of both.
/// </summary>
public sealed record SqlCounts(long? Statements, IReadOnlyList<StatementCount> Top, long Commits);
